#include "itemmodels/requestlistmodel.h"

#include "itemmodels/requesttexts.h"
#include "storage/requestrepository.h"
#include "storage/requestsearchrepository.h"

#include <QLocale>

namespace civicdesk {

RequestListModel::RequestListModel(const RequestSearchRepository &search, QObject *parent)
    : QAbstractTableModel(parent),
      m_count([&search](const HistoryFilter &f) { return search.count(f, CountCap); }),
      m_page([&search](const HistoryFilter &f, const PageCursor &after) {
          return search.page(f, after, PageSize);
      }),
      m_sortable(true)
{
    reload();
}

RequestListModel::RequestListModel(const RequestRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_count([&repository](const HistoryFilter &f) {
          return repository.count({f.text, f.status, {}});
      }),
      // Offset pages: the offset travels in the cursor's key.
      m_page([&repository](const HistoryFilter &f, const PageCursor &after) {
          const int offset = after.key.toInt();
          RequestPage page{repository.page({f.text, f.status, {}}, offset, PageSize), {}};
          page.next = {offset + int(page.rows.size()), 1};
          return page;
      })
{
    reload();
}

void RequestListModel::setFilter(const HistoryFilter &filter)
{
    m_filter = filter;
    reload();
}

void RequestListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_cursor = {};
    m_total = m_count(m_filter);
    m_more = m_total > 0;
    // The first page comes with the reset: the view shows rows at once.
    if (m_more) {
        const RequestPage page = m_page(m_filter, m_cursor);
        m_rows = page.rows;
        m_cursor = page.next;
        m_more = page.rows.size() == PageSize;
        if (!m_more)
            m_total = int(m_rows.size());
    }
    // Nothing fetches more from inside the reset notification (a view or tester reacting to it
    // would insert rows while the reset is still being announced).
    m_resetting = true;
    endResetModel();
    m_resetting = false;
}

QString RequestListModel::requestId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : QString();
}

int RequestListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool RequestListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more && !m_resetting;
}

void RequestListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || !m_more || m_resetting)
        return;
    const RequestPage page = m_page(m_filter, m_cursor);
    m_more = page.rows.size() == PageSize;
    if (page.rows.isEmpty()) {
        // The store shrank under us: stop offering more.
        m_total = int(m_rows.size());
        return;
    }
    m_cursor = page.next;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.rows.size() - 1));
    m_rows += page.rows;
    endInsertRows();
    // The end of the list makes the count exact, including past the counting cap.
    if (!m_more || m_rows.size() > m_total)
        m_total = int(m_rows.size());
}

void RequestListModel::sort(int column, Qt::SortOrder order)
{
    static const HistorySort sorts[ColumnCount] = {
        HistorySort::ByNumber,  HistorySort::ByType,    HistorySort::ByStatus, HistorySort::ByDue,
        HistorySort::ByChannel, HistorySort::ByAddress, HistorySort::ByOpened};
    if (!m_sortable || column < 0 || column >= ColumnCount)
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (m_filter.sort == sorts[column] && m_filter.descending == descending)
        return;
    m_filter.sort = sorts[column];
    m_filter.descending = descending;
    reload();
}

QVariant RequestListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServiceRequest &r = m_rows.at(index.row());
    if (role == IdRole)
        return r.id;
    if (role == SlaStateRole)
        return int(r.slaState(m_clock()));
    if (role == Qt::ToolTipRole && index.column() == Address)
        return r.neighborhood.isEmpty() ? r.address : r.address + u" — " + r.neighborhood;
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Number:
        return r.number;
    case Type:
        return r.typeName;
    case Status:
        return requesttexts::status(r.status);
    case Sla:
        return requesttexts::sla(r.slaState(m_clock()));
    case Channel:
        return requesttexts::channel(r.channel);
    case Address:
        return r.address;
    case Opened:
        return QLocale().toString(m_zone.isValid() ? r.openedAt.toTimeZone(m_zone)
                                                   : r.openedAt.toLocalTime(),
                                  QLocale::ShortFormat);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Number:
        return tr("Number");
    case Type:
        return tr("Type");
    case Status:
        return tr("Status");
    case Sla:
        return tr("SLA");
    case Channel:
        return tr("Channel");
    case Address:
        return tr("Address");
    case Opened:
        return tr("Opened");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace civicdesk

#include "models/itemmodels/requestlistmodel.h"

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"

namespace civicdesk {

RequestListModel::RequestListModel(const Database &database, QObject *parent,
                                   RequestQueryRunner::Mode mode)
    : QAbstractTableModel(parent), m_runner(new RequestQueryRunner(database, mode, this))
{
    connect(m_runner, &RequestQueryRunner::finished, this, &RequestListModel::answered);
    connect(m_runner, &RequestQueryRunner::failed, this,
            [this](quint64 generation, const QString &message) {
                if (generation != m_generation)
                    return;
                m_fetching = false;
                m_more = false;
                if (m_loading) {
                    m_loading = false;
                    emit loadingChanged(false);
                }
                emit failed(message);
            });
    reload();
}

void RequestListModel::setFilter(const HistoryFilter &filter)
{
    m_filter = filter;
    reload();
}

void RequestListModel::reload()
{
    // The rows shown stay until the new first page replaces them.
    ++m_generation;
    m_fetching = false;
    const bool wasLoading = m_loading;
    m_loading = true;
    if (!wasLoading)
        emit loadingChanged(true);
    m_runner->run({m_generation, m_filter, {}, PageSize, CountCap});
}

void RequestListModel::answered(const RequestQueryResult &result)
{
    if (result.generation != m_generation) {
        ++m_staleDropped;
        return;
    }
    if (m_loading)
        showFirstPage(result);
    else if (m_fetching)
        appendPage(result);
}

void RequestListModel::showFirstPage(const RequestQueryResult &result)
{
    beginResetModel();
    m_rows = result.page.rows;
    m_cursor = result.page.next;
    m_total = result.total;
    m_more = m_rows.size() == PageSize;
    if (!m_more)
        m_total = int(m_rows.size());
    // Nothing fetches more from inside the reset notification (a view or tester reacting to it
    // would insert rows while the reset is still being announced).
    m_resetting = true;
    endResetModel();
    m_resetting = false;
    m_loading = false;
    emit loadingChanged(false);
}

void RequestListModel::appendPage(const RequestQueryResult &result)
{
    m_fetching = false;
    const RequestPage &page = result.page;
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
    return !parent.isValid() && m_more && !m_resetting && !m_loading && !m_fetching;
}

void RequestListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    m_runner->run({m_generation, m_filter, m_cursor, PageSize, 0});
}

void RequestListModel::sort(int column, Qt::SortOrder order)
{
    static const HistorySort sorts[ColumnCount] = {
        HistorySort::ByNumber,  HistorySort::ByType,    HistorySort::ByStatus, HistorySort::ByDue,
        HistorySort::ByChannel, HistorySort::ByAddress, HistorySort::ByOpened};
    if (column < 0 || column >= ColumnCount)
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
        return int(r.slaState(m_clock.now()));
    if (role == Qt::ToolTipRole && index.column() == Address)
        return r.neighborhood.isEmpty() ? r.address : r.address + u" — " + r.neighborhood;
    if (role == Qt::ToolTipRole && index.column() == Opened)
        return requesttexts::fullMoment(r.openedAt, m_zone);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Number:
        return RequestNumber::published(r.number);
    case Type:
        return m_names.shown(r.serviceCode, r.typeName);
    case Status:
        return requesttexts::status(r);
    case Sla:
        return requesttexts::sla(r.slaState(m_clock.now()));
    case Channel:
        return requesttexts::channel(r.channel);
    case Address:
        return r.address;
    case Opened:
        return requesttexts::listMoment(r.openedAt, m_clock.now(), m_zone);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == Opened)
        return tr("Opened");
    return requesttexts::columnTitle(section);
}

} // namespace civicdesk

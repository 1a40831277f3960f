#include "itemmodels/requestlistmodel.h"

#include <QLocale>

namespace civicdesk {

RequestListModel::RequestListModel(const RequestRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{
    reload();
}

void RequestListModel::setFilter(const RequestFilter &filter)
{
    m_filter = filter;
    reload();
}

void RequestListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_total = m_repository.count(m_filter);
    endResetModel();
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
    return !parent.isValid() && m_rows.size() < m_total;
}

void RequestListModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid())
        return;
    const QList<ServiceRequest> page = m_repository.page(m_filter, int(m_rows.size()), PageSize);
    if (page.isEmpty()) {
        // The store shrank under us: stop offering more.
        m_total = int(m_rows.size());
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.size() - 1));
    m_rows += page;
    endInsertRows();
}

namespace {
QString statusText(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Open:
        return RequestListModel::tr("Open");
    case RequestStatus::InProgress:
        return RequestListModel::tr("In progress");
    case RequestStatus::Closed:
        return RequestListModel::tr("Closed");
    }
    return {};
}

QString slaText(SlaState state)
{
    switch (state) {
    case SlaState::NoTarget:
        return RequestListModel::tr("No target");
    case SlaState::OnTime:
        return RequestListModel::tr("On time");
    case SlaState::DueSoon:
        return RequestListModel::tr("Due soon");
    case SlaState::Overdue:
        return RequestListModel::tr("Overdue");
    }
    return {};
}

QString channelText(const QString &channel)
{
    if (channel == u"phone")
        return RequestListModel::tr("Phone");
    if (channel == u"web")
        return RequestListModel::tr("Web");
    if (channel == u"app")
        return RequestListModel::tr("App");
    if (channel == u"employee")
        return RequestListModel::tr("Employee");
    if (channel == u"social")
        return RequestListModel::tr("Social media");
    if (channel == u"walk_in")
        return RequestListModel::tr("Walk-in");
    if (channel == u"email")
        return RequestListModel::tr("Email");
    return channel;
}
} // namespace

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
        return statusText(r.status);
    case Sla:
        return slaText(r.slaState(m_clock()));
    case Channel:
        return channelText(r.channel);
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

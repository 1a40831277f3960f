#include "models/itemmodels/callbacklistmodel.h"

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"

#include <QLocale>

namespace civicdesk {

CallbackListModel::CallbackListModel(QObject *parent) : QAbstractTableModel(parent) {}

void CallbackListModel::setEntries(QList<CallbackEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int CallbackListModel::dueCount() const
{
    const QDateTime now = m_clock.now();
    return int(std::count_if(m_entries.cbegin(), m_entries.cend(), [&now](const CallbackEntry &e) {
        const CallbackEntry::State state = e.state(now);
        return state == CallbackEntry::State::Overdue || state == CallbackEntry::State::DueSoon;
    }));
}

QString CallbackListModel::stateText(CallbackEntry::State state)
{
    switch (state) {
    case CallbackEntry::State::Later:
        return tr("Later");
    case CallbackEntry::State::DueSoon:
        return tr("Due soon");
    case CallbackEntry::State::Overdue:
        return tr("Overdue");
    case CallbackEntry::State::Done:
        return tr("Done");
    }
    return {};
}

int CallbackListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CallbackListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallbackListModel::display(const CallbackEntry &e, Column column) const
{
    switch (column) {
    case Due:
        return QLocale().toString(m_zone.isValid() ? e.dueAt.toTimeZone(m_zone)
                                                   : e.dueAt.toLocalTime(),
                                  QLocale::ShortFormat);
    case State:
        return stateText(e.state(m_clock.now()));
    case Number:
        return RequestNumber::published(e.requestNumber);
    case Type:
        return e.typeName.isEmpty() ? QString()
                                    : tr("%1 (%2)").arg(m_names.shown(e.serviceCode, e.typeName),
                                                        requesttexts::status(e.requestStatus));
    case Caller:
        return e.callerName.isEmpty() ? e.phone : tr("%1, %2").arg(e.callerName, e.phone);
    case Note:
        return e.note;
    case ScheduledBy:
        return e.scheduledBy;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CallbackListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CallbackEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(e, Column(index.column()));
    case Qt::ToolTipRole:
        return e.address.isEmpty() ? QVariant() : QVariant(e.address);
    case CallbackIdRole:
        return e.id;
    case RequestIdRole:
        return e.requestId;
    case StateRole:
        return int(e.state(m_clock.now()));
    default:
        return {};
    }
}

QVariant CallbackListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Due:
        return tr("Due");
    case State:
        return tr("State");
    case Number:
        return tr("Request");
    case Type:
        return tr("Type");
    case Caller:
        return tr("Call");
    case Note:
        return tr("About");
    case ScheduledBy:
        return tr("Promised by");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace civicdesk

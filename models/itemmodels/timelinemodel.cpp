#include "models/itemmodels/timelinemodel.h"

#include "models/domain/requestnumber.h"
#include "models/itemmodels/requesttexts.h"

#include <QLocale>

namespace civicdesk {

TimelineModel::TimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

void TimelineModel::setEntries(QList<TimelineEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TimelineModel::localTime(const QDateTime &time) const
{
    return QLocale().toString(m_zone.isValid() ? time.toTimeZone(m_zone) : time.toLocalTime(),
                              QLocale::ShortFormat);
}

QString TimelineModel::describe(const TimelineEntry &e) const
{
    const auto orNone = [](const QString &text) { return text.isEmpty() ? tr("(empty)") : text; };
    switch (e.kind) {
    case TimelineEntry::Kind::Created:
        if (e.imported)
            return tr("Opened (imported from the city's records)");
        return e.callerName.isEmpty() ? tr("Created")
                                      : tr("Created, reported by %1").arg(e.callerName);
    case TimelineEntry::Kind::FieldChanged:
        return tr("%1 changed: %2 → %3")
            .arg(requesttexts::field(e.field), orNone(e.before), orNone(e.after));
    case TimelineEntry::Kind::StatusChanged: {
        const QString reason = requesttexts::closureReason(e.closureReason);
        if (e.previousStatus == RequestStatus::Closed && e.status != RequestStatus::Closed)
            return tr("Reopened: %1").arg(requesttexts::status(e.status));
        if (e.status == RequestStatus::Closed && !reason.isEmpty())
            return tr("Status: %1 → %2 (%3)")
                .arg(requesttexts::status(e.previousStatus), requesttexts::status(e.status),
                     reason);
        return tr("Status: %1 → %2")
            .arg(requesttexts::status(e.previousStatus), requesttexts::status(e.status));
    }
    case TimelineEntry::Kind::NoteAdded:
        return e.isPublic ? tr("Public note: %1").arg(e.text) : tr("Internal note: %1").arg(e.text);
    case TimelineEntry::Kind::CallerAttached:
        return tr("Caller attached (reported the same problem): %1")
            .arg(e.callerName.isEmpty() ? tr("anonymous") : e.callerName);
    case TimelineEntry::Kind::TargetSet:
        return tr("Target date: %1").arg(localTime(QDateTime::fromString(e.after, Qt::ISODate)));
    case TimelineEntry::Kind::Closed:
        return e.closureReason.isEmpty() ? tr("Closed") : tr("Closed: %1").arg(e.closureReason);
    case TimelineEntry::Kind::DuplicateLinked: {
        const QString number = RequestNumber::published(e.relatedNumber);
        return e.asParent ? tr("Duplicate linked: %1 reports the same problem").arg(number)
                          : tr("Linked as a duplicate of %1").arg(number);
    }
    case TimelineEntry::Kind::DuplicateUnlinked: {
        const QString number = RequestNumber::published(e.relatedNumber);
        return e.asParent ? tr("Duplicate unlinked: %1").arg(number)
                          : tr("Unlinked: no longer a duplicate of %1").arg(number);
    }
    case TimelineEntry::Kind::CallbackScheduled: {
        const QString who =
            e.callerName.isEmpty() ? e.phone : tr("%1, %2").arg(e.callerName, e.phone);
        return e.text.isEmpty()
                   ? tr("Callback to %1 by %2").arg(who, localTime(e.dueAt))
                   : tr("Callback to %1 by %2: %3").arg(who, localTime(e.dueAt), e.text);
    }
    case TimelineEntry::Kind::CallbackDone:
        return e.text.isEmpty()
                   ? tr("Callback done: %1").arg(requesttexts::callbackOutcome(e.outcome))
                   : tr("Callback done: %1 (%2)")
                         .arg(requesttexts::callbackOutcome(e.outcome), e.text);
    }
    return {};
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TimelineEntry &e = m_entries.at(index.row());
    if (role == KindRole)
        return int(e.kind);
    if (role == PublicRole)
        return e.isPublic;
    if (role == Qt::ToolTipRole && index.column() == What)
        return describe(e);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Time:
        return localTime(e.time);
    case Agent:
        if (e.imported)
            return tr("City records");
        return e.device.isEmpty() ? e.actor : tr("%1 (workstation %2)").arg(e.actor, e.device);
    case Channel:
        return e.channel.isEmpty() ? tr("Workstation") : requesttexts::channel(e.channel);
    case What:
        return describe(e);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Time:
        return tr("When");
    case Agent:
        return tr("Who");
    case Channel:
        return tr("Channel");
    case What:
        return tr("What happened");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace civicdesk

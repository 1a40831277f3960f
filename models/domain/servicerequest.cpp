#include "models/domain/servicerequest.h"

namespace civicdesk {

QString requestStatusName(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Open:
        return QStringLiteral("open");
    case RequestStatus::InProgress:
        return QStringLiteral("in_progress");
    case RequestStatus::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

std::optional<RequestStatus> requestStatusFromName(const QString &name)
{
    const QString key = name.trimmed().toLower();
    if (key == u"open" || key == u"opened" || key == u"reopened")
        return RequestStatus::Open;
    if (key == u"in_progress" || key == u"in progress")
        return RequestStatus::InProgress;
    if (key == u"closed")
        return RequestStatus::Closed;
    return std::nullopt;
}

SlaState ServiceRequest::slaState(const QDateTime &now) const
{
    if (!dueAt.isValid())
        return SlaState::NoTarget;
    const QDateTime end = status == RequestStatus::Closed && closedAt.isValid() ? closedAt : now;
    if (end > dueAt)
        return SlaState::Overdue;
    if (status == RequestStatus::Closed)
        return SlaState::OnTime;
    const qint64 allowed = openedAt.isValid() ? openedAt.secsTo(dueAt) : 0;
    const qint64 left = end.secsTo(dueAt);
    if (allowed > 0 && left * 5 < allowed)
        return SlaState::DueSoon;
    return SlaState::OnTime;
}

} // namespace civicdesk

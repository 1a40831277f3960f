#include "app/server/eventpolicy.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(EventPolicy)
};

EventRejection forbidden(const Event &event, const QString &message, const QString &field = {})
{
    return EventRejection{event.id, QStringLiteral("forbidden"), message, field};
}

} // namespace

std::optional<EventRejection> authorizeEvent(const Event &event, const EntityState &now,
                                             const Session &session)
{
    if (event.actor != session.userName)
        return forbidden(
            event, Text::tr("The actor must be the signed-in user (%1).").arg(session.userName),
            QStringLiteral("actor"));
    if (auto denied = checkEventPermission(session.role, event, now))
        return forbidden(event, denied->message, denied->field);
    return std::nullopt;
}

} // namespace civicdesk

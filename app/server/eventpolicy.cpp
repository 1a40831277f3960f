#include "eventpolicy.h"

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

std::optional<EventRejection> authorizeEvent(const Event &event, const Session &session)
{
    const QString role = agentRoleName(session.role);
    if (event.actor != session.userName)
        return forbidden(
            event, Text::tr("The actor must be the signed-in user (%1).").arg(session.userName),
            QStringLiteral("actor"));
    if (event.entityType == u"review") {
        if (!mayReviewAgents(session.role))
            return forbidden(event,
                             Text::tr("The %1 role may not record quality reviews.").arg(role),
                             QStringLiteral("entity_type"));
        return std::nullopt;
    }
    if (event.entityType == u"article") {
        const QString to = event.payload.value(u"to").toString();
        const QString from = event.payload.value(u"from").toString();
        const bool approval = event.kind == u"article.state_changed" &&
                              (to == u"published" || to == u"archived" || from == u"archived");
        if (approval && !mayApproveArticles(session.role))
            return forbidden(
                event,
                Text::tr("The %1 role may not publish, archive or restore articles.").arg(role),
                QStringLiteral("payload.to"));
        if (!mayEditArticles(session.role))
            return forbidden(event, Text::tr("The %1 role may not change articles.").arg(role),
                             QStringLiteral("entity_type"));
        return std::nullopt;
    }
    if (!mayRecordCalls(session.role))
        return forbidden(event,
                         Text::tr("The %1 role may not record calls or requests; trainers use "
                                  "practice mode, which never reaches the central store.")
                             .arg(role),
                         QStringLiteral("entity_type"));
    return std::nullopt;
}

} // namespace civicdesk

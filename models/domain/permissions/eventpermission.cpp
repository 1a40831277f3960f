#include "models/domain/permissions/eventpermission.h"

#include "models/domain/knowledge/articlelifecycle.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(EventPermission)
};

// Kinds that only record what a caller reported or asked: every role that takes calls.
const QStringList &callKinds()
{
    static const QStringList kinds = {
        QStringLiteral("request.created"), QStringLiteral("request.note_added"),
        QStringLiteral("request.caller_attached"), QStringLiteral("request.duplicate_linked"),
        QStringLiteral("request.callback_scheduled"), QStringLiteral("request.callback_done"),
        QStringLiteral("contact.started"), QStringLiteral("contact.ended"),
        QStringLiteral("contact.article_opened"), QStringLiteral("contact.search_unanswered"),
        QStringLiteral("caller.upserted"), QStringLiteral("contact.step_recorded"),
        // The lobby queue: issuing a ticket and serving it.
        QStringLiteral("ticket.issued"), QStringLiteral("ticket.called"),
        QStringLiteral("ticket.recalled"), QStringLiteral("ticket.no_show"),
        QStringLiteral("ticket.parked"), QStringLiteral("ticket.transferred"),
        QStringLiteral("ticket.returned"), QStringLiteral("ticket.served"),
        // The phone call ended after its contact was finished (telephony).
        QStringLiteral("contact.call_ended")};
    return kinds;
}

PermissionDenial denial(const QString &message, const QString &field)
{
    return PermissionDenial{message, field};
}

std::optional<PermissionDenial> needRecordCalls(AgentRole role)
{
    if (mayRecordCalls(role))
        return std::nullopt;
    return denial(Text::tr("The %1 role may not record calls or requests; trainers use practice "
                           "mode, which never reaches the central store.")
                      .arg(agentRoleName(role)),
                  QStringLiteral("kind"));
}

std::optional<PermissionDenial> needManageRequests(AgentRole role, const QString &what,
                                                   const QString &field)
{
    if (mayManageRequests(role))
        return std::nullopt;
    return denial(Text::tr("The %1 role may not %2: that is a supervisor's decision.")
                      .arg(agentRoleName(role), what),
                  field);
}

std::optional<PermissionDenial> fromStatus(const Status &status, const QString &field)
{
    if (status)
        return std::nullopt;
    return denial(status.error().message, field);
}

std::optional<PermissionDenial> checkArticle(AgentRole role, const Event &event,
                                             const EntityState &now)
{
    using State = KnowledgeArticle::State;
    if (event.kind == u"article.created") {
        if (ArticleLifecycle::canCreate(role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not write articles.").arg(agentRoleName(role)),
                      QStringLiteral("kind"));
    }
    // An article the store does not hold yet: judged as a draft (only editors and
    // supervisors); the projection then refuses it for naming no article.
    const State state = now.articleState.value_or(State::Draft);
    if (event.kind == u"article.edited")
        return fromStatus(ArticleLifecycle::checkEdit(state, role), QStringLiteral("kind"));
    if (event.kind == u"article.revision_saved")
        return fromStatus(ArticleLifecycle::checkRevise(state, role), QStringLiteral("kind"));
    // A revision left behind by a withdrawal can still be thrown away.
    if (event.kind == u"article.revision_discarded") {
        if (mayEditArticles(role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not change articles.").arg(agentRoleName(role)),
                      QStringLiteral("kind"));
    }
    if (event.kind == u"article.revision_published")
        return fromStatus(ArticleLifecycle::checkPublishRevision(state, role),
                          QStringLiteral("kind"));
    if (event.kind == u"article.reviewed") {
        if (ArticleLifecycle::canMarkReviewed(state, role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not confirm this article in its state (%2).")
                          .arg(agentRoleName(role), ArticleLifecycle::stateTitle(state)),
                      QStringLiteral("kind"));
    }
    if (event.kind == u"article.state_changed") {
        const auto to = ArticleLifecycle::stateFromName(event.payload.value(u"to").toString());
        if (!to)
            return denial(Text::tr("An article moves to draft, in_review, published or archived."),
                          QStringLiteral("payload.to"));
        if (!mayEditArticles(role))
            return denial(Text::tr("The %1 role may not change articles.").arg(agentRoleName(role)),
                          QStringLiteral("kind"));
        return fromStatus(ArticleLifecycle::checkTransition(state, *to, role),
                          QStringLiteral("payload.to"));
    }
    return denial(Text::tr("No role may append a %1 event.").arg(event.kind),
                  QStringLiteral("kind"));
}

std::optional<PermissionDenial> checkReview(AgentRole role, const Event &event,
                                            const EntityState &now)
{
    if (!review::kinds().contains(event.kind))
        return denial(Text::tr("No role may append a %1 event.").arg(event.kind),
                      QStringLiteral("kind"));
    if (event.kind == u"review.acknowledged" || event.kind == u"review.disputed") {
        // The agent's own answer: whose evaluation it is comes from the store, never the event.
        if (!now.review)
            return denial(Text::tr("This store holds no such evaluation to answer."),
                          QStringLiteral("entity_id"));
        if (event.actor != now.review->agent)
            return denial(Text::tr("Only %1, whom the evaluation is about, may acknowledge or "
                                   "dispute it.")
                              .arg(now.review->agent),
                          QStringLiteral("actor"));
        if (now.review->answered())
            return denial(Text::tr("This evaluation was acknowledged or disputed already."),
                          QStringLiteral("kind"));
        if (event.clientTime > now.review->responseDue())
            return denial(Text::tr("The %1 days to acknowledge or dispute this evaluation "
                                   "ended on %2.")
                              .arg(review::ResponseWindowDays)
                              .arg(now.review->responseDue().date().toString(Qt::ISODate)),
                          QStringLiteral("client_time"));
        return std::nullopt;
    }
    if (!mayReviewAgents(role))
        return denial(
            Text::tr("The %1 role may not record quality reviews.").arg(agentRoleName(role)),
            QStringLiteral("kind"));
    if (event.kind == u"review.evaluation_submitted" && now.review)
        return denial(Text::tr("This evaluation is submitted already; a decision on a dispute "
                               "changes its score."),
                      QStringLiteral("entity_id"));
    if (event.kind == u"review.coaching_noted" && !now.review)
        return denial(Text::tr("This store holds no such evaluation to coach on."),
                      QStringLiteral("entity_id"));
    if (event.kind == u"review.decided" &&
        (!now.review || !now.review->disputed || now.review->decided))
        return denial(Text::tr("Only a disputed evaluation is decided, and only once."),
                      QStringLiteral("kind"));
    return std::nullopt;
}

} // namespace

bool mayChangeRequestStatus(AgentRole role, RequestStatus from, RequestStatus to)
{
    if (from == to)
        return false;
    if (mayManageRequests(role))
        return true;
    return mayRecordCalls(role) && from == RequestStatus::Closed && to == RequestStatus::Open;
}

bool mayUnlinkDuplicates(AgentRole role)
{
    return mayManageRequests(role);
}

std::optional<PermissionDenial> checkEventPermission(AgentRole role, const Event &event,
                                                     const EntityState &now)
{
    if (callKinds().contains(event.kind))
        return needRecordCalls(role);
    if (event.kind == u"request.status_changed") {
        if (auto denied = needRecordCalls(role))
            return denied;
        const auto to = requestStatusFromName(event.payload.value(u"status").toString());
        // A request the store does not hold yet is judged as open.
        const RequestStatus from = now.requestStatus.value_or(RequestStatus::Open);
        if (to && mayChangeRequestStatus(role, from, *to))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not move this request from %2 to %3: call "
                               "takers reopen closed requests; a supervisor sets requests in "
                               "progress and closes them.")
                          .arg(agentRoleName(role), requestStatusName(from),
                               event.payload.value(u"status").toString()),
                      QStringLiteral("payload.status"));
    }
    if (event.kind == u"request.field_changed") {
        if (auto denied = needRecordCalls(role))
            return denied;
        const QString field = event.payload.value(u"field").toString();
        if (field == u"description" || field == u"address")
            return std::nullopt;
        return needManageRequests(role, Text::tr("change a request's %1").arg(field),
                                  QStringLiteral("payload.field"));
    }
    if (event.kind == u"request.duplicate_unlinked")
        return needManageRequests(role, Text::tr("unlink a duplicate"), QStringLiteral("kind"));
    if (event.kind.startsWith(u"article."))
        return checkArticle(role, event, now);
    if (event.kind.startsWith(u"review."))
        return checkReview(role, event, now);
    if (event.kind == u"agent.help_requested")
        return needRecordCalls(role);
    if (event.kind == u"agent.help_answered") {
        if (mayReviewAgents(role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not answer help flags: supervisors do.")
                          .arg(agentRoleName(role)),
                      QStringLiteral("kind"));
    }
    if (event.kind == u"known_issue.posted" || event.kind == u"known_issue.withdrawn")
        return needManageRequests(role, Text::tr("post or withdraw known issues"),
                                  QStringLiteral("kind"));
    if (event.kind == u"team.member_set" || event.kind == u"phone.intervals_reported") {
        if (mayReviewAgents(role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not set teams or import the phone system's "
                               "figures: supervisors and admins do.")
                          .arg(agentRoleName(role)),
                      QStringLiteral("kind"));
    }
    if (event.kind == u"supervision.exported") {
        if (mayReviewAgents(role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not export the centre's figures: supervisors "
                               "and admins do.")
                          .arg(agentRoleName(role)),
                      QStringLiteral("kind"));
    }
    if (event.kind == u"cluster.rules_set") {
        if (mayReviewAgents(role))
            return std::nullopt;
        return denial(Text::tr("The %1 role may not change the cluster rules: supervisors and "
                               "admins do.")
                          .arg(agentRoleName(role)),
                      QStringLiteral("kind"));
    }
    return denial(Text::tr("No role may append a %1 event.").arg(event.kind),
                  QStringLiteral("kind"));
}

bool mayReadReviewEvent(AgentRole role, const QString &user, const Event &event)
{
    if (mayReviewAgents(role))
        return true;
    return !user.isEmpty() && event.payload.value(u"agent").toString() == user;
}

QStringList permittedEventKinds()
{
    QStringList kinds = callKinds();
    kinds << QStringLiteral("request.status_changed") << QStringLiteral("request.field_changed")
          << QStringLiteral("request.duplicate_unlinked") << QStringLiteral("article.created")
          << QStringLiteral("article.edited") << QStringLiteral("article.reviewed")
          << QStringLiteral("article.state_changed") << QStringLiteral("article.revision_saved")
          << QStringLiteral("article.revision_published")
          << QStringLiteral("article.revision_discarded") << QStringLiteral("agent.help_requested")
          << QStringLiteral("agent.help_answered");
    kinds << review::kinds();
    kinds << QStringLiteral("known_issue.posted") << QStringLiteral("known_issue.withdrawn");
    kinds << QStringLiteral("team.member_set") << QStringLiteral("phone.intervals_reported");
    kinds << QStringLiteral("cluster.rules_set") << QStringLiteral("supervision.exported");
    return kinds;
}

} // namespace civicdesk

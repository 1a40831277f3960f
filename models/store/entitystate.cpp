#include "models/store/entitystate.h"

#include "models/domain/knowledge/articlelifecycle.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonDocument>

namespace civicdesk {

namespace {

QString keyOf(const Event &event)
{
    return event.entityType + u':' + event.entityId;
}

bool dependsOnState(const Event &event)
{
    return event.kind == u"request.status_changed" || event.kind == u"article.edited" ||
           event.kind == u"article.reviewed" || event.kind == u"article.state_changed" ||
           event.kind == u"article.revision_saved" || event.kind == u"article.revision_published" ||
           (event.entityType == u"review" && event.kind != u"review.form_published");
}

} // namespace

EntityStates::EntityStates(const Database &database) : m_database(database) {}

Result<EntityState> EntityStates::of(const Event &event)
{
    if (!dependsOnState(event))
        return EntityState{};
    const auto noted = m_noted.constFind(keyOf(event));
    if (noted != m_noted.cend())
        return *noted;
    EntityState state;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    if (event.entityType == u"request") {
        if (auto s = sql::exec(query, QStringLiteral("SELECT status FROM requests WHERE id = ?"),
                               {event.entityId});
            !s)
            return s.error();
        if (query.next())
            state.requestStatus = requestStatusFromName(query.value(0).toString());
    } else if (event.entityType == u"article") {
        if (auto s = sql::exec(query, QStringLiteral("SELECT state FROM articles WHERE id = ?"),
                               {event.entityId});
            !s)
            return s.error();
        if (query.next())
            state.articleState = ArticleLifecycle::stateFromName(query.value(0).toString());
    } else if (event.entityType == u"review") {
        // Reviews have no table: the evaluation is read from its events.
        if (auto s = sql::exec(query,
                               QStringLiteral("SELECT kind, payload, client_time FROM events "
                                              "WHERE entity_type = 'review' AND entity_id = ?"),
                               {event.entityId});
            !s)
            return s.error();
        ReviewState review;
        bool held = false;
        while (query.next()) {
            const Event e{QString(),
                          event.entityType,
                          event.entityId,
                          query.value(0).toString(),
                          QJsonDocument::fromJson(query.value(1).toString().toUtf8()).object(),
                          QString(),
                          QString(),
                          QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC)};
            review.apply(e);
            held = held || !review.agent.isEmpty();
        }
        if (held)
            state.review = review;
    }
    return state;
}

void EntityStates::note(const Event &event)
{
    if (event.entityType == u"review" && event.kind != u"review.form_published") {
        // The evaluation as this event leaves it: new, or as noted or stored before.
        std::optional<ReviewState> review;
        if (event.kind == u"review.evaluation_submitted" || event.kind == u"review.recorded")
            review = ReviewState{};
        else if (auto held = of(event); held)
            review = held.value().review;
        if (review) {
            review->apply(event);
            m_noted[keyOf(event)].review = review;
        }
        return;
    }
    EntityState &state = m_noted[keyOf(event)];
    if (event.kind == u"request.created") {
        state.requestStatus = RequestStatus::Open;
    } else if (event.kind == u"request.status_changed") {
        state.requestStatus = requestStatusFromName(event.payload.value(u"status").toString());
    } else if (event.kind == u"article.created") {
        state.articleState = KnowledgeArticle::State::Draft;
    } else if (event.kind == u"article.state_changed") {
        state.articleState = ArticleLifecycle::stateFromName(event.payload.value(u"to").toString());
    } else if (!state.requestStatus && !state.articleState) {
        m_noted.remove(keyOf(event)); // nothing known: the store answers
    }
}

} // namespace civicdesk

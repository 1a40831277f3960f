#include "models/quality/intakereplay.h"

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <algorithm>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(IntakeReplays)
};

} // namespace

qint64 IntakeReplay::durationMs() const
{
    if (!startedAt.isValid())
        return 0;
    if (endedAt.isValid())
        return qMax<qint64>(0, startedAt.msecsTo(endedAt));
    return steps.isEmpty() ? 0 : qMax<qint64>(0, startedAt.msecsTo(steps.last().at));
}

IntakeReplays::IntakeReplays(const Database &database, const EventStore &events)
    : m_connection(database.connectionName()), m_events(events)
{
}

bool IntakeReplays::mayReplay(AgentRole role, const QString &agent, const QString &contactAgent)
{
    return mayReviewAgents(role) || (!agent.isEmpty() && agent == contactAgent);
}

Result<IntakeReplay> IntakeReplays::forContact(const QString &contactId, AgentRole role,
                                               const QString &agent) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT agent, channel, started_at, ended_at, outcome, "
                                          "transfer_destination FROM contacts WHERE id = ?"),
                           {contactId});
        !s)
        return s.error();
    if (!query.next())
        return makeError(QStringLiteral("replay.unknown"),
                         Text::tr("There is no contact %1 in this store.").arg(contactId));
    IntakeReplay r;
    r.contactId = contactId;
    r.agent = query.value(0).toString();
    if (!mayReplay(role, agent, r.agent))
        return makeError(QStringLiteral("forbidden"),
                         Text::tr("Only supervisors and admins replay another agent's contacts."));
    r.channel = query.value(1).toString();
    r.outcome = query.value(4).toString();
    r.transferDestination = query.value(5).toString();
    query.finish();

    const QList<IntakeStep> steps =
        intakeStepsFromEvents(m_events.eventsFor(QStringLiteral("contact"), contactId));
    QDateTime previous;
    bool locationSeen = false;
    QHash<QString, QString> titles;
    for (const IntakeStep &step : steps) {
        ReplayStep s;
        s.kind = step.kind;
        s.detail = step.detail;
        s.at = step.at;
        if (step.kind == IntakeStepKind::Started && !r.startedAt.isValid())
            r.startedAt = step.at;
        if (step.kind == IntakeStepKind::Outcome)
            r.endedAt = step.at;
        switch (step.kind) {
        case IntakeStepKind::TypeChosen:
            // A type chosen while another was on the form: a change. After a submit the
            // recorder starts again with no previous type.
            s.change = !step.detail.value(u"previous").toString().isEmpty();
            if (s.change)
                ++r.typeChanges;
            break;
        case IntakeStepKind::Answer:
            s.change = !step.detail.value(u"previous").toArray().isEmpty();
            if (s.change)
                ++r.answerCorrections;
            break;
        case IntakeStepKind::Location:
            s.change = locationSeen;
            if (s.change)
                ++r.locationChanges;
            locationSeen = true;
            break;
        case IntakeStepKind::DuplicatesShown:
            ++r.duplicatesShown;
            break;
        case IntakeStepKind::DuplicateDecision:
            r.duplicateDecisions.append(step.detail.value(u"decision").toString());
            break;
        case IntakeStepKind::ArticleOpened: {
            ++r.articlesOpened;
            const QString id = step.detail.value(u"article_id").toString();
            if (!titles.contains(id)) {
                QSqlQuery title(QSqlDatabase::database(m_connection));
                QString found;
                if (sql::exec(title, QStringLiteral("SELECT title FROM articles WHERE id = ?"),
                              {id}) &&
                    title.next())
                    found = title.value(0).toString();
                titles.insert(id, found);
            }
            s.articleTitle = titles.value(id);
            break;
        }
        case IntakeStepKind::RequestCreated:
        case IntakeStepKind::CallerAttached: {
            const QString id = step.detail.value(u"request_id").toString();
            const bool known = std::any_of(r.requests.cbegin(), r.requests.cend(),
                                           [&id](const ReplayRequest &q) { return q.id == id; });
            if (!id.isEmpty() && !known)
                r.requests.append({id, step.detail.value(u"number").toString(),
                                   step.kind == IntakeStepKind::RequestCreated});
            locationSeen = false; // the next request's location is a first one
            break;
        }
        case IntakeStepKind::ReadBack:
            r.readBack = true;
            break;
        default:
            break;
        }
        if (previous.isValid())
            s.tookMs = qMax<qint64>(0, previous.msecsTo(step.at));
        previous = step.at;
        r.steps.append(s);
    }
    if (!r.startedAt.isValid() && !r.steps.isEmpty())
        r.startedAt = r.steps.first().at;
    for (ReplayStep &s : r.steps)
        s.sinceStartMs = r.startedAt.isValid() ? qMax<qint64>(0, r.startedAt.msecsTo(s.at)) : 0;
    return r;
}

} // namespace civicdesk

#include "models/supervision/agentteams.h"

#include "models/domain/event.h"
#include "models/domain/supervision/teammembership.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/latestevents.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <optional>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(AgentTeams)
};
} // namespace

AgentTeams::AgentTeams(Database &database, EventStore &events, QString actor, Clock clock)
    : m_database(database), m_events(events), m_actor(std::move(actor)), m_clock(std::move(clock))
{
}

bool AgentTeams::mayManage(AgentRole role)
{
    return mayReviewAgents(role);
}

Status AgentTeams::assign(const QString &agent, const QString &team)
{
    const QString name = team.trimmed();
    if (agent.trimmed().isEmpty())
        return makeError(QStringLiteral("team.agent"), Text::tr("Choose the agent first."));
    if (const QString p = teammembership::problem(name); !p.isEmpty())
        return makeError(QStringLiteral("team.name"), p);
    if (memberships().value(agent) == name)
        return Ok{}; // already so: nothing to record
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event event =
        Event::make(teammembership::entityType(), agent, teammembership::kind(),
                    teammembership::payload(name), m_actor, device.value(), m_clock.now());
    if (auto r = m_events.append(event); !r)
        return r.error();
    return Ok{};
}

QMap<QString, QString> AgentTeams::memberships(const QString &connection)
{
    QMap<QString, QString> teamOf;
    const auto latest =
        latestevents::read(connection, teammembership::entityType(), {teammembership::kind()});
    if (!latest)
        return teamOf;
    for (const Event &event : latest.value()) {
        // An agent whose latest event took them out of every team has none.
        if (const QString team = event.payload.value(u"team").toString(); !team.isEmpty())
            teamOf.insert(event.entityId, team);
    }
    return teamOf;
}

QStringList AgentTeams::members(const QString &connection, const QString &team)
{
    QStringList agents;
    const QMap<QString, QString> teamOf = memberships(connection);
    for (auto it = teamOf.cbegin(); it != teamOf.cend(); ++it) {
        if (it.value() == team)
            agents.append(it.key());
    }
    return agents;
}

QList<TeamSpan> AgentTeams::history(const QString &connection, const QString &team)
{
    QList<TeamSpan> spans;
    QSqlQuery q(QSqlDatabase::database(connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   QStringLiteral("SELECT entity_id, payload, client_time FROM events WHERE "
                                  "entity_type = ? AND kind = ? ORDER BY entity_id, client_time, "
                                  "seq"),
                   {teammembership::entityType(), teammembership::kind()}))
        return spans;
    std::optional<TeamSpan> open; // the span of the agent read last, while it lasts
    while (q.next()) {
        const QString agent = q.value(0).toString();
        const qint64 at = q.value(2).toLongLong() / 1000;
        if (open) {
            // A later event of the same agent ends the span; another agent's leaves it open.
            if (open->agent == agent)
                open->until = at;
            if (open->from < open->until)
                spans.append(*open);
            open.reset();
        }
        const QJsonObject payload =
            QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
        if (payload.value(u"team").toString() == team)
            open = TeamSpan{agent, at};
    }
    if (open)
        spans.append(*open);
    return spans;
}

QStringList AgentTeams::teams(const QString &connection)
{
    QStringList names = memberships(connection).values();
    names.removeDuplicates();
    names.sort(Qt::CaseInsensitive);
    return names;
}

QMap<QString, QString> AgentTeams::memberships() const
{
    return memberships(m_database.connectionName());
}

QStringList AgentTeams::teams() const
{
    return teams(m_database.connectionName());
}

} // namespace civicdesk

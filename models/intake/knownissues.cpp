#include "models/intake/knownissues.h"

#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(KnownIssues)
};
} // namespace

KnownIssues::KnownIssues(Database &database, EventStore &events, QString agent, Clock clock)
    : m_database(database), m_events(events), m_agent(std::move(agent)), m_clock(std::move(clock))
{
}

bool KnownIssues::mayPost(AgentRole role)
{
    return mayManageRequests(role);
}

QList<KnownIssue> KnownIssues::inForce(const QString &connectionName, const QDateTime &now)
{
    QList<KnownIssue> issues;
    QSqlQuery q(QSqlDatabase::database(connectionName));
    if (!sql::exec(q,
                   QStringLiteral("SELECT id, service_code, type_name, agent_text, caller_script, "
                                  "latitude, longitude, metres, expires_at, parent_id, "
                                  "parent_number, posted_by, posted_at FROM known_issues WHERE "
                                  "withdrawn_at IS NULL AND expires_at > ? ORDER BY posted_at "
                                  "DESC, id"),
                   {now.toSecsSinceEpoch()}))
        return issues;
    while (q.next()) {
        KnownIssue issue;
        issue.id = q.value(0).toString();
        issue.serviceCode = q.value(1).toString();
        issue.typeName = q.value(2).toString();
        issue.agentText = q.value(3).toString();
        issue.callerScript = q.value(4).toString();
        issue.latitude = q.value(5).toDouble();
        issue.longitude = q.value(6).toDouble();
        issue.metres = q.value(7).toDouble();
        issue.expiresAt = QDateTime::fromSecsSinceEpoch(q.value(8).toLongLong(), Qt::UTC);
        issue.parentId = q.value(9).toString();
        issue.parentNumber = q.value(10).toString();
        issue.postedBy = q.value(11).toString();
        issue.postedAt = QDateTime::fromSecsSinceEpoch(q.value(12).toLongLong(), Qt::UTC);
        issues.append(issue);
    }
    return issues;
}

QList<KnownIssue> KnownIssues::inForce() const
{
    return inForce(m_database.connectionName(), m_clock.now());
}

Result<QString> KnownIssues::post(const KnownIssue &issue)
{
    const QDateTime now = m_clock.now();
    const QJsonObject payload = issue.postedPayload();
    if (auto s = KnownIssue::checkPosted(payload, now); !s)
        return s.error();
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event event =
        Event::make(QStringLiteral("known_issue"), Event::newId(),
                    QStringLiteral("known_issue.posted"), payload, m_agent, device.value(), now);
    if (auto r = m_events.append(event); !r)
        return r.error();
    return event.entityId;
}

Status KnownIssues::withdraw(const QString &id)
{
    bool found = false;
    for (const KnownIssue &issue : inForce())
        found = found || issue.id == id;
    if (!found)
        return makeError(QStringLiteral("known_issue.gone"),
                         Text::tr("This known issue is no longer in force."));
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event event =
        Event::make(QStringLiteral("known_issue"), id, QStringLiteral("known_issue.withdrawn"), {},
                    m_agent, device.value(), m_clock.now());
    if (auto r = m_events.append(event); !r)
        return r.error();
    return Ok{};
}

} // namespace civicdesk

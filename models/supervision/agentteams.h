#pragma once

#include "models/domain/clock.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QMap>
#include <QStringList>

namespace civicdesk {

class Database;
class EventStore;

// Supervisors put agents into teams; the KPIs, the workspace and the exports filter and group
// by them. Each change is a team.member_set event (models/domain/supervision/teammembership.h) that
// syncs and stays in the audit trail; an agent's latest event says the agent's team now.
class AgentTeams
{
public:
    AgentTeams(Database &database, EventStore &events, QString actor, Clock clock = {});

    static bool mayManage(AgentRole role);

    // Puts `agent` into `team` ("" takes the agent out of every team). A name that is not
    // allowed is refused with what is wrong; nothing is written then.
    Status assign(const QString &agent, const QString &team);

    // Every agent with a team now, and the team.
    static QMap<QString, QString> memberships(const QString &connection);
    static QStringList members(const QString &connection, const QString &team);
    // Who was in `team` when: each agent's spans in it, from the team.member_set events in the
    // order they were made (a later one ends the span an earlier one began), by agent and time.
    static QList<TeamSpan> history(const QString &connection, const QString &team);
    // The teams that have members now, sorted.
    static QStringList teams(const QString &connection);

    QMap<QString, QString> memberships() const;
    QStringList teams() const;

private:
    Database &m_database;
    EventStore &m_events;
    QString m_actor;
    Clock m_clock;
};

} // namespace civicdesk

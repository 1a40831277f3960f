#pragma once

#include "models/domain/clock.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/domain/supervision/knownissue.h"

#include <QList>
#include <QString>

namespace civicdesk {

class Database;
class EventStore;

// Known issues as events (models/domain/supervision/knownissue.h): a supervisor posts one from a
// cluster and may withdraw it; they reach every workstation by sync, and the intake shows the one
// in force for the type and place the agent picked.
class KnownIssues
{
public:
    KnownIssues(Database &database, EventStore &events, QString agent, Clock clock = {});

    static bool mayPost(AgentRole role);
    // Issues in force at `now` (not withdrawn, not expired), latest first, read from the store
    // whose connection this is.
    static QList<KnownIssue> inForce(const QString &connectionName, const QDateTime &now);

    // Checked as the central store will (nothing is written when it is refused); returns the
    // issue's id.
    Result<QString> post(const KnownIssue &issue);
    Status withdraw(const QString &id);
    QList<KnownIssue> inForce() const;
    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    Database &m_database;
    EventStore &m_events;
    QString m_agent;
    Clock m_clock;
};

} // namespace civicdesk

#pragma once

#include "models/domain/clock.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace civicdesk {

class Database;
class EventStore;

// An agent's "need a supervisor" signal, open until a supervisor answers it.
struct HelpFlag
{
    QString id;        // the flag (the events' entity id)
    QString agent;     // who raised it
    QString device;    // the workstation it was raised on
    QString contactId; // the contact running then, if any
    QString counter;   // the lobby counter it was raised at (its name), if any
    QDateTime raisedAt;
};

// The help flag as events (entity type "agent", entity id = the flag's id), so it reaches
// every supervisor through sync and stays in the audit trail:
//
//   agent.help_requested  by the agent who needs help  {"contact_id", "counter" (both optional)}
//   agent.help_answered   by a supervisor or admin      {"agent", "note" (optional)}
//
// Silent by design (the lobby's code word too): raising shows nothing to the caller.
class HelpFlags
{
public:
    static constexpr int MaxNoteLength = 200;
    static constexpr int MaxCounterLength = 20; // as the lobby's counter names

    HelpFlags(Database &database, EventStore &events, QString agent, Clock clock = {});
    // Another agent signed in at this workstation.
    void setAgent(const QString &agent) { m_agent = agent; }

    static bool mayRaise(AgentRole role);
    static bool mayAnswer(AgentRole role);

    // Raises a flag for the signed-in agent (at a lobby counter: `counter`, its name, tells the
    // supervisor where to go); one that is still open is returned instead of a second one.
    Result<QString> raise(const QString &contactId = {}, const QString &counter = {});
    Status answer(const QString &flagId, const QString &note = {});
    // Open flags, oldest first.
    QList<HelpFlag> open() const;
    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    Database &m_database;
    EventStore &m_events;
    QString m_agent;
    Clock m_clock;
};

} // namespace civicdesk

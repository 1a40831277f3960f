#pragma once

#include "domain/result.h"
#include "domain/servicerequest.h"

#include <QDateTime>
#include <functional>

namespace civicdesk {

class Database;
class EventStore;

// What an agent may do to an existing request. Until sign-in arrives with the central store,
// the role is a workstation setting given by the composition root:
//   call taker  - add notes (public or internal) and reopen a closed request the caller says is
//                 not fixed;
//   supervisor  - also set a request in progress, close it with a reason, and reopen it.
enum class AgentRole
{
    CallTaker,
    Supervisor
};

// Notes and status changes on requests, each one event through the EventStore (one
// transaction: event, projection, outbox).
class RequestActions
{
public:
    RequestActions(Database &database, EventStore &events, QString agent,
                   AgentRole role = AgentRole::CallTaker);

    void setRole(AgentRole role) { m_role = role; }
    AgentRole role() const { return m_role; }
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // The closure reasons an agent chooses from (stored as these codes).
    static QStringList closureReasons();
    // Whether the current role may move a request from `from` to `to`.
    bool mayChangeStatus(RequestStatus from, RequestStatus to) const;

    Status addNote(const QString &requestId, const QString &text, bool isPublic);
    // Closing needs one of closureReasons(); other changes ignore the reason.
    Status changeStatus(const QString &requestId, RequestStatus to,
                        const QString &closureReason = {});

private:
    Status append(const QString &requestId, const QString &kind, const QJsonObject &payload);

    Database &m_database;
    EventStore &m_events;
    QString m_agent;
    AgentRole m_role;
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace civicdesk

#pragma once

#include "models/domain/clock.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/permissions/eventpermission.h"
#include "models/domain/result.h"
#include "models/domain/servicerequest.h"

#include <QDateTime>
#include <functional>

namespace civicdesk {

class Database;
class EventStore;

// What an agent may do to an existing request, by the role the central store returned at
// sign-in (given by the composition root), from the one permission table (eventpermission.h):
//   call taker  - add notes (public or internal), reopen a closed request the caller says is
//                 not fixed, link a request as a duplicate of another (they hear the repeat
//                 reports first, as at intake), schedule callbacks and mark them done;
//   supervisor  - also set a request in progress, close it with a reason (optionally closing
//                 its open duplicates with it), reopen it, and unlink a duplicate: undoing a
//                 link overrides another agent's judgement and re-opens the question of which
//                 report the department works from, so it is a supervisor's call.
// Admins act as supervisors; every other role (lobby, trainer, editor) as a call taker.

// Notes, status changes, duplicate links and callbacks on requests, each one event through the
// EventStore (one transaction: event, projection, outbox).
class RequestActions
{
public:
    RequestActions(Database &database, EventStore &events, QString agent,
                   AgentRole role = AgentRole::CallTaker);

    void setRole(AgentRole role) { m_role = role; }
    void setAgent(const QString &agent) { m_agent = agent; }
    AgentRole role() const { return m_role; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // The closure reasons an agent chooses from (stored as these codes).
    static QStringList closureReasons();
    // Whether the current role may move a request from `from` to `to`.
    bool mayChangeStatus(RequestStatus from, RequestStatus to) const;
    bool mayLinkDuplicates() const { return true; }
    bool mayUnlinkDuplicates() const { return civicdesk::mayUnlinkDuplicates(m_role); }
    // The outcomes a callback is marked done with (stored as these codes).
    static QStringList callbackOutcomes();
    // When to offer to call back, from `now` in the city's time: two hours ahead on the quarter
    // hour, within office hours (9:00-17:00, Monday to Friday); otherwise 9:00 on the next
    // working day - never in the middle of the night.
    static QDateTime suggestedCallbackTime(const QDateTime &now);

    Status addNote(const QString &requestId, const QString &text, bool isPublic);
    // Closing needs one of closureReasons(); other changes ignore the reason.
    Status changeStatus(const QString &requestId, RequestStatus to,
                        const QString &closureReason = {});
    // Closes every open duplicate of `parentId` with the reason "duplicate" (supervisors, as a
    // parent is closed). Returns how many were closed.
    Result<int> closeOpenDuplicates(const QString &parentId);

    // Links `duplicateId` to the request numbered `parentNumber` (typed or read aloud: checked
    // like a read-back). Links stay one level deep: the parent may not itself be a duplicate,
    // and a request with duplicates of its own is not linked under another.
    Status linkDuplicate(const QString &duplicateId, const QString &parentNumber);
    Status unlinkDuplicate(const QString &duplicateId);

    // Promises the request's caller a callback by `dueAt` (the first attached caller with a
    // phone). Returns the callback's id.
    Result<QString> scheduleCallback(const QString &requestId, const QDateTime &dueAt,
                                     const QString &note);
    Status completeCallback(const QString &callbackId, const QString &outcome,
                            const QString &note = {});

private:
    Status append(const QString &requestId, const QString &kind, const QJsonObject &payload);

    Database &m_database;
    EventStore &m_events;
    QString m_agent;
    AgentRole m_role;
    Clock m_clock;
};

} // namespace civicdesk

#pragma once

#include "models/domain/event.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/requestnumber.h"
#include "models/domain/result.h"

#include <QList>
#include <functional>
#include <optional>

namespace civicdesk {

class Database;

// The append-only event log with its outbox. Appending an event, updating its projection and
// queueing it for sync commit in one SQLite transaction: after a crash or an error either all
// three happened or none did.
class EventStore
{
public:
    enum class Stage
    {
        EventWritten,
        ProjectionUpdated,
        Queued
    };
    // Test seam: called at each stage; returning false aborts the write there.
    using FaultHook = std::function<bool(Stage)>;

    explicit EventStore(Database &database);

    // Appends and returns the local sequence number.
    Result<qint64> append(const Event &event);
    // The next request number of this workstation (a gap after a failed create is harmless).
    Result<RequestNumber> allocateRequestNumber();

    QList<Event> eventsFor(const QString &entityType, const QString &entityId) const;
    int outboxSize() const;
    qint64 eventCount() const;

    // The signed-in person's role (the one the central store returned at sign-in). Once set,
    // every append is first checked against the permission table
    // (domain/permissions/eventpermission.h) on the state this store holds now, exactly as the
    // central store will check it. The composition root sets it; imports and the system's own
    // writes leave it unset.
    void setRole(std::optional<AgentRole> role) { m_role = role; }
    std::optional<AgentRole> role() const { return m_role; }

    // A practice store: every event appended carries the practice mark (payload "practice":
    // true), which the central store refuses, so nothing written in practice can ever be
    // accepted there even if it were pushed.
    void setPracticeMark(bool on) { m_practice = on; }
    bool practiceMark() const { return m_practice; }

    // Each committed append is told through the database's changes() (origin Local).
    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }

private:
    Database &m_database;
    std::optional<AgentRole> m_role;
    bool m_practice = false;
    FaultHook m_faultHook;
};

} // namespace civicdesk

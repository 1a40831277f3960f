#pragma once

#include "domain/event.h"
#include "domain/requestnumber.h"
#include "domain/result.h"

#include <QList>
#include <functional>

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

    void setFaultHook(FaultHook hook) { m_faultHook = std::move(hook); }
    // Called after each committed append: the sync scheduler's "local change" trigger.
    void setAppendedHook(std::function<void(const Event &)> hook)
    {
        m_appendedHook = std::move(hook);
    }

private:
    Database &m_database;
    FaultHook m_faultHook;
    std::function<void(const Event &)> m_appendedHook;
};

} // namespace civicdesk

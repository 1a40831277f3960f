#pragma once

#include "models/domain/eventjson.h"
#include "models/domain/result.h"
#include "models/store/delivery.h"

#include <QDateTime>
#include <QList>

namespace civicdesk {

class Database;
class EventStore;

struct Acknowledgement
{
    QString id;
    qint64 seq = 0;
};

struct RejectedEvent
{
    Event event;
    EventRejection reason;
    QDateTime rejectedAt;
};

// The sync state kept in the local store, behind a narrow API for the sync engine: the outbox
// (pending batches, acknowledgements, rejections), the pull cursor, the last successful sync,
// and applying remote events to the projections. Nothing of it lives only in memory.
class SyncStore
{
public:
    explicit SyncStore(Database &database);

    // The oldest pending (not rejected) outbox events in local order, at most `limit`.
    QList<Event> pendingBatch(int limit) const;
    int pendingCount() const;
    int rejectedCount() const;

    // One transaction: accepted events get their server sequence number and leave the outbox;
    // rejected ones stay in it, marked with the server's reason.
    Status acknowledge(const QList<Acknowledgement> &accepted,
                       const QList<EventRejection> &rejected);
    // A failed push attempt: counted and its error kept on each entry.
    Status recordFailure(const QStringList &ids, const QString &error);

    // Applies a page of remote events in sequence order and moves the cursor to `cursor`, in
    // one transaction. An event already in the log (our own coming back, or a page fetched
    // twice) only gets its sequence number. A remote event on an entity that has local events
    // the server ordered after it (or not yet) is applied, then those local events are
    // re-applied on top, so the projection is the one the server's order gives and the agent's
    // edits never flicker away. Returns how many events were new here.
    Result<int> applyRemote(const QList<SequencedEvent> &events, qint64 cursor);
    qint64 cursor() const;

    QDateTime lastSuccess() const;
    Status setLastSuccess(const QDateTime &time);

    QList<RejectedEvent> rejected() const;
    // Appends a corrected copy of a rejected event (a new id, the given payload) through
    // `events` (so its local-change hook fires) and marks the rejection resolved by it.
    // Returns the new event's id.
    Result<QString> resend(EventStore &events, const QString &rejectedId,
                           const QJsonObject &payload);

    // Where an entity's changes are (models/store/delivery.h).
    Delivery deliveryOf(const QString &entityType, const QString &entityId) const;

    // The device code this store numbers its requests under, which a sign-in names (it
    // changes when a code is used up, so read it at each sign-in).
    QString deviceCode() const;

private:
    Database &m_database;
};

} // namespace civicdesk

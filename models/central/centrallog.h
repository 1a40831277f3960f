#pragma once

#include "models/domain/eventjson.h"
#include "models/domain/permissions/eventpermission.h"
#include "models/domain/result.h"

#include <QList>
#include <functional>
#include <optional>

namespace civicdesk {

class Database;

// One page of the log for a pull: the events the reader receives, and how far it reaches.
struct EventPage
{
    QList<SequencedEvent> events;
    qint64 through = 0;   // the page covers the log up to here, events left out included
    bool more = false;    // the limit was reached: pull again after `through`
    bool reviews = false; // the range held a quality review (what a reader gets depends on who)
};

struct PushOutcome
{
    QList<std::pair<QString, qint64>> accepted; // event id, sequence number
    QList<EventRejection> rejected;
    qint64 lastSeq = 0;
};

// The central store's event log. Accepting a batch = for each event: check it, give it the next
// global sequence number, append it and update the projections; the whole batch commits in one
// transaction (each event in its own savepoint, so one bad event does not sink the others).
// Sequence numbers are handed out under the store's write lock, so they increase in commit
// order: a reader who has seen n has seen everything up to n. Idempotent by event id.
class CentralLog
{
public:
    // The caller's permission check (role, actor), given what the store holds now of the
    // event's entity (read by the log itself, with the batch's earlier events applied): a
    // rejection, or nothing when allowed.
    using Authorize =
        std::function<std::optional<EventRejection>(const Event &, const EntityState &)>;

    explicit CentralLog(Database &database);

    // PerEvent (a sync push): each event accepted or rejected on its own. AllOrNothing (an
    // Open311 POST: the reporter and the request): every event is written, or none is and the
    // first refusal is the error.
    enum class Atomicity
    {
        PerEvent,
        AllOrNothing
    };
    Result<PushOutcome> push(const QList<Event> &events, const Authorize &authorize,
                             Atomicity atomicity = Atomicity::PerEvent);
    // Several pushes (PerEvent) in one transaction, one commit for all (a server writing the
    // batches of many workstations that arrived together): each judged and written as push()
    // would, in order, each seeing those before it; one whose writing fails is undone alone and
    // its outcome is the error. When the commit fails, every outcome is that error. Pushes that
    // share no event id are written as one batch (pushTogether), answered the same way.
    struct Push
    {
        QList<Event> events;
        Authorize authorize;
    };
    QList<Result<PushOutcome>> pushAll(const QList<Push> &pushes);
    // Events after `seq` in sequence order, at most `limit`, without the quality reviews.
    Result<QList<SequencedEvent>> after(qint64 seq, int limit) const;
    // Which quality-review events a reader receives (mayReadReviewEvent for the session).
    using ReviewFilter = std::function<bool(const Event &)>;
    // The page a pull after `seq` answers: at most `limit` events of the log in sequence
    // order, the quality reviews among them only where `reviews` lets the reader have them
    // (none without a filter).
    Result<EventPage> page(qint64 seq, int limit, const ReviewFilter &reviews) const;
    // Every quality-review event of the log, in sequence order (models/central/reviewreader.h).
    Result<QList<SequencedEvent>> reviewLog() const;
    std::optional<SequencedEvent> byId(const QString &id) const;
    QList<SequencedEvent> eventsOf(const QString &entityType, const QString &entityId) const;
    qint64 lastSeq() const;

    // Checks an event's envelope (id, entity, kind, actor, device, time) and its payload.
    static std::optional<EventRejection> check(const Event &event);

private:
    // pushAll()'s quick way: `pushes` (no event id in two of them) judged and written as one
    // batch in a savepoint, each push's outcome its share of it; nothing (the savepoint undone)
    // when the batch could not be written or an id is in two pushes.
    std::optional<QList<Result<PushOutcome>>> pushTogether(const QList<Push> &pushes);

    Database &m_database;
};

} // namespace civicdesk

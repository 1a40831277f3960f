#include "models/central/centrallog.h"

#include "models/central/pushrefusal.h"
#include "models/domain/supervision/reviewevent.h"
#include "models/store/database.h"
#include "models/store/entitystate.h"
#include "models/store/eventrow.h"
#include "models/store/projector.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QUuid>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(CentralLog)
};

const QString Columns = u"server_seq, " + eventrow::columns();

SequencedEvent readEvent(const QSqlQuery &query)
{
    return SequencedEvent{eventrow::read(query, 1), query.value(0).toLongLong()};
}

EventRejection rejection(const Event &event, const QString &code, const QString &message,
                         const QString &field = {})
{
    return EventRejection{event.id, code, message, field};
}

std::optional<EventRejection> checkReview(const Event &event)
{
    if (auto bad = review::check(event))
        return rejection(event, QStringLiteral("validation"), bad->message, bad->field);
    return std::nullopt;
}

// An event whose id is stored already with other content.
EventRejection idConflict(const Event &event)
{
    return rejection(event, QStringLiteral("conflict"),
                     Text::tr("Another event with this id is stored already; make a new event "
                              "(with a new id) for this change."),
                     QStringLiteral("id"));
}

bool sameContent(const SequencedEvent &stored, const Event &event)
{
    const Event &s = stored.event;
    return s.entityType == event.entityType && s.entityId == event.entityId &&
           s.kind == event.kind && s.payload == event.payload && s.actor == event.actor &&
           s.device == event.device &&
           s.clientTime.toMSecsSinceEpoch() == event.clientTime.toMSecsSinceEpoch();
}

} // namespace

CentralLog::CentralLog(Database &database) : m_database(database) {}

std::optional<EventRejection> CentralLog::check(const Event &event)
{
    if (QUuid::fromString(event.id).isNull())
        return rejection(event, QStringLiteral("validation"),
                         Text::tr("An event id is a UUID made by the client."),
                         QStringLiteral("id"));
    static const QStringList entities = {
        QStringLiteral("request"),   QStringLiteral("contact"),       QStringLiteral("caller"),
        QStringLiteral("article"),   QStringLiteral("review"),        QStringLiteral("agent"),
        QStringLiteral("ticket"),    QStringLiteral("known_issue"),   QStringLiteral("agent_team"),
        QStringLiteral("phone_day"), QStringLiteral("cluster_rules"), QStringLiteral("export")};
    if (!entities.contains(event.entityType))
        return rejection(event, QStringLiteral("validation"),
                         Text::tr("entity_type must be one of: %1.").arg(entities.join(u", ")),
                         QStringLiteral("entity_type"));
    if (event.entityId.trimmed().isEmpty() || event.entityId.size() > 100)
        return rejection(event, QStringLiteral("validation"),
                         Text::tr("entity_id must be 1 to 100 characters."),
                         QStringLiteral("entity_id"));
    if (event.actor.trimmed().isEmpty())
        return rejection(event, QStringLiteral("validation"), Text::tr("actor is missing."),
                         QStringLiteral("actor"));
    if (event.device.size() > 64)
        return rejection(event, QStringLiteral("validation"),
                         Text::tr("device must be at most 64 characters."),
                         QStringLiteral("device"));
    if (!event.clientTime.isValid())
        return rejection(event, QStringLiteral("validation"),
                         Text::tr("client_time must be milliseconds since 1970."),
                         QStringLiteral("client_time"));
    if (event.payload.value(u"practice").toBool())
        return rejection(event, QStringLiteral("forbidden"),
                         Text::tr("Practice-mode events never reach the central store."),
                         QStringLiteral("payload.practice"));
    if (event.entityType == u"review")
        return checkReview(event);
    if (auto s = projector::validate(event); !s)
        return rejection(event, QStringLiteral("validation"), s.error().message,
                         QStringLiteral("payload"));
    return std::nullopt;
}

namespace {

// Rows per INSERT statement when a batch is written (a sync push holds at most 500 events).
constexpr int SyncBatchLimit = 500;

// The stored events among `ids`, in one query.
Result<QHash<QString, SequencedEvent>> storedAmong(QSqlDatabase &db, const QStringList &ids)
{
    QHash<QString, SequencedEvent> stored;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    QVariantList binds;
    for (const QString &id : ids)
        binds.append(id);
    if (auto s =
            sql::exec(query,
                      QStringLiteral("SELECT %1 FROM events WHERE id IN (%2)")
                          .arg(Columns, QStringList(ids.size(), QStringLiteral("?")).join(u", ")),
                      binds);
        !s)
        return s.error();
    while (query.next()) {
        SequencedEvent e = readEvent(query);
        stored.insert(e.event.id, e);
    }
    return stored;
}

} // namespace

Result<PushOutcome> CentralLog::push(const QList<Event> &events, const Authorize &authorize,
                                     Atomicity atomicity)
{
    const bool whole = atomicity == Atomicity::AllOrNothing;
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    PushOutcome outcome;
    // Decide per event first (stored already, malformed, not allowed), then write the rest.
    // A projection can still refuse an event (a request number already taken): then the whole
    // transaction is rolled back and written again without it, so every accepted event and
    // nothing else is in the log. One prepared insert and one lookup serve the whole batch.
    QList<Event> toWrite;
    {
        QStringList ids;
        for (const Event &e : events)
            ids.append(e.id);
        auto stored = storedAmong(db, ids);
        if (!stored)
            return stored.error();
        QHash<QString, Event> inBatch;
        EntityStates states(m_database);
        for (const Event &event : events) {
            const auto known = stored.value().constFind(event.id);
            const auto earlier = inBatch.constFind(event.id);
            if (known != stored.value().cend() || earlier != inBatch.cend()) {
                const bool same = known != stored.value().cend()
                                      ? sameContent(*known, event)
                                      : sameContent(SequencedEvent{*earlier, 0}, event);
                if (same && known != stored.value().cend())
                    outcome.accepted.append({event.id, known->seq});
                else if (!same)
                    outcome.rejected.append(idConflict(event));
                continue; // the same event twice in one batch is written once
            }
            if (auto bad = check(event)) {
                outcome.rejected.append(*bad);
                continue;
            }
            if (authorize) {
                auto now = states.of(event);
                if (!now)
                    return now.error();
                if (auto denied = authorize(event, now.value())) {
                    outcome.rejected.append(*denied);
                    continue;
                }
            }
            states.note(event);
            inBatch.insert(event.id, event);
            toWrite.append(event);
        }
    }
    if (whole && !outcome.rejected.isEmpty())
        return makeError(outcome.rejected.first().code, outcome.rejected.first().message);
    bool oneByOne = false;
    std::optional<std::pair<Event, Error>> refused; // by its projection, in the last round
    for (;;) {
        if (refused) { // rolled back now: what the store holds can be asked
            outcome.rejected.append(pushrefusal::of(db, refused->first, refused->second, toWrite));
            refused.reset();
        }
        sql::Transaction transaction(db);
        if (auto s = transaction.begin(); !s)
            return s.error();
        QSqlQuery query(db);
        // Several server processes may share one PostgreSQL store: sequence numbers are handed
        // out one writer at a time (SQLite's write lock does the same for a file store).
        if (dialect::of(db) == Dialect::Postgres) {
            if (auto s = sql::exec(query, QStringLiteral("SELECT pg_advisory_xact_lock(8311)")); !s)
                return s.error();
        }
        // Another process may have stored some of these events since they were checked (the
        // same batch retried to two processes at once): under the lock, those are answered
        // like any stored event - the same sequence number, or a conflict - never a failure.
        if (!toWrite.isEmpty()) {
            QStringList ids;
            for (const Event &e : toWrite)
                ids.append(e.id);
            auto meanwhile = storedAmong(db, ids);
            if (!meanwhile)
                return meanwhile.error();
            for (qsizetype i = toWrite.size() - 1; i >= 0 && !meanwhile.value().isEmpty(); --i) {
                const auto known = meanwhile.value().constFind(toWrite.at(i).id);
                if (known == meanwhile.value().cend())
                    continue;
                if (sameContent(*known, toWrite.at(i)))
                    outcome.accepted.append({known->event.id, known->seq});
                else if (whole)
                    return makeError(QStringLiteral("conflict"), idConflict(toWrite.at(i)).message);
                else
                    outcome.rejected.append(idConflict(toWrite.at(i)));
                toWrite.removeAt(i);
            }
        }
        if (auto s =
                sql::exec(query, QStringLiteral("SELECT COALESCE(MAX(server_seq), 0) FROM events"));
            !s)
            return s.error();
        qint64 next = query.next() ? query.value(0).toLongLong() : 0;
        query.finish();
        // All events of the batch in as few statements as the dialect allows, then their
        // projections in order.
        sql::BatchInsert insert(
            db,
            QStringLiteral("INSERT INTO events(id, entity_type, entity_id, kind, "
                           "payload, actor, device, client_time, server_seq)"),
            9, {}, -1, SyncBatchLimit);
        for (qsizetype i = 0; i < toWrite.size(); ++i) {
            const Event &event = toWrite.at(i);
            if (auto s = insert.add({event.id, event.entityType, event.entityId, event.kind,
                                     eventrow::payloadText(event.payload), event.actor,
                                     sql::text(event.device), event.clientTime.toMSecsSinceEpoch(),
                                     next + 1 + i},
                                    i);
                !s)
                return s.error();
        }
        if (auto s = insert.flush(); !s)
            return s.error();
        QList<std::pair<QString, qint64>> accepted;
        qsizetype failed = -1;
        Error failure;
        if (!oneByOne) {
            QList<Event> projected;
            for (const Event &event : toWrite) {
                if (event.entityType != u"review")
                    projected.append(event);
            }
            if (!projector::applyAll(db, projected)) {
                oneByOne = true; // roll back and find the event the store refuses
                continue;
            }
            for (const Event &event : toWrite)
                accepted.append({event.id, ++next});
        }
        for (qsizetype i = 0; oneByOne && i < toWrite.size() && failed < 0; ++i) {
            const Event &event = toWrite.at(i);
            Status projected = Ok{};
            if (event.entityType != u"review")
                projected = projector::apply(db, event);
            if (!projected) {
                failed = i;
                failure = projected.error();
            } else {
                accepted.append({event.id, ++next});
            }
        }
        if (failed >= 0 && whole) // rolled back
            return makeError(QStringLiteral("conflict"), pushrefusal::messageOf(failure));
        if (failed >= 0) {
            // Roll back (the Transaction does) and write the batch again without that event.
            refused.emplace(toWrite.takeAt(failed), failure);
            continue;
        }
        if (auto s = transaction.commit(); !s)
            return s.error();
        outcome.accepted.append(accepted);
        outcome.lastSeq = next;
        pushrefusal::inBatchOrder(events, &outcome.accepted, &outcome.rejected);
        return outcome;
    }
}

namespace {

// Pushes of a group judged and written as one batch hold at most this many events (the ids of
// a batch are looked up in one statement).
constexpr qsizetype TogetherLimit = 500;

} // namespace

std::optional<QList<Result<PushOutcome>>> CentralLog::pushTogether(const QList<Push> &pushes)
{
    // Which push each event belongs to. An id in two pushes (a batch sent again while the first
    // copy waited) would make the answers ambiguous: those are written one push at a time.
    QHash<QString, qsizetype> owner;
    QList<Event> events;
    for (qsizetype i = 0; i < pushes.size(); ++i) {
        for (const Event &event : pushes.at(i).events) {
            const auto known = owner.constFind(event.id);
            if (known != owner.cend() && *known != i)
                return std::nullopt;
            owner.insert(event.id, i);
            events.append(event);
        }
    }
    const Authorize authorize = [&](const Event &event, const EntityState &now) {
        const Authorize &own = pushes.at(owner.value(event.id)).authorize;
        return own ? own(event, now) : std::optional<EventRejection>();
    };
    // One batch, as push() writes it: the later pushes see the earlier ones' events as a batch's
    // later events do, and an event the store refuses is rejected alone. Any failure undoes the
    // batch (its savepoint) and the pushes are written one at a time instead.
    sql::Transaction together(QSqlDatabase::database(m_database.connectionName()));
    if (!together.begin())
        return std::nullopt;
    auto written = push(events, authorize);
    if (!written || !together.commit())
        return std::nullopt;
    QList<Result<PushOutcome>> outcomes(pushes.size(), PushOutcome{});
    for (auto &outcome : outcomes)
        outcome.value().lastSeq = written.value().lastSeq; // the group commits as one
    for (const auto &accepted : written.value().accepted)
        outcomes[owner.value(accepted.first)].value().accepted.append(accepted);
    for (const EventRejection &rejected : written.value().rejected)
        outcomes[owner.value(rejected.id)].value().rejected.append(rejected);
    return outcomes;
}

QList<Result<PushOutcome>> CentralLog::pushAll(const QList<Push> &pushes)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction group(db);
    if (auto s = group.begin(); !s)
        return QList<Result<PushOutcome>>(pushes.size(), s.error());
    QList<Result<PushOutcome>> outcomes;
    bool failed = false;
    for (qsizetype from = 0; from < pushes.size();) {
        // The next pushes, up to TogetherLimit events, judged and written as one batch: a few
        // statements for all instead of a dozen round trips each (PostgreSQL).
        qsizetype to = from;
        qsizetype events = 0;
        while (to < pushes.size() &&
               (to == from || events + pushes.at(to).events.size() <= TogetherLimit))
            events += pushes.at(to++).events.size();
        const QList<Push> chunk = pushes.mid(from, to - from);
        from = to;
        if (chunk.size() > 1) {
            if (auto together = pushTogether(chunk)) {
                outcomes.append(*together);
                continue;
            }
        }
        for (const Push &each : chunk) {
            // Each push in a savepoint of its own: one that fails anywhere (a PostgreSQL error
            // outside push()'s own transaction aborts the whole group) is undone alone.
            sql::Transaction one(db);
            Result<PushOutcome> outcome = [&]() -> Result<PushOutcome> {
                if (auto s = one.begin(); !s)
                    return s.error();
                auto written = push(each.events, each.authorize);
                if (!written)
                    return written;
                if (auto s = one.commit(); !s)
                    return s.error();
                return written;
            }();
            failed = failed || !outcome;
            outcomes.append(std::move(outcome));
        }
    }
    // After a failure the group must still be sound before it commits: PostgreSQL turns the
    // COMMIT of an aborted transaction into a rollback without an error.
    if (failed) {
        QSqlQuery probe(db);
        if (auto s = sql::exec(probe, QStringLiteral("SELECT 1")); !s)
            return QList<Result<PushOutcome>>(pushes.size(), s.error());
    }
    if (auto s = group.commit(); !s)
        return QList<Result<PushOutcome>>(pushes.size(), s.error());
    return outcomes;
}

Result<QList<SequencedEvent>> CentralLog::after(qint64 seq, int limit) const
{
    auto page = this->page(seq, limit, nullptr);
    if (!page)
        return page.error();
    return page.value().events;
}

Result<EventPage> CentralLog::page(qint64 seq, int limit, const ReviewFilter &reviews) const
{
    EventPage page;
    page.through = seq;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    // Without a filter the reviews stay out in SQL; with one, every event of the range is
    // read and the reviews the reader may not have are left out of the page (not of its range).
    const QString reviewClause =
        reviews ? QString() : QStringLiteral("AND entity_type <> 'review' ");
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT %1 FROM events WHERE server_seq > ? %2"
                                          "ORDER BY server_seq LIMIT ?")
                               .arg(Columns, reviewClause),
                           {seq, limit});
        !s)
        return s.error();
    int scanned = 0;
    while (query.next()) {
        SequencedEvent e = readEvent(query);
        ++scanned;
        page.through = e.seq;
        if (e.event.entityType == u"review") {
            page.reviews = true;
            if (!reviews(e.event))
                continue;
        }
        page.events.append(std::move(e));
    }
    page.more = scanned == limit;
    return page;
}

Result<QList<SequencedEvent>> CentralLog::reviewLog() const
{
    QList<SequencedEvent> list;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT %1 FROM events WHERE entity_type = 'review' AND "
                                          "server_seq IS NOT NULL ORDER BY server_seq")
                               .arg(Columns));
        !s)
        return s.error();
    while (query.next())
        list.append(readEvent(query));
    return list;
}

std::optional<SequencedEvent> CentralLog::byId(const QString &id) const
{
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(query, QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(Columns),
                   {id}) ||
        !query.next())
        return std::nullopt;
    return readEvent(query);
}

QList<SequencedEvent> CentralLog::eventsOf(const QString &entityType, const QString &entityId) const
{
    QList<SequencedEvent> list;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(query,
                   QStringLiteral("SELECT %1 FROM events WHERE entity_type = ? AND entity_id = ? "
                                  "ORDER BY COALESCE(server_seq, 0), seq")
                       .arg(Columns),
                   {entityType, entityId}))
        return list;
    while (query.next())
        list.append(readEvent(query));
    return list;
}

qint64 CentralLog::lastSeq() const
{
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (sql::exec(query, QStringLiteral("SELECT COALESCE(MAX(server_seq), 0) FROM events")) &&
        query.next())
        return query.value(0).toLongLong();
    return 0;
}

} // namespace civicdesk

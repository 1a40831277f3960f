#include "models/sync/syncstore.h"

#include "models/store/database.h"
#include "models/store/eventrow.h"
#include "models/store/eventstore.h"
#include "models/store/projector.h"
#include "models/store/schema/requestrollups.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>

namespace civicdesk {

namespace {

const QString cursorKey = QStringLiteral("sync_cursor");
const QString lastSuccessKey = QStringLiteral("sync_last_success");

const QString eventColumns = eventrow::columns(QStringLiteral("e."));

// Kinds re-applied on top of a remote event: applying them again gives the same row (an
// article edit also records one more local version of the same text). Creations and lifecycle
// moves are not: the server orders them before anything that could be applied under them.
bool reapplicable(const QString &kind)
{
    static const QSet<QString> kinds = {
        QStringLiteral("request.field_changed"),  QStringLiteral("request.status_changed"),
        QStringLiteral("request.note_added"),     QStringLiteral("request.caller_attached"),
        QStringLiteral("caller.upserted"),        QStringLiteral("contact.ended"),
        QStringLiteral("contact.article_opened"), QStringLiteral("article.edited"),
        QStringLiteral("contact.call_ended"),
    };
    return kinds.contains(kind);
}

} // namespace

SyncStore::SyncStore(Database &database) : m_database(database) {}

QString SyncStore::deviceCode() const
{
    return m_database.meta(QStringLiteral("device_code"));
}

QList<Event> SyncStore::pendingBatch(int limit) const
{
    QList<Event> events;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(query,
                   u"SELECT " + eventColumns +
                       u" FROM outbox o JOIN events e ON e.id = o.event_id WHERE "
                       u"o.rejected_code IS NULL ORDER BY e.seq LIMIT ?",
                   {limit}))
        return events;
    while (query.next())
        events.append(eventrow::read(query));
    return events;
}

int SyncStore::pendingCount() const
{
    return sql::count(QSqlDatabase::database(m_database.connectionName()),
                      QStringLiteral("SELECT count(*) FROM outbox WHERE rejected_code IS NULL"));
}

int SyncStore::rejectedCount() const
{
    return sql::count(QSqlDatabase::database(m_database.connectionName()),
                      QStringLiteral("SELECT count(*) FROM outbox WHERE rejected_code IS NOT NULL "
                                     "AND resolved_by IS NULL"));
}

Status SyncStore::acknowledge(const QList<Acknowledgement> &accepted,
                              const QList<EventRejection> &rejected)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery seq(db);
    QSqlQuery done(db);
    if (!seq.prepare(QStringLiteral(
            "UPDATE events SET server_seq = ? WHERE id = ? AND server_seq IS NULL")) ||
        !done.prepare(QStringLiteral("DELETE FROM outbox WHERE event_id = ?")))
        return sql::errorOf(seq, QStringLiteral("acknowledge"));
    for (const Acknowledgement &a : accepted) {
        if (auto s = sql::execPrepared(seq, {a.seq, a.id}); !s)
            return s;
        if (auto s = sql::execPrepared(done, {a.id}); !s)
            return s;
    }
    QSqlQuery mark(db);
    if (!mark.prepare(QStringLiteral(
            "UPDATE outbox SET rejected_code = ?, rejected_message = ?, rejected_field = ?, "
            "rejected_at = ?, attempts = attempts + 1 WHERE event_id = ?")))
        return sql::errorOf(mark, QStringLiteral("reject"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const EventRejection &r : rejected) {
        if (auto s =
                sql::execPrepared(mark, {r.code.isEmpty() ? QStringLiteral("rejected") : r.code,
                                         r.message, sql::nullable(r.field), now, r.id});
            !s)
            return s;
    }
    return transaction.commit();
}

Status SyncStore::recordFailure(const QStringList &ids, const QString &error)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery query(db);
    if (!query.prepare(QStringLiteral(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?")))
        return sql::errorOf(query, QStringLiteral("recordFailure"));
    for (const QString &id : ids) {
        if (auto s = sql::execPrepared(query, {error, id}); !s)
            return s;
    }
    return transaction.commit();
}

Result<int> SyncStore::applyRemote(const QList<SequencedEvent> &events, qint64 cursor)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    QSqlQuery known(db);
    QSqlQuery ack(db);
    QSqlQuery unqueue(db);
    QSqlQuery insert(db);
    QSqlQuery later(db);
    if (!known.prepare(QStringLiteral("SELECT server_seq FROM events WHERE id = ?")) ||
        !ack.prepare(QStringLiteral(
            "UPDATE events SET server_seq = ? WHERE id = ? AND server_seq IS NULL")) ||
        !unqueue.prepare(
            QStringLiteral("DELETE FROM outbox WHERE event_id = ? AND rejected_code IS NULL")) ||
        !insert.prepare(QStringLiteral(
            "INSERT INTO events(id, entity_type, entity_id, kind, payload, actor, device, "
            "client_time, server_seq) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")) ||
        // The local events the server orders after this one (or has not ordered yet; a
        // rejected one is not going to the server and stays out of the projection's order).
        !later.prepare(u"SELECT " + eventColumns +
                       u" FROM events e LEFT JOIN outbox o ON o.event_id = e.id WHERE "
                       u"e.entity_type = ? AND e.entity_id = ? AND e.id <> ? AND "
                       u"((e.server_seq IS NULL AND o.event_id IS NOT NULL AND "
                       u"o.rejected_code IS NULL) OR e.server_seq > ?) ORDER BY "
                       u"CASE WHEN e.server_seq IS NULL THEN 1 ELSE 0 END, e.server_seq, e.seq"))
        return sql::errorOf(known, QStringLiteral("applyRemote"));
    int applied = 0;
    QSet<QString> touched;
    for (const SequencedEvent &remote : events) {
        const Event &e = remote.event;
        if (auto s = sql::execPrepared(known, {e.id}); !s)
            return s.error();
        if (known.next()) {
            const bool unacknowledged = known.value(0).isNull();
            known.finish();
            if (unacknowledged) {
                // Our own event, accepted by a push whose reply was lost.
                if (auto s = sql::execPrepared(ack, {remote.seq, e.id}); !s)
                    return s.error();
                if (auto s = sql::execPrepared(unqueue, {e.id}); !s)
                    return s.error();
            }
            continue;
        }
        known.finish();
        if (auto s = sql::execPrepared(insert, {e.id, e.entityType, e.entityId, e.kind,
                                                eventrow::payloadText(e.payload), e.actor, e.device,
                                                e.clientTime.toMSecsSinceEpoch(), remote.seq});
            !s)
            return s.error();
        ++applied;
        touched.insert(e.entityType);
        // A quality review (this agent's own, or every agent's for a supervisor) is read from
        // the log itself (models/quality/qualityreviews.h): nothing to project.
        if (e.entityType == u"review")
            continue;
        // An event this version cannot project (a newer kind, an entity not replicated here)
        // stays in the log and the timeline; the projection skips it rather than stop sync.
        if (auto v = projector::validate(e); !v) {
            qCWarning(lcStorage) << "remote event" << e.id << "not projected:" << v.error().message;
            continue;
        }
        if (auto p = projector::apply(db, e); !p) {
            qCWarning(lcStorage) << "remote event" << e.id << "not projected:" << p.error().message;
            continue;
        }
        if (e.kind == u"request.created") {
            QSqlQuery origin(db);
            if (auto s = sql::exec(origin,
                                   QStringLiteral("UPDATE requests SET origin = 'remote' WHERE "
                                                  "id = ? AND origin = 'local'"),
                                   {e.entityId});
                !s)
                return s.error();
        }
        if (auto s = sql::execPrepared(later, {e.entityType, e.entityId, e.id, remote.seq}); !s)
            return s.error();
        QList<Event> onTop;
        while (later.next())
            onTop.append(eventrow::read(later));
        later.finish();
        for (const Event &own : onTop) {
            if (!reapplicable(own.kind))
                continue;
            // A local event that no longer applies leaves the server's state; sync goes on.
            if (auto p = projector::apply(db, own); !p)
                qCWarning(lcStorage)
                    << "local event" << own.id << "not re-applied:" << p.error().message;
        }
    }
    QSqlQuery meta(db);
    if (auto s = sql::exec(meta,
                           QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) ON "
                                          "CONFLICT(key) DO UPDATE SET value = excluded.value"),
                           {cursorKey, QString::number(cursor)});
        !s)
        return s.error();
    if (auto c = transaction.commit(); !c)
        return c.error();
    if (applied > 0)
        m_database.changes().notify({StoreChanges::Origin::Remote, touched, applied});
    return applied;
}

qint64 SyncStore::cursor() const
{
    return m_database.meta(cursorKey).toLongLong();
}

QDateTime SyncStore::lastSuccess() const
{
    const QString value = m_database.meta(lastSuccessKey);
    if (value.isEmpty())
        return {};
    return QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

Status SyncStore::setLastSuccess(const QDateTime &time)
{
    return m_database.setMeta(lastSuccessKey, QString::number(time.toMSecsSinceEpoch()));
}

QList<RejectedEvent> SyncStore::rejected() const
{
    QList<RejectedEvent> list;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(query,
                   u"SELECT " + eventColumns +
                       u", o.rejected_code, o.rejected_message, o.rejected_field, "
                       u"o.rejected_at FROM outbox o JOIN events e ON e.id = o.event_id WHERE "
                       u"o.rejected_code IS NOT NULL AND o.resolved_by IS NULL ORDER BY e.seq"))
        return list;
    while (query.next()) {
        RejectedEvent r;
        r.event = eventrow::read(query);
        r.reason = EventRejection{r.event.id, query.value(8).toString(), query.value(9).toString(),
                                  query.value(10).toString()};
        r.rejectedAt = QDateTime::fromMSecsSinceEpoch(query.value(11).toLongLong(), Qt::UTC);
        list.append(r);
    }
    return list;
}

Result<QString> SyncStore::resend(EventStore &events, const QString &rejectedId,
                                  const QJsonObject &payload)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    const QList<RejectedEvent> all = rejected();
    auto it = std::find_if(all.cbegin(), all.cend(),
                           [&](const RejectedEvent &r) { return r.event.id == rejectedId; });
    if (it == all.cend())
        return makeError(QStringLiteral("sync.not_rejected"),
                         QCoreApplication::translate("Sync", "No rejected change %1 is waiting "
                                                             "to be corrected.")
                             .arg(rejectedId));
    Event corrected = it->event;
    corrected.id = Event::newId();
    corrected.payload = payload;
    corrected.clientTime = QDateTime::currentDateTimeUtc();
    if (auto v = projector::validate(corrected); !v)
        return v.error();
    if (corrected.kind == u"request.created") {
        // The refused creation is still projected here; the corrected one replaces it.
        sql::Transaction transaction(db);
        if (auto s = transaction.begin(); !s)
            return s.error();
        // Its counts leave the request rollup with it.
        auto refused = requestrollups::state(db, corrected.entityId);
        if (!refused)
            return refused.error();
        if (auto s = requestrollups::move(db, refused.value(), {}); !s)
            return s.error();
        QSqlQuery query(db);
        if (auto s = sql::exec(query,
                               QStringLiteral("DELETE FROM requests_rtree WHERE id IN (SELECT "
                                              "rowid FROM requests WHERE id = ?)"),
                               {corrected.entityId});
            !s)
            return s.error();
        if (auto s = sql::exec(query, QStringLiteral("DELETE FROM requests WHERE id = ?"),
                               {corrected.entityId});
            !s)
            return s.error();
        if (auto s = transaction.commit(); !s)
            return s.error();
    }
    if (auto a = events.append(corrected); !a)
        return a.error();
    QSqlQuery query(db);
    if (auto s =
            sql::exec(query, QStringLiteral("UPDATE outbox SET resolved_by = ? WHERE event_id = ?"),
                      {corrected.id, rejectedId});
        !s)
        return s.error();
    return corrected.id;
}

Delivery SyncStore::deliveryOf(const QString &entityType, const QString &entityId) const
{
    return DeliveryReader(m_database).deliveryOf(entityType, entityId);
}

} // namespace civicdesk

#include "models/store/eventstore.h"

#include "models/store/database.h"
#include "models/store/entitystate.h"
#include "models/store/eventrow.h"
#include "models/store/projector.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>

namespace civicdesk {

EventStore::EventStore(Database &database) : m_database(database) {}

Result<qint64> EventStore::append(const Event &given)
{
    Event event = given;
    if (m_practice)
        event.payload.insert(QStringLiteral("practice"), true);
    if (auto s = projector::validate(event); !s)
        return s.error();
    if (m_role) {
        auto now = EntityStates(m_database).of(event);
        if (!now)
            return now.error();
        if (auto denied = checkEventPermission(*m_role, event, now.value()))
            return makeError(QStringLiteral("forbidden"), denied->message);
    }
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    auto injected = [this](Stage stage) -> std::optional<Error> {
        if (m_faultHook && !m_faultHook(stage))
            return makeError(QStringLiteral("storage.fault"),
                             QStringLiteral("injected fault at stage %1").arg(int(stage)));
        return std::nullopt;
    };
    QSqlQuery query(db);
    // PostgreSQL has no last insert id for an identity column: the insert returns it, through a
    // statement kept prepared (each fresh one costs round trips to prepare and release it).
    const bool postgres = m_database.dialect() == Dialect::Postgres;
    const QString insert =
        QStringLiteral("INSERT INTO events(id, entity_type, entity_id, kind, payload, actor, "
                       "device, client_time) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    const QVariantList values = {event.id,
                                 event.entityType,
                                 event.entityId,
                                 event.kind,
                                 eventrow::payloadText(event.payload),
                                 event.actor,
                                 event.device,
                                 event.clientTime.toMSecsSinceEpoch()};
    qint64 seq = 0;
    if (postgres) {
        auto returned = sql::rowsCached(db, insert + u" RETURNING seq", values);
        if (!returned)
            return returned.error();
        seq = returned.value().isEmpty() ? 0 : returned.value().constFirst().at(0).toLongLong();
    } else {
        if (auto s = sql::exec(query, insert, values); !s)
            return s.error();
        seq = query.lastInsertId().toLongLong();
    }
    if (auto e = injected(Stage::EventWritten))
        return *e;
    if (auto p = projector::apply(db, event); !p)
        return p.error();
    if (auto e = injected(Stage::ProjectionUpdated))
        return *e;
    if (auto q = sql::execCached(db,
                                 QStringLiteral("INSERT INTO outbox(event_id, queued_at) VALUES(?, "
                                                "?)"),
                                 {event.id, QDateTime::currentMSecsSinceEpoch()});
        !q)
        return q.error();
    if (auto e = injected(Stage::Queued))
        return *e;
    if (auto c = transaction.commit(); !c)
        return c.error();
    m_database.changes().notify({StoreChanges::Origin::Local, {event.entityType}, 1});
    return seq;
}

Result<RequestNumber> EventStore::allocateRequestNumber()
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    // The counter's row is locked before it is read: several server processes share one
    // PostgreSQL store (and its device code), and two reads before either write would hand out
    // the same number. A second transaction waits here for the first to commit, then reads its
    // value; on SQLite the write lock taken here does the same.
    QSqlQuery claim(db);
    if (auto q = sql::exec(claim,
                           QStringLiteral("INSERT INTO meta(key, value) VALUES(?, '0') "
                                          "ON CONFLICT(key) DO NOTHING"),
                           {QStringLiteral("request_sequence")});
        !q)
        return q.error();
    if (auto q = sql::exec(claim, QStringLiteral("UPDATE meta SET value = value WHERE key = ?"),
                           {QStringLiteral("request_sequence")});
        !q)
        return q.error();
    const qint64 sequence = m_database.meta(QStringLiteral("request_sequence")).toLongLong();
    QString deviceCode = device.value();
    qint64 next = sequence;
    if (next > RequestNumber::MaxSequence) {
        // This device code is used up: take a fresh one and start again.
        deviceCode = RequestNumber::randomDeviceCode();
        if (auto s = m_database.setMeta(QStringLiteral("device_code"), deviceCode); !s)
            return s.error();
        next = 0;
    }
    auto number = RequestNumber::make(deviceCode, next);
    if (!number)
        return number.error();
    if (auto s = m_database.setMeta(QStringLiteral("request_sequence"), QString::number(next + 1));
        !s)
        return s.error();
    if (auto c = transaction.commit(); !c)
        return c.error();
    return number;
}

QList<Event> EventStore::eventsFor(const QString &entityType, const QString &entityId) const
{
    QList<Event> events;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(query,
                   u"SELECT " + eventrow::columns() +
                       u" FROM events WHERE entity_type = ? AND entity_id = ? ORDER BY seq",
                   {entityType, entityId}))
        return events;
    while (query.next())
        events.append(eventrow::read(query));
    return events;
}

int EventStore::outboxSize() const
{
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (sql::exec(query, QStringLiteral("SELECT count(*) FROM outbox")) && query.next())
        return query.value(0).toInt();
    return -1;
}

qint64 EventStore::eventCount() const
{
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (sql::exec(query, QStringLiteral("SELECT count(*) FROM events")) && query.next())
        return query.value(0).toLongLong();
    return -1;
}

} // namespace civicdesk

#include "models/store/kpirollups.h"

#include "models/store/sql.h"

#include <QSqlQuery>

namespace civicdesk::kpirollups {

namespace {

QString hourColumns(const QString &each)
{
    QStringList columns;
    for (int h = 0; h < 24; ++h)
        columns.append(QString(each).replace(QStringLiteral("{h}"), QString::number(h)));
    return columns.join(QStringLiteral(", "));
}

// Filling the rollups from the projections and the log (the migration and rebuild()).
QStringList fill()
{
    return {
        QStringLiteral("UPDATE requests SET created_by = (SELECT min(e.actor) FROM events e "
                       "WHERE e.entity_type = 'request' AND e.entity_id = requests.id AND "
                       "e.kind = 'request.created')"),
        u"INSERT INTO kpi_contact_days(day, agent, channel, outcome, contacts, ended, "
        u"handle_seconds, " +
            hourColumns(QStringLiteral("h{h}")) +
            u") SELECT started_at / 86400, COALESCE(agent, ''), channel, COALESCE(outcome, ''), "
            u"count(*), count(ended_at), COALESCE(sum(ended_at - started_at), 0), " +
            hourColumns(QStringLiteral("count(CASE WHEN started_at % 86400 / 3600 = {h} THEN 1 "
                                       "END)")) +
            u" FROM contacts GROUP BY started_at / 86400, COALESCE(agent, ''), channel, "
            u"COALESCE(outcome, '')",
        QStringLiteral(
            "INSERT INTO contact_request_links(contact_id, request_id, kind, started_at) SELECT "
            "DISTINCT s.entity_id, e.entity_id, e.kind, s.client_time / 1000 FROM events e JOIN "
            "events s ON s.seq = (SELECT max(x.seq) FROM events x WHERE x.device = e.device AND "
            "x.kind = 'contact.started' AND x.seq < e.seq) WHERE e.kind IN ('request.created', "
            "'request.caller_attached') AND NOT EXISTS (SELECT 1 FROM events d WHERE "
            "d.entity_type = 'contact' AND d.entity_id = s.entity_id AND d.kind = "
            "'contact.ended' AND d.seq < e.seq)"),
    };
}

Status add(QSqlDatabase &db, const ContactState &c, int sign)
{
    const qint64 day = c.startedAt / 86400;
    const QString hour = QStringLiteral("h%1").arg(c.startedAt % 86400 / 3600);
    const QVariantList key = {day, c.agent, c.channel, c.outcome};
    if (auto s = sql::execCached(
            db,
            u"INSERT INTO kpi_contact_days(day, agent, channel, outcome, contacts, ended, "
            u"handle_seconds, " +
                hour +
                u") VALUES(?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day, agent, channel, outcome) DO "
                u"UPDATE SET contacts = kpi_contact_days.contacts + excluded.contacts, ended = "
                u"kpi_contact_days.ended + excluded.ended, handle_seconds = "
                u"kpi_contact_days.handle_seconds + excluded.handle_seconds, " +
                hour + u" = kpi_contact_days." + hour + u" + excluded." + hour,
            key +
                QVariantList{sign, c.ended ? sign : 0, c.ended ? sign * c.handleSeconds : 0, sign});
        !s)
        return s;
    if (sign > 0)
        return Ok{};
    return sql::execCached(db,
                           QStringLiteral("DELETE FROM kpi_contact_days WHERE day = ? AND agent = "
                                          "? AND channel = ? AND outcome = ? AND contacts = 0"),
                           key);
}

} // namespace

QStringList migration()
{
    return QStringList{
               QStringLiteral("ALTER TABLE requests ADD COLUMN created_by TEXT"),
               QStringLiteral("CREATE INDEX requests_kpi_opened ON requests(opened_at, "
                              "service_code, type_name, department_code, channel, created_by)"),
               QStringLiteral("CREATE INDEX requests_kpi_closed ON requests(closed_at, status, "
                              "due_at, service_code, type_name, department_code, channel, "
                              "created_by)"),
               QStringLiteral("CREATE INDEX contacts_kpi ON contacts(started_at, agent, channel, "
                              "outcome, ended_at)"),
               u"CREATE TABLE kpi_contact_days(day INTEGER NOT NULL, agent TEXT NOT NULL, "
               u"channel TEXT NOT NULL, outcome TEXT NOT NULL, contacts INTEGER NOT NULL, ended "
               u"INTEGER NOT NULL, handle_seconds INTEGER NOT NULL, " +
                   hourColumns(QStringLiteral("h{h} INTEGER NOT NULL DEFAULT 0")) +
                   u", PRIMARY KEY(day, agent, channel, outcome))",
               QStringLiteral("CREATE TABLE contact_request_links(contact_id TEXT NOT NULL, "
                              "request_id TEXT NOT NULL, kind TEXT NOT NULL, started_at INTEGER "
                              "NOT NULL, PRIMARY KEY(contact_id, request_id, kind))"),
               QStringLiteral("CREATE INDEX contact_request_links_started ON "
                              "contact_request_links(started_at)"),
           } +
           fill();
}

Status rebuild(QSqlDatabase &db)
{
    QSqlQuery q(db);
    QStringList statements = {QStringLiteral("DELETE FROM kpi_contact_days"),
                              QStringLiteral("DELETE FROM contact_request_links")};
    statements += fill();
    for (const QString &statement : std::as_const(statements)) {
        if (auto s = sql::exec(q, statement); !s)
            return s;
    }
    return Ok{};
}

Result<ContactState> contactState(QSqlDatabase &db, const QString &contactId)
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q,
                           QStringLiteral("SELECT started_at, COALESCE(agent, ''), channel, "
                                          "COALESCE(outcome, ''), ended_at FROM contacts WHERE "
                                          "id = ?"),
                           {contactId});
        !s)
        return s.error();
    ContactState c;
    if (!q.next())
        return c;
    c.exists = true;
    c.startedAt = q.value(0).toLongLong();
    c.agent = q.value(1).toString();
    c.channel = q.value(2).toString();
    c.outcome = q.value(3).toString();
    c.ended = !q.value(4).isNull();
    c.handleSeconds = c.ended ? q.value(4).toLongLong() - c.startedAt : 0;
    return c;
}

Status moveContact(QSqlDatabase &db, const ContactState &before, const ContactState &after)
{
    if (before.exists == after.exists && before.startedAt == after.startedAt &&
        before.agent == after.agent && before.channel == after.channel &&
        before.outcome == after.outcome && before.ended == after.ended &&
        before.handleSeconds == after.handleSeconds)
        return Ok{};
    if (before.exists) {
        if (auto s = add(db, before, -1); !s)
            return s;
    }
    return after.exists ? add(db, after, 1) : Status(Ok{});
}

Status linkToContact(QSqlDatabase &db, const Event &e)
{
    return sql::execCached(
        db,
        QStringLiteral(
            "INSERT INTO contact_request_links(contact_id, request_id, kind, started_at) SELECT "
            "s.entity_id, ?, ?, s.client_time / 1000 FROM events s WHERE s.seq = (SELECT "
            "max(x.seq) FROM events x WHERE x.device = ? AND x.kind = 'contact.started' AND "
            "x.seq < (SELECT y.seq FROM events y WHERE y.id = ?)) AND NOT EXISTS (SELECT 1 FROM "
            "events d WHERE d.entity_type = 'contact' AND d.entity_id = s.entity_id AND d.kind = "
            "'contact.ended' AND d.seq < (SELECT y.seq FROM events y WHERE y.id = ?)) ON "
            "CONFLICT(contact_id, request_id, kind) DO NOTHING"),
        {e.entityId, e.kind, e.device, e.id, e.id});
}

} // namespace civicdesk::kpirollups

#include "models/store/schema/kpirollups.h"

#include "models/store/schema/requestrollups.h"
#include "models/store/sql/sql.h"

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

// A link's caller and type, as first-contact resolution reads them: the contact's caller, else
// the request's (made during the contact) or the caller attached to it during the contact; the
// request's type. For the links of "UPDATE ... WHERE <which>".
const QString RefreshLinks = QStringLiteral(
    "UPDATE contact_request_links SET caller = (SELECT COALESCE(c.caller_id, CASE WHEN "
    "contact_request_links.kind = 'request.created' THEN r.caller_id ELSE (SELECT "
    "min(rc.caller_id) FROM request_callers rc WHERE rc.request_id = "
    "contact_request_links.request_id AND rc.added_at >= c.started_at AND rc.added_at <= "
    "COALESCE(c.ended_at, rc.added_at)) END) FROM contacts c JOIN requests r ON r.id = "
    "contact_request_links.request_id WHERE c.id = contact_request_links.contact_id), type = "
    "(SELECT COALESCE(r.service_code, r.type_name) FROM requests r WHERE r.id = "
    "contact_request_links.request_id)");
// Whether another contact's link of the same caller and type started after it (the later
// contact id breaks a tie) within FcrRepeatDays (7 days).
const QString RefreshRepeated = QStringLiteral(
    "UPDATE contact_request_links SET repeated = CASE WHEN caller IS NOT NULL AND type IS NOT "
    "NULL AND EXISTS (SELECT 1 FROM contact_request_links o WHERE o.caller = "
    "contact_request_links.caller AND o.type = contact_request_links.type AND o.contact_id <> "
    "contact_request_links.contact_id AND (o.started_at > contact_request_links.started_at OR "
    "(o.started_at = contact_request_links.started_at AND o.contact_id > "
    "contact_request_links.contact_id)) AND o.started_at <= contact_request_links.started_at + "
    "604800) THEN 1 ELSE 0 END");
// A contact's first-contact resolution: none while running or without a link with a caller and
// a type; else 1 when one of them was repeated, 0 when not.
const QString RefreshContactFcr = QStringLiteral(
    "UPDATE contacts SET fcr = CASE WHEN ended_at IS NULL THEN NULL ELSE (SELECT max(l.repeated) "
    "FROM contact_request_links l WHERE l.contact_id = contacts.id AND l.caller IS NOT NULL AND "
    "l.type IS NOT NULL) END");

// Filling the rollups from the projections and the log (the migration and rebuild()).
QStringList fill()
{
    return {
        QStringLiteral("UPDATE requests SET created_by = (SELECT min(e.actor) FROM events e "
                       "WHERE e.entity_type = 'request' AND e.entity_id = requests.id AND "
                       "e.kind = 'request.created')"),
        QStringLiteral(
            "INSERT INTO contact_request_links(contact_id, request_id, kind, started_at) SELECT "
            "DISTINCT s.entity_id, e.entity_id, e.kind, s.client_time / 1000 FROM events e JOIN "
            "events s ON s.seq = (SELECT max(x.seq) FROM events x WHERE x.device = e.device AND "
            "x.kind = 'contact.started' AND x.seq < e.seq) WHERE e.kind IN ('request.created', "
            "'request.caller_attached') AND NOT EXISTS (SELECT 1 FROM events d WHERE "
            "d.entity_type = 'contact' AND d.entity_id = s.entity_id AND d.kind = "
            "'contact.ended' AND d.seq < e.seq)"),
        RefreshLinks,
        RefreshRepeated,
        RefreshContactFcr,
        u"INSERT INTO kpi_contact_days(day, agent, channel, outcome, contacts, ended, "
        u"handle_seconds, fcr_eligible, fcr_repeated, " +
            hourColumns(QStringLiteral("h{h}")) +
            u") SELECT started_at / 86400, COALESCE(agent, ''), channel, COALESCE(outcome, ''), "
            u"count(*), count(ended_at), COALESCE(sum(ended_at - started_at), 0), count(fcr), "
            u"COALESCE(sum(fcr), 0), " +
            hourColumns(QStringLiteral("count(CASE WHEN started_at % 86400 / 3600 = {h} THEN 1 "
                                       "END)")) +
            u" FROM contacts GROUP BY started_at / 86400, COALESCE(agent, ''), channel, "
            u"COALESCE(outcome, '')",
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
            u"handle_seconds, fcr_eligible, fcr_repeated, " +
                hour +
                u") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(day, agent, channel, "
                u"outcome) DO UPDATE SET contacts = kpi_contact_days.contacts + "
                u"excluded.contacts, ended = kpi_contact_days.ended + excluded.ended, "
                u"handle_seconds = kpi_contact_days.handle_seconds + excluded.handle_seconds, "
                u"fcr_eligible = kpi_contact_days.fcr_eligible + excluded.fcr_eligible, "
                u"fcr_repeated = kpi_contact_days.fcr_repeated + excluded.fcr_repeated, " +
                hour + u" = kpi_contact_days." + hour + u" + excluded." + hour,
            key + QVariantList{sign, c.ended ? sign : 0, c.ended ? sign * c.handleSeconds : 0,
                               c.fcr >= 0 ? sign : 0, c.fcr > 0 ? sign : 0, sign});
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
               QStringLiteral(
                   "CREATE INDEX requests_kpi_groups ON requests((COALESCE(service_code, "
                   "type_name)), (COALESCE(department_code, '')), opened_at, type_name, "
                   "channel, created_by)"),
               QStringLiteral("CREATE INDEX requests_kpi_closed ON requests(closed_at, status, "
                              "due_at, service_code, type_name, department_code, channel, "
                              "created_by)"),
               QStringLiteral("CREATE INDEX contacts_kpi ON contacts(started_at, agent, channel, "
                              "outcome, ended_at)"),
               u"CREATE TABLE kpi_contact_days(day INTEGER NOT NULL, agent TEXT NOT NULL, "
               u"channel TEXT NOT NULL, outcome TEXT NOT NULL, contacts INTEGER NOT NULL, ended "
               u"INTEGER NOT NULL, handle_seconds INTEGER NOT NULL, fcr_eligible INTEGER NOT NULL, "
               u"fcr_repeated INTEGER NOT NULL, " +
                   hourColumns(QStringLiteral("h{h} INTEGER NOT NULL DEFAULT 0")) +
                   u", PRIMARY KEY(day, agent, channel, outcome))",
               QStringLiteral("ALTER TABLE contacts ADD COLUMN fcr INTEGER"),
               QStringLiteral("CREATE TABLE contact_request_links(contact_id TEXT NOT NULL, "
                              "request_id TEXT NOT NULL, kind TEXT NOT NULL, started_at INTEGER "
                              "NOT NULL, caller TEXT, type TEXT, repeated INTEGER NOT NULL "
                              "DEFAULT 0, PRIMARY KEY(contact_id, request_id, kind))"),
               QStringLiteral("CREATE INDEX contact_request_links_request ON "
                              "contact_request_links(request_id)"),
               QStringLiteral("CREATE INDEX contact_request_links_group ON "
                              "contact_request_links(caller, type, started_at)"),
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
    return requestrollups::rebuild(db);
}

Result<ContactState> contactState(QSqlDatabase &db, const QString &contactId)
{
    auto rows = sql::rowsCached(db,
                                QStringLiteral("SELECT started_at, COALESCE(agent, ''), channel, "
                                               "COALESCE(outcome, ''), ended_at, fcr FROM "
                                               "contacts WHERE id = ?"),
                                {contactId});
    if (!rows)
        return rows.error();
    ContactState c;
    if (rows.value().isEmpty())
        return c;
    const QVariantList &row = rows.value().constFirst();
    c.exists = true;
    c.startedAt = row.at(0).toLongLong();
    c.agent = row.at(1).toString();
    c.channel = row.at(2).toString();
    c.outcome = row.at(3).toString();
    c.ended = !row.at(4).isNull();
    c.handleSeconds = c.ended ? row.at(4).toLongLong() - c.startedAt : 0;
    c.fcr = row.at(5).isNull() ? -1 : row.at(5).toInt();
    return c;
}

Status moveContact(QSqlDatabase &db, const ContactState &before, const ContactState &after)
{
    if (before.exists == after.exists && before.startedAt == after.startedAt &&
        before.agent == after.agent && before.channel == after.channel &&
        before.outcome == after.outcome && before.ended == after.ended &&
        before.handleSeconds == after.handleSeconds && before.fcr == after.fcr)
        return Ok{};
    if (before.exists) {
        if (auto s = add(db, before, -1); !s)
            return s;
    }
    return after.exists ? add(db, after, 1) : Status(Ok{});
}

namespace {

void addNew(QStringList &to, const QList<QVariantList> &rows)
{
    for (const QVariantList &row : rows) {
        if (!to.contains(row.at(0).toString()))
            to.append(row.at(0).toString());
    }
}

} // namespace

Status refreshFcr(QSqlDatabase &db, FcrScope scope, const QString &id)
{
    const QString which = scope == FcrScope::Request ? QStringLiteral(" WHERE request_id = ?")
                                                     : QStringLiteral(" WHERE contact_id = ?");
    // The caller-and-type groups the links were in and are in now.
    const QString groupsOf = u"SELECT DISTINCT caller, type FROM contact_request_links" + which +
                             u" AND caller IS NOT NULL AND type IS NOT NULL";
    auto before = sql::rowsCached(db, groupsOf, {id});
    if (!before)
        return before.error();
    if (auto s = sql::execCached(db, RefreshLinks + which, {id}); !s)
        return s;
    auto after = sql::rowsCached(db, groupsOf, {id});
    if (!after)
        return after.error();
    QList<QVariantList> groups = before.value();
    for (const QVariantList &g : after.value()) {
        if (!groups.contains(g))
            groups.append(g);
    }
    // Their contacts, and the links' own (a link may have left every group).
    QStringList contacts;
    if (scope == FcrScope::Contact)
        contacts.append(id);
    auto own =
        sql::rowsCached(db, u"SELECT DISTINCT contact_id FROM contact_request_links" + which, {id});
    if (!own)
        return own.error();
    addNew(contacts, own.value());
    for (const QVariantList &g : std::as_const(groups)) {
        if (auto s = sql::execCached(db, RefreshRepeated + u" WHERE caller = ? AND type = ?", g);
            !s)
            return s;
        auto members =
            sql::rowsCached(db,
                            QStringLiteral("SELECT DISTINCT contact_id FROM "
                                           "contact_request_links WHERE caller = ? AND type = ?"),
                            g);
        if (!members)
            return members.error();
        addNew(contacts, members.value());
    }
    for (const QString &contact : std::as_const(contacts)) {
        auto was = contactState(db, contact);
        if (!was)
            return was.error();
        if (auto s = sql::execCached(db, RefreshContactFcr + u" WHERE id = ?", {contact}); !s)
            return s;
        auto now = contactState(db, contact);
        if (!now)
            return now.error();
        if (auto s = moveContact(db, was.value(), now.value()); !s)
            return s;
    }
    return Ok{};
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

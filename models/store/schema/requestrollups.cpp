#include "models/store/schema/requestrollups.h"

#include "models/store/sql/sql.h"

#include <QSqlQuery>

namespace civicdesk::requestrollups {

namespace {

// The rollup's key columns and the requests' expressions for them (the rebuild's and the
// state's), in the same order.
const QString KeyColumns =
    QStringLiteral("day, kind, service, type_name, department, channel, imported");
const QString RequestKey =
    QStringLiteral("COALESCE(service_code, type_name), type_name, COALESCE(department_code, ''), "
                   "COALESCE(channel, ''), CASE WHEN origin = 'import' THEN 1 ELSE 0 END");
// Closed with a due time: counted for the SLA on the day it closed.
const QString SlaClosed =
    QStringLiteral("status = 'closed' AND closed_at IS NOT NULL AND due_at IS NOT NULL");

QStringList fill()
{
    return {
        u"INSERT INTO kpi_request_days(" + KeyColumns +
            u", requests, met) SELECT opened_at / 86400, 'opened', " + RequestKey +
            u", count(*), 0 FROM requests GROUP BY opened_at / 86400, " + RequestKey,
        u"INSERT INTO kpi_request_days(" + KeyColumns +
            u", requests, met) SELECT closed_at / 86400, 'closed', " + RequestKey +
            u", count(*), count(CASE WHEN closed_at <= due_at THEN 1 END) FROM requests WHERE " +
            SlaClosed + u" GROUP BY closed_at / 86400, " + RequestKey,
    };
}

Status add(QSqlDatabase &db, const RequestState &r, const QString &kind, qint64 at, int sign)
{
    // Empty texts, never NULL, in the key.
    const QVariantList key = {at / 86400,
                              kind,
                              sql::text(r.service),
                              sql::text(r.typeName),
                              sql::text(r.department),
                              sql::text(r.channel),
                              r.imported ? 1 : 0};
    const bool met = kind == u"closed" && r.met;
    if (auto s = sql::execCached(
            db,
            u"INSERT INTO kpi_request_days(" + KeyColumns +
                u", requests, met) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(" + KeyColumns +
                u") DO UPDATE SET requests = kpi_request_days.requests + excluded.requests, met "
                u"= kpi_request_days.met + excluded.met",
            key + QVariantList{sign, met ? sign : 0});
        !s)
        return s;
    if (sign > 0)
        return Ok{};
    return sql::execCached(db,
                           QStringLiteral("DELETE FROM kpi_request_days WHERE day = ? AND kind = ? "
                                          "AND service = ? AND type_name = ? AND department = ? "
                                          "AND channel = ? AND imported = ? AND requests = 0"),
                           key);
}

// The request's rows, added (sign 1) or taken out (-1).
Status addAll(QSqlDatabase &db, const RequestState &r, int sign)
{
    if (!r.exists)
        return Ok{};
    if (r.opened) {
        if (auto s = add(db, r, QStringLiteral("opened"), r.openedAt, sign); !s)
            return s;
    }
    if (r.closed)
        return add(db, r, QStringLiteral("closed"), r.closedAt, sign);
    return Ok{};
}

} // namespace

QStringList migration()
{
    return QStringList{
               u"CREATE TABLE kpi_request_days(day INTEGER NOT NULL, kind TEXT NOT NULL, service "
               u"TEXT NOT NULL, type_name TEXT NOT NULL, department TEXT NOT NULL, channel TEXT "
               u"NOT NULL, imported INTEGER NOT NULL, requests INTEGER NOT NULL, met INTEGER NOT "
               u"NULL, PRIMARY KEY(" +
                   KeyColumns + u"))",
               // An agent's (or a team's members') requests of a period, without the rollup.
               QStringLiteral("CREATE INDEX requests_kpi_creator_opened ON requests(created_by, "
                              "opened_at, service_code, type_name, department_code, channel)"),
               QStringLiteral("CREATE INDEX requests_kpi_creator_closed ON requests(created_by, "
                              "closed_at, status, due_at, service_code, type_name, "
                              "department_code, channel)"),
           } +
           fill();
}

Status rebuild(QSqlDatabase &db)
{
    QSqlQuery q(db);
    QStringList statements = {QStringLiteral("DELETE FROM kpi_request_days")};
    statements += fill();
    for (const QString &statement : std::as_const(statements)) {
        if (auto s = sql::exec(q, statement); !s)
            return s;
    }
    return Ok{};
}

Result<RequestState> state(QSqlDatabase &db, const QString &requestId)
{
    auto rows = sql::rowsCached(db,
                                u"SELECT opened_at, " + RequestKey + u", CASE WHEN " + SlaClosed +
                                    u" THEN 1 ELSE 0 END, closed_at, CASE WHEN closed_at <= "
                                    u"due_at THEN 1 ELSE 0 END FROM requests WHERE id = ?",
                                {requestId});
    if (!rows)
        return rows.error();
    RequestState r;
    if (rows.value().isEmpty())
        return r;
    const QVariantList &row = rows.value().constFirst();
    r.exists = true;
    r.opened = !row.at(0).isNull();
    r.openedAt = row.at(0).toLongLong();
    r.service = row.at(1).toString();
    r.typeName = row.at(2).toString();
    r.department = row.at(3).toString();
    r.channel = row.at(4).toString();
    r.imported = row.at(5).toInt() == 1;
    r.closed = row.at(6).toInt() == 1;
    r.closedAt = r.closed ? row.at(7).toLongLong() : 0;
    r.met = r.closed && row.at(8).toInt() == 1;
    return r;
}

Status move(QSqlDatabase &db, const RequestState &before, const RequestState &after)
{
    if (before == after)
        return Ok{};
    if (auto s = addAll(db, before, -1); !s)
        return s;
    return addAll(db, after, 1);
}

} // namespace civicdesk::requestrollups

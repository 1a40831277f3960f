#include "models/supervision/kpi/kpirequests.h"

#include "models/store/sql/sql.h"
#include "models/supervision/kpi/kpisql.h"

#include <QMap>
#include <algorithm>

namespace civicdesk::kpirequests {

namespace {

using namespace kpisql;

// The requests opened and closed, by (type, department): the type's name and the counts.
struct Counts
{
    QMap<std::pair<QString, QString>, KpiRequestTypeRow> opened;
    qint64 importedOpened = 0;
};

void addOpened(Counts &c, const QString &service, const QString &typeName,
               const QString &department, qint64 n)
{
    KpiRequestTypeRow &row = c.opened[{service, department}];
    row.serviceCode = service;
    row.department = department;
    row.typeName = std::max(row.typeName, typeName); // as max(type_name) over the requests
    row.count += n;
}

// Runs `opened` (rows of type, type name, department, requests, imported ones) and `closed` (one
// row: closed, met, imported closed, imported met) and adds their answers.
Status addCounts(const QString &connection, const Sql &opened, const Sql &closed, Counts &c,
                 KpiReport &r)
{
    auto o = run(connection, opened);
    if (!o)
        return o.error();
    while (o.value().next()) {
        addOpened(c, o.value().value(0).toString(), o.value().value(1).toString(),
                  o.value().value(2).toString(), integer(o.value(), 3));
        c.importedOpened += integer(o.value(), 4);
    }
    auto s = run(connection, closed);
    if (!s)
        return s.error();
    if (s.value().next()) {
        r.slaClosed += integer(s.value(), 0);
        r.slaMet += integer(s.value(), 1);
        r.importedSlaClosed += integer(s.value(), 2);
        r.importedSlaMet += integer(s.value(), 3);
    }
    return Ok{};
}

// Requests opened in [from, to) and closed in it (with a due time), counted from the requests.
Status countRaw(const QString &connection, const KpiFilter &f, qint64 from, qint64 to, Counts &c,
                KpiReport &r)
{
    if (from >= to)
        return Ok{};
    Sql opened;
    opened
        .add(QStringLiteral("SELECT COALESCE(r.service_code, r.type_name), max(r.type_name), "
                            "COALESCE(r.department_code, ''), count(*), count(CASE WHEN r.origin "
                            "= 'import' THEN 1 END) FROM requests r WHERE r.opened_at >= CAST(? "
                            "AS BIGINT) AND r.opened_at < CAST(? AS BIGINT) AND "),
             {from, to})
        .add(requestFilter(f))
        .add(QStringLiteral(" GROUP BY 1, 3"));
    Sql closed;
    closed
        .add(QStringLiteral("SELECT count(*), count(CASE WHEN r.closed_at <= r.due_at THEN 1 END), "
                            "count(CASE WHEN r.origin = 'import' THEN 1 END), count(CASE WHEN "
                            "r.origin = 'import' AND r.closed_at <= r.due_at THEN 1 END) FROM "
                            "requests r WHERE r.status = 'closed' AND r.closed_at >= CAST(? AS "
                            "BIGINT) AND r.closed_at < CAST(? AS BIGINT) AND r.due_at IS NOT NULL "
                            "AND "),
             {from, to})
        .add(requestFilter(f));
    return addCounts(connection, opened, closed, c, r);
}

// The rollup's rows of kind `kind` on UTC days [first, last) for the filter's channel and queue.
Sql rollupFilter(const KpiFilter &f, const QString &kind, const UtcDays &days)
{
    Sql s;
    s.add(QStringLiteral("k.kind = ? AND k.day >= CAST(? AS BIGINT) AND k.day < CAST(? AS "
                         "BIGINT)"),
          {kind, days.first, days.last});
    if (!f.channel.isEmpty())
        s.add(QStringLiteral(" AND k.channel = ?"), {f.channel});
    if (!f.department.isEmpty())
        s.add(QStringLiteral(" AND k.department = ?"),
              {f.department == u"-" ? QStringLiteral("") : f.department});
    if (!f.serviceCode.isEmpty())
        s.add(QStringLiteral(" AND k.service = ?"), {f.serviceCode});
    return s;
}

Status countRollup(const QString &connection, const KpiFilter &f, const UtcDays &days, Counts &c,
                   KpiReport &r)
{
    Sql opened;
    opened
        .add(QStringLiteral("SELECT k.service, max(k.type_name), k.department, sum(k.requests), "
                            "sum(k.imported * k.requests) FROM kpi_request_days k WHERE "))
        .add(rollupFilter(f, QStringLiteral("opened"), days))
        .add(QStringLiteral(" GROUP BY 1, 3"));
    Sql closed;
    closed
        .add(QStringLiteral("SELECT COALESCE(sum(k.requests), 0), COALESCE(sum(k.met), 0), "
                            "COALESCE(sum(k.imported * k.requests), 0), COALESCE(sum(k.imported * "
                            "k.met), 0) FROM kpi_request_days k WHERE "))
        .add(rollupFilter(f, QStringLiteral("closed"), days));
    return addCounts(connection, opened, closed, c, r);
}

} // namespace

Status count(const QString &connection, const KpiFilter &f, KpiReport &r)
{
    Counts c;
    const qint64 start = f.period.start();
    const qint64 end = f.period.end();
    const UtcDays days = wholeUtcDays(start, end);
    if (!f.agent.isEmpty() || !f.team.isEmpty() || days.first >= days.last) {
        if (auto s = countRaw(connection, f, start, end, c, r); !s)
            return s;
    } else {
        if (auto s = countRaw(connection, f, start, days.first * Day, c, r); !s)
            return s;
        if (auto s = countRaw(connection, f, days.last * Day, end, c, r); !s)
            return s;
        if (auto s = countRollup(connection, f, days, c, r); !s)
            return s;
    }
    // Most first, then by the type's name and the department (as the drill-downs list them).
    for (const KpiRequestTypeRow &row : std::as_const(c.opened)) {
        if (row.count == 0)
            continue;
        r.requestsOpened += row.count;
        r.requestsByType.append(row);
    }
    std::sort(r.requestsByType.begin(), r.requestsByType.end(),
              [](const KpiRequestTypeRow &a, const KpiRequestTypeRow &b) {
                  if (a.count != b.count)
                      return a.count > b.count;
                  if (a.typeName != b.typeName)
                      return a.typeName < b.typeName;
                  return a.department < b.department;
              });
    r.importedOpened += c.importedOpened;
    return Ok{};
}

Result<KpiHistory> history(const QString &connection, const QTimeZone &zone)
{
    auto q = run(connection, Sql{QStringLiteral("SELECT count(*), count(CASE WHEN status IN "
                                                "('open', 'in_progress') THEN 1 END), "
                                                "min(opened_at), max(opened_at) FROM requests "
                                                "WHERE origin = 'import'"),
                                 {}});
    if (!q)
        return q.error();
    KpiHistory h;
    if (!q.value().next())
        return h;
    h.requests = integer(q.value(), 0);
    h.open = integer(q.value(), 1);
    if (h.requests > 0) {
        h.first = QDateTime::fromSecsSinceEpoch(integer(q.value(), 2), zone).date();
        h.last = QDateTime::fromSecsSinceEpoch(integer(q.value(), 3), zone).date();
    }
    return h;
}

} // namespace civicdesk::kpirequests

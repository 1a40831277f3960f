// Repeat requests at the same location (issue 16, item 1): the addresses at which two or more
// requests of the filter were opened in the period, with their types, counted set-based.

#include "models/store/sql/sql.h"
#include "models/supervision/kpi/kpisql.h"
#include "models/supervision/kpi/supervisionkpis.h"

namespace civicdesk {

using namespace kpisql;

namespace {

Sql openedIn(const KpiFilter &f)
{
    Sql s;
    return s
        .add(QStringLiteral("r.opened_at >= CAST(? AS BIGINT) AND r.opened_at < CAST(? AS "
                            "BIGINT) AND "),
             {f.period.start(), f.period.end()})
        .add(requestFilter(f));
}

} // namespace

Result<RepeatLocationReport> SupervisionKpis::repeatLocations(const KpiFilter &given,
                                                              int limit) const
{
    if (auto s = check(given); !s)
        return s.error();
    const KpiFilter f = withTeam(given);
    RepeatLocationReport report;

    Sql totals;
    totals
        .add(QStringLiteral("SELECT count(*), COALESCE(sum(x.n), 0) FROM (SELECT count(*) AS n "
                            "FROM requests r WHERE "))
        .add(LocationKeySql + u" IN (")
        .add(repeatKeys(f))
        .add(QStringLiteral(") AND "))
        .add(openedIn(f))
        .add(u" GROUP BY " + LocationKeySql + u") x");
    auto t = run(m_connection, totals);
    if (!t)
        return t.error();
    if (t.value().next()) {
        report.locations = integer(t.value(), 0);
        report.requests = integer(t.value(), 1);
    }
    if (report.locations == 0)
        return report;

    Sql rows;
    rows.add(u"SELECT " + LocationKeySql +
             u", max(r.address), count(*), count(CASE WHEN r.status <> 'closed' THEN 1 END), "
             u"min(r.opened_at), max(r.opened_at) FROM requests r WHERE " +
             LocationKeySql + u" IN (")
        .add(repeatKeys(f))
        .add(QStringLiteral(") AND "))
        .add(openedIn(f))
        .add(QStringLiteral(" GROUP BY 1 ORDER BY 3 DESC, 1 LIMIT ?"), {limit});
    auto q = run(m_connection, rows);
    if (!q)
        return q.error();
    QStringList keys;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        RepeatLocation location;
        location.key = row.value(0).toString();
        location.address = row.value(1).toString().trimmed();
        location.requests = integer(row, 2);
        location.open = integer(row, 3);
        location.firstOpenedAt = integer(row, 4);
        location.lastOpenedAt = integer(row, 5);
        keys.append(location.key);
        report.rows.append(location);
    }

    // The types asked for at each listed address.
    Sql types;
    types.add(u"SELECT " + LocationKeySql + u", r.type_name, count(*) FROM requests r WHERE ")
        .add(oneOf(LocationKeySql, keys))
        .add(QStringLiteral(" AND "))
        .add(openedIn(f))
        .add(QStringLiteral(" GROUP BY 1, 2 ORDER BY 3 DESC, 2"));
    auto ty = run(m_connection, types);
    if (!ty)
        return ty.error();
    while (ty.value().next()) {
        const qsizetype at = keys.indexOf(ty.value().value(0).toString());
        if (at >= 0)
            report.rows[at].types.append({ty.value().value(1).toString(), integer(ty.value(), 2)});
    }
    return report;
}

} // namespace civicdesk

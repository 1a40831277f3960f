#include "models/supervision/kpisql.h"

#include "models/store/sql.h"

namespace civicdesk::kpisql {

Sql oneOf(const QString &column, const QStringList &names)
{
    Sql s;
    if (names.isEmpty())
        return s.add(QStringLiteral("1 = 0"));
    s.add(column + u" IN (");
    for (qsizetype i = 0; i < names.size(); ++i)
        s.add(i == 0 ? QStringLiteral("?") : QStringLiteral(", ?"), {names.at(i)});
    return s.add(QStringLiteral(")"));
}

Sql contactFilter(const KpiFilter &f, const QString &alias)
{
    Sql s;
    s.add(alias + u".started_at >= CAST(? AS BIGINT) AND " + alias +
              u".started_at < CAST(? AS BIGINT)",
          {f.period.start(), f.period.end()});
    s.add(u" AND (CAST(? AS TEXT) = '' OR " + alias + u".agent = ?)",
          {sql::text(f.agent), sql::text(f.agent)});
    s.add(u" AND (CAST(? AS TEXT) = '' OR " + alias + u".channel = ?)",
          {sql::text(f.channel), sql::text(f.channel)});
    if (!f.team.isEmpty())
        s.add(QStringLiteral(" AND ")).add(oneOf(alias + u".agent", f.teamMembers));
    return s;
}

Sql requestFilter(const KpiFilter &f)
{
    Sql s;
    s.add(QStringLiteral("(CAST(? AS TEXT) = '' OR r.channel = ?)"),
          {sql::text(f.channel), sql::text(f.channel)});
    s.add(QStringLiteral(" AND (CAST(? AS TEXT) = '' OR EXISTS (SELECT 1 FROM events e WHERE "
                         "e.entity_type = 'request' AND e.entity_id = r.id AND e.kind = "
                         "'request.created' AND e.actor = ?))"),
          {sql::text(f.agent), sql::text(f.agent)});
    if (!f.team.isEmpty())
        s.add(QStringLiteral(" AND EXISTS (SELECT 1 FROM events t WHERE t.entity_type = "
                             "'request' AND t.entity_id = r.id AND t.kind = 'request.created' "
                             "AND "))
            .add(oneOf(QStringLiteral("t.actor"), f.teamMembers))
            .add(QStringLiteral(")"));
    if (!f.department.isEmpty())
        s.add(QStringLiteral(" AND COALESCE(r.department_code, '') = ?"),
              {f.department == u"-" ? QStringLiteral("") : f.department});
    if (!f.serviceCode.isEmpty())
        s.add(QStringLiteral(" AND COALESCE(r.service_code, r.type_name) = ?"), {f.serviceCode});
    return s;
}

Sql repeatKeys(const KpiFilter &f)
{
    Sql s;
    s.add(u"SELECT " + LocationKeySql +
              u" FROM requests r WHERE r.opened_at >= CAST(? AS BIGINT) AND r.opened_at < "
              u"CAST(? AS BIGINT) AND r.address IS NOT NULL AND " +
              LocationKeySql + u" <> '' AND ",
          {f.period.start(), f.period.end()});
    return s.add(requestFilter(f)).add(QStringLiteral(" GROUP BY 1 HAVING count(*) >= 2"));
}

Sql hourOfDay(const KpiPeriod &period)
{
    const QList<KpiPeriod::OffsetSpan> spans = period.offsets();
    Sql s;
    s.add(QStringLiteral("((c.started_at + "));
    if (spans.size() == 1) {
        s.add(QStringLiteral("CAST(? AS BIGINT)"), {spans.first().offset});
    } else {
        s.add(QStringLiteral("CASE"));
        for (qsizetype i = 0; i + 1 < spans.size(); ++i)
            s.add(QStringLiteral(" WHEN c.started_at < CAST(? AS BIGINT) THEN CAST(? AS BIGINT)"),
                  {spans.at(i).until, spans.at(i).offset});
        s.add(QStringLiteral(" ELSE CAST(? AS BIGINT) END"), {spans.last().offset});
    }
    s.add(QStringLiteral(") % 86400) / 3600"));
    return s;
}

Sql countWhen(const Sql &condition)
{
    Sql s;
    return s.add(QStringLiteral("count(CASE WHEN "))
        .add(condition)
        .add(QStringLiteral(" THEN 1 END)"));
}

Result<QSqlQuery> run(const QString &connection, const Sql &statement)
{
    QSqlQuery query(QSqlDatabase::database(connection));
    query.setForwardOnly(true);
    if (auto s = sql::exec(query, statement.text, statement.values); !s)
        return s.error();
    return query;
}

} // namespace civicdesk::kpisql

#include "models/supervision/kpi/kpisql.h"

#include "models/store/sql/sql.h"

#include <algorithm>

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

Sql inTeam(const QList<TeamSpan> &spans, const QString &agent, const QString &at)
{
    Sql s;
    if (spans.isEmpty())
        return s.add(QStringLiteral("1 = 0"));
    s.add(QStringLiteral("("));
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const TeamSpan &span = spans.at(i);
        s.add(i == 0 ? QString() : QStringLiteral(" OR "));
        s.add(u"(" + agent + u" = ? AND " + at + u" >= CAST(? AS BIGINT)", {span.agent, span.from});
        if (span.until != std::numeric_limits<qint64>::max())
            s.add(u" AND " + at + u" < CAST(? AS BIGINT)", {span.until});
        s.add(QStringLiteral(")"));
    }
    return s.add(QStringLiteral(")"));
}

Sql contactFilter(const KpiFilter &f, const QString &alias)
{
    return contactFilterIn(f, f.period.start(), f.period.end(), alias);
}

Sql contactFilterIn(const KpiFilter &f, qint64 from, qint64 to, const QString &alias)
{
    Sql s;
    s.add(alias + u".started_at >= CAST(? AS BIGINT) AND " + alias +
              u".started_at < CAST(? AS BIGINT)",
          {std::max(from, f.period.start()), std::min(to, f.period.end())});
    s.add(u" AND (CAST(? AS TEXT) = '' OR " + alias + u".agent = ?)",
          {sql::text(f.agent), sql::text(f.agent)});
    s.add(u" AND (CAST(? AS TEXT) = '' OR " + alias + u".channel = ?)",
          {sql::text(f.channel), sql::text(f.channel)});
    if (!f.team.isEmpty())
        s.add(QStringLiteral(" AND "))
            .add(inTeam(f.teamSpans, alias + u".agent", alias + u".started_at"));
    return s;
}

Sql requestFilter(const KpiFilter &f)
{
    Sql s;
    s.add(QStringLiteral("(CAST(? AS TEXT) = '' OR r.channel = ?)"),
          {sql::text(f.channel), sql::text(f.channel)});
    // Who created it: the actor of its request.created event (models/store/schema/kpirollups.h);
    // a plain equality, so that the index by creator and time is used.
    if (!f.agent.isEmpty())
        s.add(QStringLiteral(" AND r.created_by = ?"), {f.agent});
    if (!f.team.isEmpty())
        s.add(QStringLiteral(" AND "))
            .add(
                inTeam(f.teamSpans, QStringLiteral("r.created_by"), QStringLiteral("r.opened_at")));
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

namespace {
void addCount(QList<KpiCount> &list, const QString &key, qint64 n)
{
    for (KpiCount &c : list) {
        if (c.key == key) {
            c.count += n;
            return;
        }
    }
    list.append({key, n});
}
} // namespace

void addContacts(KpiReport &r, const QString &channel, const QString &outcome, qint64 n,
                 qint64 ended, qint64 handleSeconds)
{
    if (n == 0)
        return;
    r.contacts += n;
    addCount(r.byChannel, channel, n);
    addCount(r.byOutcome, outcome, n);
    r.ended += ended;
    r.handleSeconds += handleSeconds;
    if (outcome == u"warm_transfer" || outcome == u"cold_transfer")
        r.transfers += n;
    if (outcome == u"information_given")
        r.information += n;
    if (outcome == u"request_created" || outcome == u"attached_to_existing")
        r.requestContacts += n;
}

void sortCounts(QList<KpiCount> &list)
{
    std::sort(list.begin(), list.end(), [](const KpiCount &a, const KpiCount &b) {
        return a.count != b.count ? a.count > b.count : a.key < b.key;
    });
}

namespace {
qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
} // namespace

UtcDays wholeUtcDays(qint64 start, qint64 end)
{
    return {floorDiv(start + Day - 1, Day), floorDiv(end, Day)};
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

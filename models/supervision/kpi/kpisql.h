#pragma once

// Private to the supervisor's KPIs: the SQL pieces the figures, the drill-downs and the exports
// are put together from. Statements are built from fixed pieces only; input is always bound.

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

#include <QSqlQuery>
#include <QVariantList>

namespace civicdesk::kpisql {

constexpr qint64 Day = 86400;

// A piece of SQL and its bind values, in the order they appear.
struct Sql
{
    QString text;
    QVariantList values;

    Sql &add(const QString &piece, const QVariantList &more = {})
    {
        text += piece;
        values += more;
        return *this;
    }
    Sql &add(const Sql &other) { return add(other.text, other.values); }
};

// "alias.column IN (?, ?, ...)" over `names`, or a condition that holds for nothing when
// there are none.
Sql oneOf(const QString &column, const QStringList &names);
// "agent = ? AND at within the span" for each of the team's spans, or'ed (a condition that holds
// for nothing without spans): `agent` and `at` are columns (at in UTC seconds).
Sql inTeam(const QList<TeamSpan> &spans, const QString &agent, const QString &at);
// Contacts of the period, the agent, the team and the channel; `alias` names the contacts table.
Sql contactFilter(const KpiFilter &f, const QString &alias = QStringLiteral("c"));
// The same for the contacts that started in [from, to) (UTC seconds, within the period): one
// range on the start, so that the index reads only that range.
Sql contactFilterIn(const KpiFilter &f, qint64 from, qint64 to,
                    const QString &alias = QStringLiteral("c"));
// Requests the agent (or a member of the team) created, of the channel, the department and the
// type.
Sql requestFilter(const KpiFilter &f);
// The local hour of the day a contact started, with the zone's offset at that instant.
Sql hourOfDay(const KpiPeriod &period);
// The address of request `r` as repeat locations compare it (case and surrounding spaces
// ignored), and the addresses at which two or more requests of the filter opened in its period.
inline const QString LocationKeySql = QStringLiteral("lower(trim(r.address))");
Sql repeatKeys(const KpiFilter &f);
// "count(CASE WHEN condition THEN 1 END)" over a condition.
Sql countWhen(const Sql &condition);

// Adds `n` contacts of one channel and outcome ("" while running), `ended` of them with
// `handleSeconds`, to the report's totals, shares and lists; then sortCounts() orders the lists
// as the SQL would (most first, then by key). First-contact resolution is added apart.
void addContacts(KpiReport &r, const QString &channel, const QString &outcome, qint64 n,
                 qint64 ended, qint64 handleSeconds);
void sortCounts(QList<KpiCount> &list);

// The whole UTC days inside [start, end) (UTC seconds), as day numbers [first, last) (none when
// first >= last): what a period reads from the store's day rollups; the rest of it, its edges,
// is counted directly.
struct UtcDays
{
    qint64 first = 0;
    qint64 last = 0;
};
UtcDays wholeUtcDays(qint64 start, qint64 end);

Result<QSqlQuery> run(const QString &connection, const Sql &statement);
inline qint64 integer(const QSqlQuery &q, int column)
{
    return q.value(column).toLongLong();
}

inline const QString EndedSql = QStringLiteral("c.ended_at IS NOT NULL");
inline const QString TransferSql =
    QStringLiteral("c.outcome IN ('warm_transfer', 'cold_transfer')");
inline const QString InformationSql = QStringLiteral("c.outcome = 'information_given'");
inline const QString RequestOutcomeSql =
    QStringLiteral("c.outcome IN ('request_created', 'attached_to_existing')");

} // namespace civicdesk::kpisql

#include "models/supervision/kpi/kpicontacts.h"

#include "models/store/sql/sql.h"
#include "models/supervision/kpi/kpisql.h"

#include <algorithm>

namespace civicdesk::kpicontacts {

namespace {

using namespace kpisql;

// The filter's contacts that started in [from, to) (UTC seconds), as a condition on `c`.
Sql rawFilter(const KpiFilter &f, qint64 from, qint64 to)
{
    return contactFilterIn(f, from, to);
}

// Runs `grouped` (rows of channel, outcome, contacts, ended, handle seconds, FCR eligible,
// FCR repeated, from the contacts or from their rollup) and adds its rows to `r`.
Status addGroupedContacts(const QString &connection, const Sql &grouped, KpiReport &r)
{
    auto g = run(connection, grouped);
    if (!g)
        return g.error();
    while (g.value().next()) {
        addContacts(r, g.value().value(0).toString(), g.value().value(1).toString(),
                    integer(g.value(), 2), integer(g.value(), 3), integer(g.value(), 4));
        r.fcrEligible += integer(g.value(), 5);
        r.fcrRepeated += integer(g.value(), 6);
    }
    return Ok{};
}

Status countRaw(const QString &connection, const KpiFilter &f, qint64 from, qint64 to, KpiReport &r)
{
    if (from >= to)
        return Ok{};
    Sql grouped;
    grouped
        .add(QStringLiteral(
            "SELECT c.channel, COALESCE(c.outcome, ''), count(*), count(c.ended_at), "
            "COALESCE(sum(c.ended_at - c.started_at), 0), count(c.fcr), COALESCE(sum(c.fcr), "
            "0) FROM contacts c WHERE "))
        .add(rawFilter(f, from, to))
        .add(QStringLiteral(" GROUP BY 1, 2"));
    return addGroupedContacts(connection, grouped, r);
}

Status countRawHours(const QString &connection, const KpiFilter &f, qint64 from, qint64 to,
                     KpiReport &r)
{
    if (from >= to)
        return Ok{};
    Sql hours;
    hours.add(QStringLiteral("SELECT "))
        .add(hourOfDay(f.period))
        .add(QStringLiteral(", count(*) FROM contacts c WHERE "))
        .add(rawFilter(f, from, to))
        .add(QStringLiteral(" GROUP BY 1"));
    auto h = run(connection, hours);
    if (!h)
        return h.error();
    while (h.value().next()) {
        const qint64 hour = integer(h.value(), 0);
        if (hour >= 0 && hour < 24)
            r.byHour[std::size_t(hour)] += integer(h.value(), 1);
    }
    return Ok{};
}

// The rollup's rows of UTC days [first, last) for the filter's agent, team and channel.
Sql rollupFilter(const KpiFilter &f, qint64 first, qint64 last)
{
    Sql s;
    s.add(QStringLiteral("k.day >= CAST(? AS BIGINT) AND k.day < CAST(? AS BIGINT)"),
          {first, last});
    s.add(QStringLiteral(" AND (CAST(? AS TEXT) = '' OR k.agent = ?)"),
          {sql::text(f.agent), sql::text(f.agent)});
    s.add(QStringLiteral(" AND (CAST(? AS TEXT) = '' OR k.channel = ?)"),
          {sql::text(f.channel), sql::text(f.channel)});
    return s;
}

// The zone's offset over the whole UTC day `day`, if it has one in whole hours.
std::optional<int> wholeHourOffset(const QList<KpiPeriod::OffsetSpan> &spans, qint64 day)
{
    const qint64 from = day * Day;
    const qint64 to = from + Day;
    for (const KpiPeriod::OffsetSpan &span : spans) {
        if (span.until <= from)
            continue;
        if (span.until < to || span.offset % 3600 != 0)
            return std::nullopt; // the offset changes during the day, or is not whole hours
        return span.offset;
    }
    return std::nullopt;
}

Status countRollup(const QString &connection, const KpiFilter &f, qint64 first, qint64 last,
                   KpiReport &r)
{
    Sql grouped;
    grouped
        .add(QStringLiteral("SELECT k.channel, k.outcome, sum(k.contacts), sum(k.ended), "
                            "sum(k.handle_seconds), sum(k.fcr_eligible), sum(k.fcr_repeated) FROM "
                            "kpi_contact_days k WHERE "))
        .add(rollupFilter(f, first, last))
        .add(QStringLiteral(" GROUP BY 1, 2"));
    if (auto s = addGroupedContacts(connection, grouped, r); !s)
        return s;
    // Local hours: each UTC day's hours moved by the zone's offset that day.
    Sql hours;
    hours.add(QStringLiteral("SELECT k.day"));
    for (int h = 0; h < 24; ++h)
        hours.add(QStringLiteral(", sum(k.h%1)").arg(h));
    hours.add(QStringLiteral(" FROM kpi_contact_days k WHERE "))
        .add(rollupFilter(f, first, last))
        .add(QStringLiteral(" GROUP BY k.day"));
    auto h = run(connection, hours);
    if (!h)
        return h.error();
    const QList<KpiPeriod::OffsetSpan> spans = f.period.offsets();
    QList<qint64> uneven;
    while (h.value().next()) {
        const qint64 day = integer(h.value(), 0);
        const std::optional<int> offset = wholeHourOffset(spans, day);
        if (!offset) {
            uneven.append(day);
            continue;
        }
        const int shift = *offset / 3600;
        for (int utcHour = 0; utcHour < 24; ++utcHour)
            r.byHour[std::size_t(((utcHour + shift) % 24 + 24) % 24)] +=
                integer(h.value(), 1 + utcHour);
    }
    h.value().finish();
    for (const qint64 day : std::as_const(uneven)) {
        if (auto s = countRawHours(connection, f, day * Day, (day + 1) * Day, r); !s)
            return s;
    }
    return Ok{};
}

// The figures of the filter (without a team) over [start, end), within its period.
Status countRange(const QString &connection, const KpiFilter &f, qint64 start, qint64 end,
                  KpiReport &r)
{
    // The whole UTC days inside the range: [first, last).
    const auto [first, last] = wholeUtcDays(start, end);
    if (first >= last) {
        if (auto s = countRaw(connection, f, start, end, r); !s)
            return s;
        if (auto s = countRawHours(connection, f, start, end, r); !s)
            return s;
    } else {
        for (const auto &[from, to] : {std::pair{start, first * Day}, std::pair{last * Day, end}}) {
            if (auto s = countRaw(connection, f, from, to, r); !s)
                return s;
            if (auto s = countRawHours(connection, f, from, to, r); !s)
                return s;
        }
        if (auto s = countRollup(connection, f, first, last, r); !s)
            return s;
    }
    return Ok{};
}

} // namespace

Status count(const QString &connection, const KpiFilter &f, KpiReport &r)
{
    if (f.team.isEmpty()) {
        if (auto s = countRange(connection, f, f.period.start(), f.period.end(), r); !s)
            return s;
    } else {
        // A team: each member's contacts while in it, as that agent's own figures.
        for (const TeamSpan &span : f.teamSpans) {
            if (!f.agent.isEmpty() && f.agent != span.agent)
                continue;
            KpiFilter member = f;
            member.team.clear();
            member.teamSpans.clear();
            member.agent = span.agent;
            const qint64 from = std::max(span.from, f.period.start());
            const qint64 until = std::min(span.until, f.period.end());
            if (from >= until)
                continue;
            if (auto s = countRange(connection, member, from, until, r); !s)
                return s;
        }
    }
    sortCounts(r.byChannel);
    sortCounts(r.byOutcome);
    return Ok{};
}

} // namespace civicdesk::kpicontacts

#include "models/supervision/kpi/supervisionkpis.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/kpicontacts.h"
#include "models/supervision/kpi/kpirequests.h"
#include "models/supervision/kpi/kpisql.h"
#include "models/supervision/kpi/todayfigures.h"

#include <QCoreApplication>
#include <QLocale>

namespace civicdesk {

namespace {

using namespace kpisql;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(SupervisionKpis)
};

// The last event sequence number of a contact started by event `s` on its workstation: its
// end, or else the next contact started there.
const QString ContactLastSeqSql = QStringLiteral(
    "COALESCE((SELECT min(x.seq) FROM events x WHERE x.entity_type = 'contact' AND x.entity_id "
    "= s.entity_id AND x.kind = 'contact.ended'), (SELECT min(y.seq) FROM events y WHERE "
    "y.device = s.device AND y.kind = 'contact.started' AND y.seq > s.seq), "
    "9223372036854775807)");

// Contacts behind a cell, as a condition on `c`.
Sql contactCondition(const KpiFilter &f, const KpiCell &cell)
{
    using M = KpiCell::Metric;
    Sql s;
    switch (cell.metric) {
    case M::Contacts:
        return s.add(QStringLiteral("1 = 1"));
    case M::Channel:
        return s.add(QStringLiteral("c.channel = ?"), {cell.key});
    case M::Outcome:
        if (cell.key.isEmpty())
            return s.add(QStringLiteral("c.outcome IS NULL"));
        return s.add(QStringLiteral("c.outcome = ?"), {cell.key});
    case M::Hour:
        return s.add(hourOfDay(f.period)).add(QStringLiteral(" = ?"), {cell.hour});
    case M::Ended:
        return s.add(EndedSql);
    case M::Transfers:
        return s.add(TransferSql);
    case M::Information:
        return s.add(InformationSql);
    case M::RequestContacts:
        return s.add(RequestOutcomeSql);
    case M::FcrEligible:
        return s.add(QStringLiteral("c.fcr IS NOT NULL"));
    case M::FcrRepeated:
        return s.add(QStringLiteral("c.fcr = 1"));
    case M::Article:
    case M::ArticleClosed:
        s.add(QStringLiteral("c.id IN (SELECT ca.contact_id FROM contact_articles ca WHERE "
                             "ca.article_id = ?)"),
              {cell.key});
        if (cell.metric == M::ArticleClosed)
            s.add(QStringLiteral(" AND ")).add(InformationSql);
        return s;
    case M::Unanswered:
        return s.add(QStringLiteral("c.id IN (SELECT g.contact_id FROM knowledge_gaps g WHERE "
                                    "lower(g.query) = ?)"),
                     {cell.key});
    default:
        return s.add(QStringLiteral("1 = 0"));
    }
}

// Open at a moment (bound): not closed, and opened by then.
const QString OpenSql =
    QStringLiteral("r.status IN ('open', 'in_progress') AND r.opened_at <= CAST(? AS BIGINT)");

Sql ageCondition(int bucket, qint64 now)
{
    Sql s;
    const QString age = QStringLiteral("(CAST(? AS BIGINT) - r.opened_at) / 86400");
    if (bucket > 0)
        s.add(age + u" >= CAST(? AS BIGINT)", {now, BacklogAgeLimits.at(bucket - 1)});
    if (bucket > 0 && bucket < int(BacklogAgeLimits.size()))
        s.add(QStringLiteral(" AND "));
    if (bucket < int(BacklogAgeLimits.size()))
        s.add(age + u" < CAST(? AS BIGINT)", {now, BacklogAgeLimits.at(bucket)});
    return s;
}

// Requests behind a cell, as a condition on `r` (the agent and channel filter comes apart).
Sql requestCondition(const KpiFilter &f, const KpiCell &cell, qint64 now)
{
    using M = KpiCell::Metric;
    Sql s;
    switch (cell.metric) {
    case M::RequestsOpened:
        s.add(QStringLiteral("r.opened_at >= CAST(? AS BIGINT) AND r.opened_at < CAST(? AS "
                             "BIGINT)"),
              {f.period.start(), f.period.end()});
        break;
    case M::SlaClosed:
    case M::SlaMissed:
        s.add(QStringLiteral("r.status = 'closed' AND r.closed_at >= CAST(? AS BIGINT) AND "
                             "r.closed_at < CAST(? AS BIGINT) AND r.due_at IS NOT NULL"),
              {f.period.start(), f.period.end()});
        if (cell.metric == M::SlaMissed)
            s.add(QStringLiteral(" AND r.closed_at > r.due_at"));
        break;
    case M::Open:
        s.add(OpenSql, {now});
        break;
    case M::Overdue:
        s.add(OpenSql + u" AND r.due_at < CAST(? AS BIGINT)", {now, now});
        break;
    case M::DueSoon:
        s.add(OpenSql + u" AND r.due_at >= CAST(? AS BIGINT) AND r.due_at < CAST(? AS BIGINT)",
              {now, now, now + qint64(f.dueSoonHours) * 3600});
        break;
    case M::Age:
        s.add(OpenSql + u" AND ", {now}).add(ageCondition(cell.bucket, now));
        break;
    case M::RepeatLocation:
        s.add(QStringLiteral("r.opened_at >= CAST(? AS BIGINT) AND r.opened_at < CAST(? AS "
                             "BIGINT) AND "),
              {f.period.start(), f.period.end()});
        if (!cell.key.isEmpty())
            return s.add(LocationKeySql + u" = ?", {cell.key});
        return s.add(LocationKeySql + u" IN (").add(repeatKeys(f)).add(QStringLiteral(")"));
    default:
        return s.add(QStringLiteral("1 = 0"));
    }
    if (!cell.serviceCode.isEmpty())
        s.add(QStringLiteral(" AND COALESCE(r.service_code, r.type_name) = ?"), {cell.serviceCode});
    if (!cell.department.isEmpty())
        s.add(QStringLiteral(" AND COALESCE(r.department_code, '') = ?"),
              {cell.department == u"-" ? QStringLiteral("") : cell.department});
    return s;
}

} // namespace

std::optional<double> KpiReport::averageHandleSeconds() const
{
    return ended > 0 ? std::optional<double>(double(handleSeconds) / double(ended)) : std::nullopt;
}

namespace {
std::optional<double> share(qint64 part, qint64 whole)
{
    return whole > 0 ? std::optional<double>(double(part) / double(whole)) : std::nullopt;
}
} // namespace

std::optional<double> KpiReport::transferRate() const
{
    return share(transfers, ended);
}

std::optional<double> KpiReport::informationShare() const
{
    return share(information, ended);
}

std::optional<double> KpiReport::requestShare() const
{
    return share(requestContacts, ended);
}

std::optional<double> KpiReport::fcrRate() const
{
    return share(fcrEligible - fcrRepeated, fcrEligible);
}

std::optional<double> KpiReport::slaMetRate() const
{
    return share(slaMet, slaClosed);
}

SupervisionKpis::SupervisionKpis(const Database &database) : m_connection(database.connectionName())
{
}

KpiFilter SupervisionKpis::withTeam(KpiFilter filter) const
{
    if (!filter.team.isEmpty())
        filter.teamSpans = AgentTeams::history(m_connection, filter.team);
    return filter;
}

Status SupervisionKpis::check(const KpiFilter &filter)
{
    if (!filter.period.zone.isValid())
        return makeError(QStringLiteral("kpi.zone"),
                         Text::tr("The city has no valid time zone; the figures cannot be "
                                  "counted by its days."));
    if (!filter.period.first.isValid() || !filter.period.last.isValid() ||
        filter.period.first > filter.period.last)
        return makeError(QStringLiteral("kpi.period"),
                         Text::tr("The first day must be on or before the last day."));
    if (!filter.period.isValid())
        return makeError(QStringLiteral("kpi.period"),
                         Text::tr("Choose at most %1 days at once.").arg(KpiPeriod::MaxDays));
    if (filter.dueSoonHours < 1 || filter.dueSoonHours > KpiFilter::MaxDueSoonHours)
        return makeError(
            QStringLiteral("kpi.due_soon"),
            Text::tr("\"Due within\" is 1 to %1 hours.").arg(KpiFilter::MaxDueSoonHours));
    return Ok{};
}

Result<KpiReport> SupervisionKpis::report(const KpiFilter &given, const QDateTime &nowTime,
                                          const TodayFigures *today,
                                          const BacklogFigures *backlogFigures) const
{
    if (auto s = check(given); !s)
        return s.error();
    const KpiFilter f = withTeam(given);
    using M = KpiCell::Metric;
    const qint64 now = nowTime.toSecsSinceEpoch();
    KpiReport r;

    if (today && f.team.isEmpty() && f.period.first == today->day() &&
        f.period.last == today->day()) {
        // Today's aggregates have no first-contact resolution: the day's contacts have it.
        r = today->contacts(f);
        Sql fcr;
        fcr.add(QStringLiteral("SELECT count(c.fcr), COALESCE(sum(c.fcr), 0) FROM contacts c "
                               "WHERE "))
            .add(contactFilter(f));
        auto fq = run(m_connection, fcr);
        if (!fq)
            return fq.error();
        if (fq.value().next()) {
            r.fcrEligible = integer(fq.value(), 0);
            r.fcrRepeated = integer(fq.value(), 1);
        }
    } else if (auto s = kpicontacts::count(m_connection, f, r); !s) {
        return s.error();
    }

    // Requests opened in the period by type and department, and the SLA of those closed in it.
    if (auto s = kpirequests::count(m_connection, f, r); !s)
        return s.error();

    // The backlog now, by type and department.
    if (backlogFigures) {
        backlogFigures->count(f, now, r);
        return r;
    }
    Sql backlog;
    backlog
        .add(QStringLiteral("SELECT COALESCE(r.service_code, r.type_name), max(r.type_name), "
                            "COALESCE(r.department_code, ''), count(*), "))
        .add(countWhen(requestCondition(f, KpiCell{M::Overdue, {}, -1, {}, {}, -1}, now)))
        .add(QStringLiteral(", "))
        .add(countWhen(requestCondition(f, KpiCell{M::DueSoon, {}, -1, {}, {}, -1}, now)));
    for (int bucket = 0; bucket <= int(BacklogAgeLimits.size()); ++bucket)
        backlog.add(QStringLiteral(", "))
            .add(countWhen(requestCondition(f, KpiCell{M::Age, {}, -1, {}, {}, bucket}, now)));
    backlog.add(QStringLiteral(" FROM requests r WHERE "))
        .add(requestCondition(f, KpiCell{M::Open, {}, -1, {}, {}, -1}, now))
        .add(QStringLiteral(" AND "))
        .add(requestFilter(f))
        .add(QStringLiteral(" GROUP BY 1, 3 ORDER BY 4 DESC, 2, 3"));
    auto b = run(m_connection, backlog);
    if (!b)
        return b.error();
    while (b.value().next()) {
        KpiBacklogRow row;
        row.serviceCode = b.value().value(0).toString();
        row.typeName = b.value().value(1).toString();
        row.department = b.value().value(2).toString();
        row.open = integer(b.value(), 3);
        row.overdue = integer(b.value(), 4);
        row.dueSoon = integer(b.value(), 5);
        for (std::size_t i = 0; i < row.ages.size(); ++i)
            row.ages[i] = integer(b.value(), 6 + int(i));
        r.open += row.open;
        r.overdue += row.overdue;
        r.dueSoon += row.dueSoon;
        r.backlog.append(row);
    }
    return r;
}

Result<QList<KpiContactLine>> SupervisionKpis::contactsBehind(const KpiFilter &given,
                                                              const KpiCell &cell, int limit) const
{
    if (auto s = check(given); !s)
        return s.error();
    const KpiFilter f = withTeam(given);
    Sql list;
    list.add(QStringLiteral("SELECT c.id, c.started_at, c.ended_at, c.channel, c.agent, "
                            "c.outcome, c.transfer_destination FROM contacts c WHERE "))
        .add(contactFilter(f))
        .add(QStringLiteral(" AND "))
        .add(contactCondition(f, cell))
        .add(QStringLiteral(" ORDER BY c.started_at, c.id LIMIT ?"), {limit});
    auto q = run(m_connection, list);
    if (!q)
        return q.error();
    QList<KpiContactLine> lines;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        lines.append({row.value(0).toString(),
                      integer(row, 1),
                      integer(row, 2),
                      row.value(3).toString(),
                      row.value(4).toString(),
                      row.value(5).toString(),
                      row.value(6).toString(),
                      {},
                      {}});
    }
    // The requests made or joined during each listed contact.
    const QString requests =
        u"SELECT r.id, r.number FROM events s JOIN events e ON e.device = s.device AND e.kind "
        u"IN ('request.created', 'request.caller_attached') AND e.seq > s.seq AND e.seq < " +
        ContactLastSeqSql +
        u" JOIN requests r ON r.id = e.entity_id WHERE s.entity_type = 'contact' AND "
        u"s.entity_id = ? AND s.kind = 'contact.started' ORDER BY e.seq";
    QSqlQuery links(QSqlDatabase::database(m_connection));
    for (KpiContactLine &line : lines) {
        if (auto s = sql::exec(links, requests, {line.id}); !s)
            return s.error();
        while (links.next()) {
            if (line.requestIds.contains(links.value(0).toString()))
                continue;
            line.requestIds.append(links.value(0).toString());
            line.requestNumbers.append(links.value(1).toString());
        }
    }
    return lines;
}

Result<QList<KpiRequestLine>> SupervisionKpis::requestsBehind(const KpiFilter &given,
                                                              const KpiCell &cell,
                                                              const QDateTime &now, int limit) const
{
    if (auto s = check(given); !s)
        return s.error();
    const KpiFilter f = withTeam(given);
    Sql list;
    list.add(QStringLiteral("SELECT r.id, r.number, r.type_name, r.department_code, r.status, "
                            "r.opened_at, r.due_at, r.closed_at, r.service_code FROM requests r "
                            "WHERE "))
        .add(requestCondition(f, cell, now.toSecsSinceEpoch()))
        .add(QStringLiteral(" AND "))
        .add(requestFilter(f))
        .add(QStringLiteral(" ORDER BY r.opened_at, r.id LIMIT ?"), {limit});
    auto q = run(m_connection, list);
    if (!q)
        return q.error();
    QList<KpiRequestLine> lines;
    while (q.value().next()) {
        const QSqlQuery &row = q.value();
        lines.append({row.value(0).toString(), row.value(1).toString(), row.value(2).toString(),
                      row.value(3).toString(), row.value(4).toString(), integer(row, 5),
                      integer(row, 6), integer(row, 7), row.value(8).toString()});
    }
    return lines;
}

Result<KpiHistory> SupervisionKpis::history(const QTimeZone &zone) const
{
    return kpirequests::history(m_connection, zone);
}

QString SupervisionKpis::historyNote(const KpiHistory &h)
{
    if (h.requests == 0)
        return Text::tr("This store holds none of the city's imported request history: the "
                        "central store's figures also count it.");
    return Text::tr("This store holds %Ln request(s) of the city's imported history, opened %1 to "
                    "%2; the central store's figures count all it holds.",
                    nullptr, int(std::min<qint64>(h.requests, std::numeric_limits<int>::max())))
        .arg(QLocale().toString(h.first, QLocale::ShortFormat),
             QLocale().toString(h.last, QLocale::ShortFormat));
}

QStringList SupervisionKpis::agents() const
{
    QStringList names;
    auto q = run(m_connection, Sql{QStringLiteral("SELECT DISTINCT agent FROM contacts WHERE "
                                                  "agent IS NOT NULL ORDER BY 1"),
                                   {}});
    if (!q)
        return names;
    while (q.value().next())
        names.append(q.value().value(0).toString());
    return names;
}

} // namespace civicdesk

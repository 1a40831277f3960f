#include "models/supervision/lobbyfigures.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"
#include "models/supervision/reports/csvwriter.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>
#include <QSqlQuery>
#include <algorithm>
#include <functional>
#include <set>
#include <utility>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(LobbyFigures)
};

constexpr qint64 SecondsPerDay = 24 * 3600;

// The zone's offset (seconds) at a UTC time in seconds, from the period's spans.
int offsetAt(qint64 secs, const QList<KpiPeriod::OffsetSpan> &spans)
{
    for (const KpiPeriod::OffsetSpan &span : spans) {
        if (secs < span.until)
            return span.offset;
    }
    return spans.isEmpty() ? 0 : spans.last().offset;
}

// Seconds since the epoch in the city's local clock.
qint64 localSeconds(qint64 msecs, const QList<KpiPeriod::OffsetSpan> &spans)
{
    const qint64 secs = msecs / 1000;
    return secs + offsetAt(secs, spans);
}

qint64 floorDiv(qint64 a, qint64 b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}

QString cityTime(qint64 msecs, const QTimeZone &zone)
{
    if (msecs <= 0)
        return QString();
    return QDateTime::fromMSecsSinceEpoch(msecs, zone)
        .toString(Qt::ISODateWithMs)
        .remove(QStringLiteral(".000"));
}

QString seconds(std::optional<qint64> s)
{
    return s ? QString::number(*s) : QString();
}

// Groups visits by a key and sums each group up.
QList<LobbyGroup> grouped(const QList<LobbyVisit> &visits,
                          const std::function<QString(const LobbyVisit &)> &keyOf,
                          const std::function<QString(const LobbyVisit &)> &nameOf)
{
    QHash<QString, QList<const LobbyVisit *>> groups;
    for (const LobbyVisit &v : visits) {
        const QString key = keyOf(v);
        if (!key.isEmpty())
            groups[key].append(&v);
    }
    QList<LobbyGroup> rows;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        LobbyGroup g;
        g.key = it.key();
        g.name = nameOf(*it.value().first());
        QList<qint64> waits;
        QList<qint64> services;
        for (const LobbyVisit *v : it.value()) {
            ++g.visitors;
            g.served += v->served() ? 1 : 0;
            g.noShows += v->noShow() ? 1 : 0;
            if (auto w = v->waitSeconds())
                waits.append(*w);
            if (auto s = v->serviceSeconds())
                services.append(*s);
        }
        g.wait = LobbyTimes::of(waits);
        g.service = LobbyTimes::of(services);
        rows.append(g);
    }
    std::sort(rows.begin(), rows.end(), [](const LobbyGroup &a, const LobbyGroup &b) {
        const int byName = QString::localeAwareCompare(a.name, b.name);
        return byName != 0 ? byName < 0 : a.key < b.key;
    });
    return rows;
}

} // namespace

std::optional<qint64> LobbyVisit::waitSeconds() const
{
    if (firstCalledAt <= 0 || issuedAt <= 0)
        return std::nullopt;
    return std::max<qint64>(0, (firstCalledAt - issuedAt) / 1000);
}

std::optional<qint64> LobbyVisit::serviceSeconds() const
{
    if (!served() || calledAt <= 0 || endedAt <= 0)
        return std::nullopt;
    return std::max<qint64>(0, (endedAt - calledAt) / 1000);
}

LobbyTimes LobbyTimes::of(QList<qint64> seconds)
{
    LobbyTimes t;
    t.count = seconds.size();
    if (seconds.isEmpty())
        return t;
    std::sort(seconds.begin(), seconds.end());
    double sum = 0;
    for (qint64 s : seconds)
        sum += double(s);
    t.average = sum / double(seconds.size());
    // Nearest rank: ceil(0.9 n), counted from 1; in integers to avoid 0.9 * 10 = 9.000001.
    const qsizetype rank = (9 * seconds.size() + 9) / 10;
    t.p90 = seconds.at(std::clamp<qsizetype>(rank, 1, seconds.size()) - 1);
    return t;
}

std::optional<double> LobbyFiguresReport::visitorsPerHour() const
{
    if (openHours <= 0)
        return std::nullopt;
    return double(visitors) / double(openHours);
}

LobbyFigures::LobbyFigures(const Database &database) : m_connection(database.connectionName()) {}

Result<QList<LobbyVisit>> LobbyFigures::visits(const KpiPeriod &period, const QString &agent) const
{
    if (!period.isValid())
        return makeError(QStringLiteral("lobby.period"),
                         Text::tr("Choose a period of 1 to %1 days, the first day before the last.")
                             .arg(KpiPeriod::MaxDays));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (auto s = sql::exec(
            q,
            QStringLiteral(
                "SELECT t.id, t.number, t.day, t.category, t.category_name, t.language, "
                "t.accessibility, t.state, t.issued_at, t.called_at, t.counter, t.agent, "
                "t.recalls, t.ended_at, t.outcome, t.contact_id, t.request_ids, (SELECT "
                "MIN(c.called_at) FROM lobby_calls c WHERE c.ticket_id = t.id), (SELECT "
                "c.counter FROM lobby_calls c WHERE c.ticket_id = t.id ORDER BY c.round LIMIT "
                "1), (SELECT COUNT(*) FROM lobby_calls c WHERE c.ticket_id = t.id) FROM "
                "lobby_tickets t WHERE t.issued_at >= CAST(? AS BIGINT) AND t.issued_at < "
                "CAST(? AS BIGINT) AND (? = '' OR t.agent = ?) ORDER BY t.issued_at, t.number "
                "LIMIT ?"),
            {period.start() * 1000, period.end() * 1000, sql::text(agent), sql::text(agent),
             MaxVisits + 1});
        !s)
        return s.error();
    QList<LobbyVisit> list;
    while (q.next()) {
        const auto text = [&q](int column) { return q.value(column).toString(); };
        const auto ms = [&q](int column) { return q.value(column).toLongLong(); };
        LobbyVisit v;
        v.ticketId = text(0);
        v.number = text(1);
        v.day = text(2);
        v.category = text(3);
        v.categoryName = text(4);
        v.language = text(5);
        v.accessibility = text(6);
        v.state = text(7);
        v.issuedAt = ms(8);
        v.calledAt = ms(9);
        v.counter = text(10);
        v.agent = text(11);
        v.recalls = q.value(12).toInt();
        v.endedAt = ms(13);
        v.outcome = text(14);
        v.contactId = text(15);
        v.requestIds = text(16).split(u',', Qt::SkipEmptyParts);
        v.firstCalledAt = ms(17);
        v.firstCounter = text(18);
        v.calls = q.value(19).toInt();
        list.append(v);
    }
    if (list.size() > MaxVisits)
        return makeError(QStringLiteral("export.too_many"),
                         Text::tr("More than %1 visits: choose a shorter period.")
                             .arg(QLocale().toString(MaxVisits)));
    return list;
}

int LobbyFigures::localHour(qint64 msecs, const KpiPeriod &period)
{
    const qint64 local = localSeconds(msecs, period.offsets());
    return int((local - floorDiv(local, SecondsPerDay) * SecondsPerDay) / 3600);
}

LobbyFiguresReport LobbyFigures::summarize(const QList<LobbyVisit> &visits, const KpiPeriod &period)
{
    LobbyFiguresReport r;
    const QList<KpiPeriod::OffsetSpan> spans = period.offsets();
    // Hours that had an arrival: the local clock hour and the offset (the hour repeated when
    // the clocks go back is two hours).
    std::set<std::pair<qint64, int>> hours;
    QList<qint64> waits;
    QList<qint64> services;
    for (const LobbyVisit &v : visits) {
        ++r.visitors;
        if (v.firstCalledAt > 0)
            ++r.called;
        if (v.served())
            ++r.served;
        else if (v.noShow())
            ++r.noShows;
        else
            ++r.unserved;
        const int offset = offsetAt(v.issuedAt / 1000, spans);
        const qint64 local = v.issuedAt / 1000 + offset;
        const qint64 hour = floorDiv(local, 3600);
        hours.insert({hour, offset});
        r.byHour[std::size_t(hour - floorDiv(local, SecondsPerDay) * 24)] += 1;
        if (auto w = v.waitSeconds())
            waits.append(*w);
        if (auto s = v.serviceSeconds())
            services.append(*s);
    }
    r.openHours = qint64(hours.size());
    r.wait = LobbyTimes::of(waits);
    r.service = LobbyTimes::of(services);
    r.byCategory = grouped(
        visits, [](const LobbyVisit &v) { return v.category; },
        [](const LobbyVisit &v) { return v.categoryName.isEmpty() ? v.category : v.categoryName; });
    r.byCounter = grouped(
        visits, [](const LobbyVisit &v) { return v.counter; },
        [](const LobbyVisit &v) { return v.counter; });
    return r;
}

Result<LobbyFiguresReport> LobbyFigures::report(const KpiPeriod &period, const QString &agent) const
{
    auto list = visits(period, agent);
    if (!list)
        return list.error();
    return summarize(list.value(), period);
}

QList<LobbyVisit> LobbyFigures::behind(const QList<LobbyVisit> &visits, const LobbyCell &cell,
                                       const KpiPeriod &period)
{
    using M = LobbyCell::Metric;
    QList<LobbyVisit> list;
    for (const LobbyVisit &v : visits) {
        bool in = false;
        switch (cell.metric) {
        case M::Visitors:
            in = true;
            break;
        case M::Hour:
            in = localHour(v.issuedAt, period) == cell.hour;
            break;
        case M::Category:
            in = v.category == cell.key;
            break;
        case M::Counter:
            in = v.counter == cell.key;
            break;
        case M::Served:
            in = v.served();
            break;
        case M::NoShows:
            in = v.noShow();
            break;
        case M::Called:
            in = v.firstCalledAt > 0;
            break;
        case M::Unfinished:
            in = !v.served() && !v.noShow();
            break;
        }
        if (in)
            list.append(v);
    }
    return list;
}

QStringList LobbyFigures::csvColumns()
{
    return {QStringLiteral("ticket_id"),
            QStringLiteral("ticket"),
            QStringLiteral("day"),
            QStringLiteral("category"),
            QStringLiteral("category_name"),
            QStringLiteral("language"),
            QStringLiteral("accessibility"),
            QStringLiteral("state"),
            QStringLiteral("arrived_at"),
            QStringLiteral("first_called_at"),
            QStringLiteral("first_counter"),
            QStringLiteral("called_at"),
            QStringLiteral("counter"),
            QStringLiteral("agent"),
            QStringLiteral("calls"),
            QStringLiteral("recalls"),
            QStringLiteral("ended_at"),
            QStringLiteral("wait_seconds"),
            QStringLiteral("service_seconds"),
            QStringLiteral("outcome"),
            QStringLiteral("contact_id"),
            QStringLiteral("request_ids")};
}

Result<int> LobbyFigures::writeCsv(QIODevice &out, const KpiPeriod &period,
                                   const QString &agent) const
{
    auto list = visits(period, agent);
    if (!list)
        return list.error();
    CsvWriter csv(out);
    if (auto s = csv.writeLine(csvColumns()); !s)
        return s.error();
    int rows = 0;
    for (const LobbyVisit &v : list.value()) {
        const bool wasCalled = v.calledAt > 0 && v.state != u"waiting";
        if (auto s = csv.writeLine({v.ticketId,
                                    v.number,
                                    v.day,
                                    v.category,
                                    v.categoryName,
                                    v.language,
                                    v.accessibility,
                                    v.state,
                                    cityTime(v.issuedAt, period.zone),
                                    cityTime(v.firstCalledAt, period.zone),
                                    v.firstCounter,
                                    wasCalled ? cityTime(v.calledAt, period.zone) : QString(),
                                    wasCalled ? v.counter : QString(),
                                    v.agent,
                                    QString::number(v.calls),
                                    QString::number(v.recalls),
                                    cityTime(v.endedAt, period.zone),
                                    seconds(v.waitSeconds()),
                                    seconds(v.serviceSeconds()),
                                    v.outcome,
                                    v.contactId,
                                    v.requestIds.join(u' ')});
            !s)
            return s.error();
        ++rows;
    }
    return rows;
}

} // namespace civicdesk

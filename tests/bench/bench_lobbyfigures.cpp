// The supervisor's lobby figures over a generated year of a busy walk-in lobby: 20,000 visits
// (about 80 a working day; Durham's lobby saw 10,486 a year), each called once or twice at one
// of 6 counters, 8% no-shows. Times LobbyFigures::report (the Lobby tab's every figure) for a
// day, a month and the year, beside a bare baseline: the same period's rows read with one
// plain SELECT of their columns and nothing computed. Prints the median, the p99 and the
// ratio to the baseline. The store is generated once into the temporary folder and reused.

#include "models/store/database.h"
#include "models/supervision/lobbyfigures.h"
#include "tests/bench/percentile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <benchmark/benchmark.h>

using namespace civicdesk;

namespace {

constexpr int Visits = 20'000;
const QDateTime LobbyNow = QDateTime(QDate(2026, 12, 4), QTime(22, 0), Qt::UTC);
const QTimeZone LobbyZone("America/New_York");

void generateLobby(Database &db)
{
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    QSqlQuery pragma(sql);
    pragma.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    sql.transaction();
    QRandomGenerator random(18);
    QSqlQuery ticket(sql);
    ticket.prepare(QStringLiteral(
        "INSERT INTO lobby_tickets(id, number, day, category, category_name, device, issued_at, "
        "queued_at, state, round, counter, agent, called_at, last_called_at, recalls, ended_at, "
        "outcome, updated_at) VALUES(?, ?, '', ?, ?, 'K1', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)"));
    QSqlQuery call(sql);
    call.prepare(QStringLiteral("INSERT INTO lobby_calls(ticket_id, round, number, counter, agent, "
                                "called_at) VALUES(?, ?, ?, ?, ?, ?)"));
    const qint64 end = LobbyNow.toMSecsSinceEpoch();
    const qint64 start = end - 365LL * 86400 * 1000;
    for (int i = 0; i < Visits; ++i) {
        const QString id = QStringLiteral("t%1").arg(i);
        const qint64 issued = start + qint64(random.bounded(quint32((end - start) / 1000))) * 1000;
        const int category = int(random.bounded(8));
        const bool noShow = random.bounded(100) < 8;
        const int rounds = random.bounded(100) < 15 ? 2 : 1;
        qint64 called = issued;
        const QString counter = QString::number(1 + random.bounded(6));
        for (int r = 0; r < rounds; ++r) {
            called += qint64(60 + random.bounded(1800)) * 1000;
            call.addBindValue(id);
            call.addBindValue(r);
            call.addBindValue(QStringLiteral("A%1").arg(i));
            call.addBindValue(counter);
            call.addBindValue(QStringLiteral("agent%1").arg(counter));
            call.addBindValue(called);
            if (!call.exec())
                qFatal("bench: call insert failed");
        }
        const qint64 ended = called + qint64(60 + random.bounded(1200)) * 1000;
        const QVariantList values = {id,
                                     QStringLiteral("A%1").arg(i),
                                     QStringLiteral("C%1").arg(category),
                                     QStringLiteral("Category %1").arg(category),
                                     issued,
                                     issued,
                                     noShow ? QStringLiteral("no_show") : QStringLiteral("served"),
                                     rounds - 1,
                                     counter,
                                     QStringLiteral("agent%1").arg(counter),
                                     called,
                                     called,
                                     ended,
                                     noShow ? QVariant()
                                            : QVariant(QStringLiteral("information_given")),
                                     ended};
        for (const QVariant &v : values)
            ticket.addBindValue(v);
        if (!ticket.exec())
            qFatal("bench: ticket insert failed");
    }
    pragma.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('bench_lobby', '1')"));
    sql.commit();
    pragma.exec(QStringLiteral("ANALYZE"));
}

Database &lobbyStore()
{
    static std::unique_ptr<Database> db = [] {
        const QString path =
            QDir::temp().filePath(QStringLiteral("civicdesk-bench-lobby-%1.sqlite").arg(Visits));
        auto opened = Database::open(path);
        if (!opened)
            qFatal("bench: %s", qPrintable(opened.error().message));
        if (opened.value()->meta(QStringLiteral("bench_lobby")).isEmpty())
            generateLobby(*opened.value());
        return std::move(opened).value();
    }();
    return *db;
}

KpiPeriod lastDays(int days)
{
    const QDate today = LobbyNow.toTimeZone(LobbyZone).date();
    return KpiPeriod::days(today.addDays(1 - days), today, LobbyZone);
}

// The same period's rows read bare: what any figure must at least pay.
qint64 baseline(const Database &db, const KpiPeriod &period)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT t.id, t.category, t.state, t.issued_at, t.called_at, "
                             "t.counter, t.ended_at FROM lobby_tickets t WHERE t.issued_at >= ? "
                             "AND t.issued_at < ?"));
    q.addBindValue(period.start() * 1000);
    q.addBindValue(period.end() * 1000);
    if (!q.exec())
        qFatal("bench: baseline failed");
    qint64 rows = 0;
    while (q.next())
        rows += q.value(3).toLongLong() > 0 ? 1 : 0;
    return rows;
}

void figures(benchmark::State &state, int days, int runs)
{
    Database &db = lobbyStore();
    const KpiPeriod period = lastDays(days);
    LobbyFigures lobby(db);
    for (auto _ : state) {
        std::vector<double> report;
        std::vector<double> bare;
        qint64 visitors = 0;
        for (int i = 0; i < runs; ++i) {
            QElapsedTimer timer;
            timer.start();
            auto r = lobby.report(period);
            if (!r)
                qFatal("bench: %s", qPrintable(r.error().message));
            report.push_back(double(timer.nsecsElapsed()) / 1e6);
            visitors = r.value().visitors;
            timer.restart();
            benchmark::DoNotOptimize(baseline(db, period));
            bare.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        const double median = bench::percentile(report, 0.5);
        const double baseMedian = bench::percentile(bare, 0.5);
        fprintf(stderr,
                "lobby figures, %d day(s), %lld visits: median %.2f ms, p99 %.2f ms; bare read "
                "median %.2f ms, p99 %.2f ms; ratio %.1fx\n",
                days, static_cast<long long>(visitors), median, bench::percentile(report, 0.99),
                baseMedian, bench::percentile(bare, 0.99),
                baseMedian > 0 ? median / baseMedian : 0.0);
        state.counters["median_ms"] = median;
        state.counters["ratio"] = baseMedian > 0 ? median / baseMedian : 0.0;
    }
}

void BM_LobbyFiguresDay(benchmark::State &state)
{
    figures(state, 1, 200);
}
BENCHMARK(BM_LobbyFiguresDay)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_LobbyFiguresMonth(benchmark::State &state)
{
    figures(state, 30, 50);
}
BENCHMARK(BM_LobbyFiguresMonth)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_LobbyFiguresYear(benchmark::State &state)
{
    figures(state, 365, 20);
}
BENCHMARK(BM_LobbyFiguresYear)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

// The supervisor's KPIs over a generated store of one year: 1,200,000 contacts (2,400,000
// contact events), 1,000,000 requests (600,000 created during a contact, with their events;
// 400,000 imported), 40 agents on 40 workstations. Times the whole report (every figure of
// the workspace, first-contact resolution included) for today, this week and the year, for
// all agents and one, and a drill-down, on SQLite and on PostgreSQL, each beside the bare
// engine (the plain SQL count of the period's contacts). Goal (issue 16): today <= 200 ms, a
// year <= 2 s. The SQLite store is generated once into build/bench-cache and reused; the
// PostgreSQL one is generated in each run (tests/bench/supervisionstore.h).

#include "models/store/database.h"
#include "models/store/migrations.h"
#include "models/supervision/backlogfigures.h"
#include "models/supervision/supervisionkpis.h"
#include "models/supervision/todayfigures.h"
#include "tests/bench/percentile.h"
#include "tests/bench/supervisionstore.h"
#include "tests/support/pgcluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <benchmark/benchmark.h>

using namespace civicdesk;

namespace {

// CIVICDESK_BENCH_SUPERVISION_SCALE=0.1 generates a tenth of it (a loaded machine).
double scale()
{
    bool ok = false;
    const double s = qEnvironmentVariable("CIVICDESK_BENCH_SUPERVISION_SCALE").toDouble(&ok);
    return ok && s > 0 && s <= 1 ? s : 1.0;
}

bench::SupervisionStoreShape shape()
{
    bench::SupervisionStoreShape s;
    s.contacts = int(s.contacts * scale());
    s.imported = int(s.imported * scale());
    return s;
}

const QDateTime Now = bench::supervisionNow();
const QTimeZone Zone("America/New_York");

void run(QSqlQuery &q)
{
    if (!q.exec())
        qFatal("bench: insert failed");
}

// The SQLite store, generated once into build/bench-cache (next to bin/) and reused: delete
// civicdesk-bench-supervision-N-vM.sqlite there to generate it again.
Database &store()
{
    static std::unique_ptr<Database> db = [] {
        const QDir cache(QCoreApplication::applicationDirPath() + u"/../bench-cache");
        cache.mkpath(QStringLiteral("."));
        const QString path =
            cache.filePath(QStringLiteral("civicdesk-bench-supervision-%1-v%2.sqlite")
                               .arg(shape().contacts)
                               .arg(Migrations::latestVersion()));
        auto opened = Database::open(path);
        if (!opened)
            qFatal("bench: %s", qPrintable(opened.error().message));
        if (opened.value()->meta(QStringLiteral("bench_supervision")).isEmpty()) {
            QElapsedTimer timer;
            timer.start();
            bench::generateSupervisionStore(*opened.value(), shape());
            fprintf(stderr, "generated %d contacts and their requests in %.1f s\n",
                    shape().contacts, double(timer.elapsed()) / 1000.0);
        }
        return std::move(opened).value();
    }();
    return *db;
}

KpiFilter filterOf(int days, const QString &agent = {})
{
    KpiFilter f;
    const QDate today = Now.toTimeZone(Zone).date();
    f.period = KpiPeriod::days(today.addDays(1 - days), today, Zone);
    f.agent = agent;
    return f;
}

// The PostgreSQL store: a throwaway cluster (fsync on) generated once per run with the same
// shape; null (the benchmark skipped) without PostgreSQL.
Database *postgresStore()
{
    static std::unique_ptr<test::PgCluster> cluster;
    static std::unique_ptr<Database> db;
    static bool tried = false;
    if (tried)
        return db.get();
    tried = true;
    if (!test::PgCluster::unavailableReason().isEmpty())
        return nullptr;
    cluster = std::make_unique<test::PgCluster>(true);
    if (!cluster->isRunning())
        return nullptr;
    auto opened = Database::open(cluster->createDatabase());
    if (!opened)
        qFatal("bench: %s", qPrintable(opened.error().message));
    QElapsedTimer timer;
    timer.start();
    bench::generateSupervisionStore(*opened.value(), shape());
    fprintf(stderr, "generated %d contacts and their requests on PostgreSQL in %.1f s\n",
            shape().contacts, double(timer.elapsed()) / 1000.0);
    db = std::move(opened).value();
    return db.get();
}

// Times the whole report (every figure of the workspace) over `filter`, beside the bare engine:
// the plain SQL count of the same period's contacts. Prints median and p99 of both.
void report(benchmark::State &state, Database *db, const KpiFilter &filter)
{
    if (!db) {
        state.SkipWithError("PostgreSQL not available");
        return;
    }
    SupervisionKpis kpis(*db);
    QSqlQuery bare(QSqlDatabase::database(db->connectionName()));
    bare.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE started_at >= ? AND "
                                "started_at < ?"));
    std::vector<double> whole, baseline;
    qint64 contacts = 0;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto r = kpis.report(filter, Now);
        if (!r)
            qFatal("bench: %s", qPrintable(r.error().message));
        contacts = r.value().contacts;
        benchmark::DoNotOptimize(contacts);
        whole.push_back(double(t.nsecsElapsed()) / 1e6);
        state.PauseTiming();
        t.restart();
        bare.bindValue(0, filter.period.start());
        bare.bindValue(1, filter.period.end());
        run(bare);
        bare.next();
        if (filter.agent.isEmpty() && bare.value(0).toLongLong() != contacts)
            state.SkipWithError("the report and the bare count disagree");
        bare.finish();
        baseline.push_back(double(t.nsecsElapsed()) / 1e6);
        state.ResumeTiming();
    }
    state.counters["contacts"] = double(contacts);
    state.counters["median_ms"] = bench::percentile(whole, 0.5);
    state.counters["p99_ms"] = bench::percentile(whole, 0.99);
    state.counters["bare_median_ms"] = bench::percentile(baseline, 0.5);
    state.counters["bare_p99_ms"] = bench::percentile(baseline, 0.99);
    state.counters["to_bare_median"] =
        bench::percentile(whole, 0.5) / std::max(1e-9, bench::percentile(baseline, 0.5));
}

void BM_KpiToday(benchmark::State &state)
{
    report(state, &store(), filterOf(1));
}
BENCHMARK(BM_KpiToday)->Iterations(20)->Unit(benchmark::kMillisecond);

void BM_KpiWeek(benchmark::State &state)
{
    report(state, &store(), filterOf(7));
}
BENCHMARK(BM_KpiWeek)->Iterations(10)->Unit(benchmark::kMillisecond);

void BM_KpiYear(benchmark::State &state)
{
    report(state, &store(), filterOf(365));
}
BENCHMARK(BM_KpiYear)->Iterations(5)->Unit(benchmark::kMillisecond);

void BM_KpiYearOneAgent(benchmark::State &state)
{
    report(state, &store(), filterOf(365, QStringLiteral("agent7")));
}
BENCHMARK(BM_KpiYearOneAgent)->Iterations(5)->Unit(benchmark::kMillisecond);

void BM_KpiTodayPostgres(benchmark::State &state)
{
    report(state, postgresStore(), filterOf(1));
}
BENCHMARK(BM_KpiTodayPostgres)->Iterations(20)->Unit(benchmark::kMillisecond);

void BM_KpiYearPostgres(benchmark::State &state)
{
    report(state, postgresStore(), filterOf(365));
}
BENCHMARK(BM_KpiYearPostgres)->Iterations(5)->Unit(benchmark::kMillisecond);

void BM_DrillOverdue(benchmark::State &state)
{
    SupervisionKpis kpis(store());
    KpiCell cell;
    cell.metric = KpiCell::Metric::Overdue;
    for (auto _ : state) {
        auto lines = kpis.requestsBehind(filterOf(1), cell, Now);
        benchmark::DoNotOptimize(lines.ok());
    }
}
BENCHMARK(BM_DrillOverdue)->Iterations(20)->Unit(benchmark::kMillisecond);

// An arriving contact event updates today's figures incrementally (TodayFigures): each
// iteration appends a contact's start or end for today to the log and its projection (in a
// transaction rolled back at the end, so the generated store stays as it was), then times
// the update and the day's contact figures; beside it the bare query (today's contacts counted
// by one SQL statement). Every other iteration also puts an open request in progress (a request
// event), and the whole dashboard refresh of today is timed as the workspace does it: both
// updates (TodayFigures, BacklogFigures) and the report with them. Goals (issue 16): p99 <= 50
// ms per arriving event, today's dashboard <= 200 ms.
void BM_KpiTodayIncremental(benchmark::State &state)
{
    Database &db = store();
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    TodayFigures today(db, Zone);
    if (!today.reset(Now)) {
        state.SkipWithError("reset failed");
        return;
    }
    BacklogFigures backlog(db);
    if (!backlog.reset()) {
        state.SkipWithError("backlog reset failed");
        return;
    }
    SupervisionKpis kpis(db);
    const KpiFilter filter = filterOf(1);
    QStringList open;
    {
        QSqlQuery q(sql);
        q.exec(
            QStringLiteral("SELECT id FROM requests WHERE status = 'open' ORDER BY id LIMIT 200"));
        while (q.next())
            open.append(q.value(0).toString());
    }
    sql.transaction();
    QSqlQuery requestEvent(sql);
    requestEvent.prepare(QStringLiteral(
        "INSERT INTO events(id, entity_type, entity_id, kind, payload, actor, device, "
        "client_time) VALUES(?, 'request', ?, 'request.status_changed', "
        "'{\"status\":\"in_progress\"}', 'agent3', 'W3', ?)"));
    QSqlQuery inProgress(sql);
    inProgress.prepare(QStringLiteral("UPDATE requests SET status = 'in_progress' WHERE id = ?"));
    QSqlQuery event(sql);
    event.prepare(QStringLiteral("INSERT INTO events(id, entity_type, entity_id, kind, payload, "
                                 "actor, device, client_time) VALUES(?, 'contact', ?, ?, ?, "
                                 "'agent3', 'W3', ?)"));
    QSqlQuery started(sql);
    started.prepare(QStringLiteral("INSERT INTO contacts(id, channel, agent, started_at) "
                                   "VALUES(?, 'phone', 'agent3', ?)"));
    QSqlQuery ended(sql);
    ended.prepare(QStringLiteral("UPDATE contacts SET ended_at = ?, outcome = "
                                 "'information_given' WHERE id = ?"));
    QSqlQuery bare(sql);
    bare.prepare(QStringLiteral("SELECT count(*), count(ended_at), COALESCE(sum(ended_at - "
                                "started_at), 0) FROM contacts WHERE started_at >= ? AND "
                                "started_at < ?"));
    std::vector<double> incremental, baseline, dashboard;
    int i = 0;
    qint64 contacts = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString id = QStringLiteral("live%1").arg(i / 2);
        const qint64 at = Now.toSecsSinceEpoch() - 3000 + i;
        const bool start = i % 2 == 0;
        event.bindValue(0, QStringLiteral("live-e%1").arg(i));
        event.bindValue(1, id);
        event.bindValue(2, start ? QStringLiteral("contact.started")
                                 : QStringLiteral("contact.ended"));
        event.bindValue(3, start ? QStringLiteral("{\"channel\":\"phone\"}")
                                 : QStringLiteral("{\"outcome\":\"information_given\"}"));
        event.bindValue(4, at * 1000);
        run(event);
        QSqlQuery &projection = start ? started : ended;
        projection.bindValue(0, start ? QVariant(id) : QVariant(at));
        projection.bindValue(1, start ? QVariant(at) : QVariant(id));
        run(projection);
        if (!start && !open.isEmpty()) {
            const QString request = open.at((i / 2) % open.size());
            requestEvent.bindValue(0, QStringLiteral("live-r%1").arg(i));
            requestEvent.bindValue(1, request);
            requestEvent.bindValue(2, at * 1000);
            run(requestEvent);
            inProgress.bindValue(0, request);
            run(inProgress);
        }
        ++i;
        state.ResumeTiming();
        QElapsedTimer t;
        t.start();
        if (!today.update(Now)) {
            state.SkipWithError("update failed");
            break;
        }
        contacts = today.contacts(filter).contacts;
        benchmark::DoNotOptimize(contacts);
        incremental.push_back(double(t.nsecsElapsed()) / 1e6);
        state.PauseTiming();
        t.restart();
        bare.bindValue(0, filter.period.start());
        bare.bindValue(1, filter.period.end());
        run(bare);
        bare.next();
        if (bare.value(0).toLongLong() != contacts)
            state.SkipWithError("the aggregates and the bare count disagree");
        baseline.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        if (!today.update(Now) || !backlog.update()) {
            state.SkipWithError("update failed");
            break;
        }
        benchmark::DoNotOptimize(kpis.report(filter, Now, &today, &backlog).ok());
        dashboard.push_back(double(t.nsecsElapsed()) / 1e6);
        state.ResumeTiming();
    }
    sql.rollback();
    state.counters["contacts_today"] = double(contacts);
    for (const auto &[name, ms] :
         {std::pair{"update", &incremental}, std::pair{"bare_query", &baseline},
          std::pair{"dashboard_today", &dashboard}}) {
        state.counters[std::string(name) + "_median_ms"] = bench::percentile(*ms, 0.5);
        state.counters[std::string(name) + "_p99_ms"] = bench::percentile(*ms, 0.99);
    }
    state.counters["update_to_bare_median"] =
        bench::percentile(incremental, 0.5) / std::max(1e-9, bench::percentile(baseline, 0.5));
    state.counters["dashboard_to_bare_median"] =
        bench::percentile(dashboard, 0.5) / std::max(1e-9, bench::percentile(baseline, 0.5));
    state.counters["open_requests"] = double(backlog.openRequests());
}
BENCHMARK(BM_KpiTodayIncremental)->Iterations(200)->Unit(benchmark::kMillisecond);

} // namespace

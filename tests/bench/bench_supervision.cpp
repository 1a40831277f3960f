// The supervisor's KPIs over a generated store of one year: 1,200,000 contacts (2,400,000
// contact events), 1,000,000 requests (600,000 created during a contact, with their events;
// 400,000 imported), 40 agents on 40 workstations. Times the whole report (every figure of
// the workspace, first-contact resolution included) for today, this week and the year, for
// all agents and one, and a drill-down, on SQLite and on PostgreSQL, each beside the bare
// engine (the plain SQL count of the period's contacts). Goal (issue 16): today <= 200 ms, a
// year <= 2 s. The SQLite store is generated once into build/bench-cache and reused; the
// PostgreSQL one is generated in each run (tests/bench/supervisionstore.h).

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/schema/migrations.h"
#include "models/store/sql/sql.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/kpi/todayfigures.h"
#include "tests/bench/percentile.h"
#include "tests/bench/supervisionstore.h"
#include "tests/support/pgcluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
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

// The machine's load (1-minute average from /proc/loadavg), printed beside each figure.
double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').first().toDouble() : -1;
}
const QTimeZone Zone("America/New_York");

void run(QSqlQuery &q)
{
    if (!q.exec())
        qFatal("bench: insert failed");
}

// The bare engine's count: `bare` (its first column a count, bound to a period's start and end)
// run over the filter's period.
qint64 bareCount(QSqlQuery &bare, const KpiFilter &filter)
{
    bare.bindValue(0, filter.period.start());
    bare.bindValue(1, filter.period.end());
    run(bare);
    bare.next();
    const qint64 count = bare.value(0).toLongLong();
    bare.finish();
    return count;
}

// The SQLite store, generated once into build/bench-cache (next to bin/) and reused: delete
// civicdesk-bench-supervision-N-vM.sqlite there to generate it again.
Database &store()
{
    // Never closed: the statements the store keeps prepared (sql::execCached) live in a static
    // made after this one, which the program's exit destroys first.
    static Database *db = [] {
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
        return opened.value().release();
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
    static Database *db = nullptr; // never closed, as store()'s
    static bool tried = false;
    if (tried)
        return db;
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
    db = opened.value().release();
    return db;
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
    // As the workspace and the wallboard do: the SLA backlog now (open, overdue, due soon, ages)
    // is kept in memory from arriving events (read once here, outside the timing), and so are
    // today's contact figures; the period's figures come from the store.
    BacklogFigures backlog(*db);
    TodayFigures today(*db, Zone);
    if (!backlog.reset() || !today.reset(Now))
        qFatal("bench: the kept figures could not be read");
    QSqlQuery bare(QSqlDatabase::database(db->connectionName()));
    bare.prepare(QStringLiteral("SELECT count(*) FROM contacts WHERE started_at >= ? AND "
                                "started_at < ?"));
    std::vector<double> whole, baseline;
    qint64 contacts = 0;
    for (auto _ : state) {
        QElapsedTimer t;
        t.start();
        auto r = kpis.report(filter, Now, &today, &backlog);
        if (!r)
            qFatal("bench: %s", qPrintable(r.error().message));
        contacts = r.value().contacts;
        benchmark::DoNotOptimize(contacts);
        whole.push_back(double(t.nsecsElapsed()) / 1e6);
        state.PauseTiming();
        t.restart();
        const qint64 counted = bareCount(bare, filter); // timed whatever the filter
        if (filter.agent.isEmpty() && counted != contacts)
            state.SkipWithError("the report and the bare count disagree");
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
    state.counters["loadavg"] = loadAverage();
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

// An arriving event updates the figures incrementally: each iteration appends one event through
// the event store as a workstation does (its projection moves the KPI rollups, links a request to
// its contact and keeps first-contact resolution, all in the event's transaction) — in turn a
// contact's start, a request made during it (every other contact), the contact's end, and an
// open request put in progress — then today's contact figures (TodayFigures) and the SLA backlog
// (BacklogFigures) read what arrived. Everything is rolled back at the end, so the generated
// store stays as it was. Beside it the bare engine: today's contacts counted by one SQL
// statement. Then the whole dashboard of today as the workspace refreshes it. Goals (issue 16):
// p99 <= 50 ms per arriving event, today's dashboard <= 200 ms; on SQLite and on PostgreSQL.
void incremental(benchmark::State &state, Database *store)
{
    if (!store) {
        state.SkipWithError("PostgreSQL not available");
        return;
    }
    Database &db = *store;
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    TodayFigures today(db, Zone);
    BacklogFigures backlog(db);
    if (!today.reset(Now) || !backlog.reset()) {
        state.SkipWithError("reset failed");
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
    sql::Transaction rollback(sql); // never committed: rolled back when it goes
    if (!rollback.begin()) {
        state.SkipWithError("no transaction");
        return;
    }
    EventStore events(db);
    QSqlQuery bare(sql);
    bare.prepare(QStringLiteral("SELECT count(*), count(ended_at), COALESCE(sum(ended_at - "
                                "started_at), 0) FROM contacts WHERE started_at >= ? AND "
                                "started_at < ?"));
    std::vector<double> incremental, baseline, dashboard;
    // Where an event's time goes: the append (its projection and the rollups it moves), today's
    // figures brought up to date, the backlog brought up to date.
    std::vector<double> appended, todayUpdated, backlogUpdated;
    int i = 0;
    qint64 contacts = 0;
    for (auto _ : state) {
        const int contact = i / 4;
        const QString id = QStringLiteral("live%1").arg(contact);
        const QDateTime at = Now.addSecs(-3000 + i);
        Event event;
        switch (i % 4) {
        case 0:
            event = Event::make(QStringLiteral("contact"), id, QStringLiteral("contact.started"),
                                {{QStringLiteral("channel"), QStringLiteral("phone")}},
                                QStringLiteral("agent3"), QStringLiteral("W3"), at);
            break;
        case 1:
            event = Event::make(
                QStringLiteral("request"), QStringLiteral("live-r%1").arg(contact),
                QStringLiteral("request.created"),
                {{QStringLiteral("number"), QStringLiteral("LIVE%1").arg(contact)},
                 {QStringLiteral("service_code"), QStringLiteral("T%1").arg(contact % 50)},
                 {QStringLiteral("type_name"), QStringLiteral("Type %1").arg(contact % 50)},
                 {QStringLiteral("caller_id"), QStringLiteral("caller-%1").arg(contact % 7)}},
                QStringLiteral("agent3"), QStringLiteral("W3"), at);
            break;
        case 2:
            event = Event::make(QStringLiteral("contact"), id, QStringLiteral("contact.ended"),
                                {{QStringLiteral("outcome"), QStringLiteral("request_created")}},
                                QStringLiteral("agent3"), QStringLiteral("W3"), at);
            break;
        default:
            event = Event::make(QStringLiteral("request"), open.at(contact % open.size()),
                                QStringLiteral("request.status_changed"),
                                {{QStringLiteral("status"), QStringLiteral("in_progress")}},
                                QStringLiteral("agent3"), QStringLiteral("W3"), at);
        }
        ++i;
        QElapsedTimer t;
        t.start();
        QElapsedTimer part;
        part.start();
        const bool ok = events.append(event).ok();
        appended.push_back(double(part.nsecsElapsed()) / 1e6);
        part.restart();
        const bool todayOk = ok && today.update(Now).ok();
        todayUpdated.push_back(double(part.nsecsElapsed()) / 1e6);
        part.restart();
        if (!todayOk || !backlog.update()) {
            state.SkipWithError("append or update failed");
            break;
        }
        backlogUpdated.push_back(double(part.nsecsElapsed()) / 1e6);
        contacts = today.contacts(filter).contacts;
        benchmark::DoNotOptimize(contacts);
        incremental.push_back(double(t.nsecsElapsed()) / 1e6);
        state.PauseTiming();
        t.restart();
        if (bareCount(bare, filter) != contacts)
            state.SkipWithError("the aggregates and the bare count disagree");
        baseline.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        benchmark::DoNotOptimize(kpis.report(filter, Now, &today, &backlog).ok());
        dashboard.push_back(double(t.nsecsElapsed()) / 1e6);
        state.ResumeTiming();
    }
    state.counters["contacts_today"] = double(contacts);
    for (const auto &[name, ms] :
         {std::pair{"event", &incremental}, std::pair{"bare_query", &baseline},
          std::pair{"dashboard_today", &dashboard}, std::pair{"append", &appended},
          std::pair{"today_update", &todayUpdated}, std::pair{"backlog_update", &backlogUpdated}}) {
        state.counters[std::string(name) + "_median_ms"] = bench::percentile(*ms, 0.5);
        state.counters[std::string(name) + "_p99_ms"] = bench::percentile(*ms, 0.99);
    }
    state.counters["event_to_bare_median"] =
        bench::percentile(incremental, 0.5) / std::max(1e-9, bench::percentile(baseline, 0.5));
    state.counters["dashboard_to_bare_median"] =
        bench::percentile(dashboard, 0.5) / std::max(1e-9, bench::percentile(baseline, 0.5));
    state.counters["open_requests"] = double(backlog.openRequests());
    state.counters["loadavg"] = loadAverage();
}

void BM_KpiTodayIncremental(benchmark::State &state)
{
    incremental(state, &store());
}
BENCHMARK(BM_KpiTodayIncremental)->Iterations(200)->Unit(benchmark::kMillisecond);

void BM_KpiTodayIncrementalPostgres(benchmark::State &state)
{
    incremental(state, postgresStore());
}
BENCHMARK(BM_KpiTodayIncrementalPostgres)->Iterations(200)->Unit(benchmark::kMillisecond);

} // namespace

// The supervisor's KPIs over a generated store of one year: 1,200,000 contacts (2,400,000
// contact events), 1,000,000 requests (600,000 created during a contact, with their events;
// 400,000 imported), 40 agents on 40 workstations. Times the whole report (every figure of
// the workspace, first-contact resolution included) for today, this week and the year, for
// all agents and one, and a drill-down. Goal (issue 16): today <= 200 ms, a year <= 2 s. The
// store is generated once into the temporary folder and reused (delete
// civicdesk-bench-supervision-N.sqlite there to regenerate).

#include "models/store/database.h"
#include "models/supervision/backlogfigures.h"
#include "models/supervision/supervisionkpis.h"
#include "models/supervision/todayfigures.h"
#include "tests/bench/percentile.h"

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
const int ContactCount = int(1'200'000 * scale());
const int ImportedCount = int(400'000 * scale());
constexpr int Agents = 40;
constexpr int CallerCount = 150'000;
// Friday 4 December 2026, 12:00 in Boston: the "now" of every benchmark.
const QDateTime Now = QDateTime(QDate(2026, 12, 4), QTime(17, 0), Qt::UTC);
const QTimeZone Zone("America/New_York");

void run(QSqlQuery &q)
{
    if (!q.exec())
        qFatal("bench: insert failed");
}

void generate(Database &db)
{
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    QSqlQuery pragma(sql);
    pragma.exec(QStringLiteral("PRAGMA synchronous = OFF"));
    sql.transaction();
    QRandomGenerator random(16);
    QSqlQuery event(sql);
    event.prepare(QStringLiteral("INSERT INTO events(id, entity_type, entity_id, kind, payload, "
                                 "actor, device, client_time) VALUES(?, ?, ?, ?, '{}', ?, ?, ?)"));
    QSqlQuery contact(sql);
    contact.prepare(QStringLiteral("INSERT INTO contacts(id, channel, agent, started_at, "
                                   "ended_at, outcome) VALUES(?, ?, ?, ?, ?, ?)"));
    QSqlQuery request(sql);
    request.prepare(QStringLiteral(
        "INSERT INTO requests(id, number, service_code, type_name, status, channel, "
        "department_code, caller_id, opened_at, due_at, closed_at, origin) VALUES(?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, ?, ?)"));
    static const char *outcomes[] = {"information_given", "information_given", "warm_transfer",
                                     "cold_transfer",     "caller_hung_up",    "referred"};
    static const char *channels[] = {"phone", "phone", "phone", "walk_in", "email", "web"};
    const qint64 end = Now.toSecsSinceEpoch();
    const qint64 start = end - 365 * 86400;
    int requests = 0;
    const auto addRequest = [&](const QString &id, qint64 opened, bool local) {
        const int type = int(random.bounded(50));
        const quint32 roll = random.bounded(100);
        const qint64 due = opened + qint64(1 + type % 10) * 86400;
        const bool closed = opened < end - 86400 && roll >= 20;
        const qint64 closedAt = opened + qint64(random.bounded(quint32(12 * 86400)));
        request.bindValue(0, id);
        request.bindValue(1, QStringLiteral("B%1").arg(++requests));
        request.bindValue(2, QStringLiteral("T%1").arg(type));
        request.bindValue(3, QStringLiteral("Type %1").arg(type));
        request.bindValue(4, closed ? QStringLiteral("closed") : QStringLiteral("open"));
        request.bindValue(5, QString::fromLatin1(channels[random.bounded(6)]));
        request.bindValue(6, QStringLiteral("D%1").arg(type % 10));
        request.bindValue(
            7, random.bounded(10) < 6
                   ? QVariant(QStringLiteral("caller-%1").arg(random.bounded(CallerCount)))
                   : QVariant());
        request.bindValue(8, opened);
        request.bindValue(9, due);
        request.bindValue(10, closed ? QVariant(std::min(closedAt, end)) : QVariant());
        request.bindValue(11, local ? QStringLiteral("local") : QStringLiteral("import"));
        run(request);
    };
    const auto addEvent = [&](const QString &type, const QString &entity, const QString &kind,
                              int agent, qint64 at) {
        event.bindValue(0, QStringLiteral("e%1-%2").arg(entity, kind));
        event.bindValue(1, type);
        event.bindValue(2, entity);
        event.bindValue(3, kind);
        event.bindValue(4, QStringLiteral("agent%1").arg(agent));
        event.bindValue(5, QStringLiteral("W%1").arg(agent));
        event.bindValue(6, at * 1000);
        run(event);
    };
    for (int i = 0; i < ContactCount; ++i) {
        const qint64 started = start + qint64(i) * (end - start) / ContactCount;
        const qint64 ended = started + 60 + qint64(random.bounded(600));
        const int agent = i % Agents;
        const bool makesRequest = random.bounded(2) == 0;
        const QString id = QStringLiteral("c%1").arg(i);
        addEvent(QStringLiteral("contact"), id, QStringLiteral("contact.started"), agent, started);
        if (makesRequest) {
            const QString r = QStringLiteral("r%1").arg(i);
            addRequest(r, started + 30, true);
            addEvent(QStringLiteral("request"), r, QStringLiteral("request.created"), agent,
                     started + 30);
        }
        addEvent(QStringLiteral("contact"), id, QStringLiteral("contact.ended"), agent, ended);
        contact.bindValue(0, id);
        contact.bindValue(1, QString::fromLatin1(channels[random.bounded(6)]));
        contact.bindValue(2, QStringLiteral("agent%1").arg(agent));
        contact.bindValue(3, started);
        contact.bindValue(4, ended);
        contact.bindValue(5, makesRequest ? QStringLiteral("request_created")
                                          : QString::fromLatin1(outcomes[random.bounded(6)]));
        run(contact);
    }
    for (int i = 0; i < ImportedCount; ++i)
        addRequest(QStringLiteral("i%1").arg(i),
                   start + qint64(random.bounded(quint32(end - start))), false);
    pragma.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('bench_supervision', '1')"));
    sql.commit();
    pragma.exec(QStringLiteral("ANALYZE"));
}

Database &store()
{
    static std::unique_ptr<Database> db = [] {
        const QString path = QDir::temp().filePath(
            QStringLiteral("civicdesk-bench-supervision-%1.sqlite").arg(ContactCount));
        auto opened = Database::open(path);
        if (!opened)
            qFatal("bench: %s", qPrintable(opened.error().message));
        if (opened.value()->meta(QStringLiteral("bench_supervision")).isEmpty()) {
            QElapsedTimer timer;
            timer.start();
            generate(*opened.value());
            fprintf(stderr, "generated %d contacts and their requests in %.1f s\n", ContactCount,
                    double(timer.elapsed()) / 1000.0);
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

void report(benchmark::State &state, const KpiFilter &filter)
{
    SupervisionKpis kpis(store());
    qint64 contacts = 0;
    for (auto _ : state) {
        auto r = kpis.report(filter, Now);
        if (!r)
            qFatal("bench: %s", qPrintable(r.error().message));
        contacts = r.value().contacts;
        benchmark::DoNotOptimize(contacts);
    }
    state.counters["contacts"] = double(contacts);
}

void BM_KpiToday(benchmark::State &state)
{
    report(state, filterOf(1));
}
BENCHMARK(BM_KpiToday)->Iterations(20)->Unit(benchmark::kMillisecond);

void BM_KpiWeek(benchmark::State &state)
{
    report(state, filterOf(7));
}
BENCHMARK(BM_KpiWeek)->Iterations(10)->Unit(benchmark::kMillisecond);

void BM_KpiYear(benchmark::State &state)
{
    report(state, filterOf(365));
}
BENCHMARK(BM_KpiYear)->Iterations(3)->Unit(benchmark::kMillisecond);

void BM_KpiYearOneAgent(benchmark::State &state)
{
    report(state, filterOf(365, QStringLiteral("agent7")));
}
BENCHMARK(BM_KpiYearOneAgent)->Iterations(3)->Unit(benchmark::kMillisecond);

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

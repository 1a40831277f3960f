// History over a generated store of 1,000,000 requests (and 150,000 callers): caller-history and
// location-history query latency (p50/p99, floor: p99 < 20 ms), the history view's model
// filtering and scrolling (answered on its search thread: the time until the rows arrive, and
// the time the UI thread is held), and the callbacks-due list. The store is generated once into
// the temporary folder and reused (delete civicdesk-bench-history-1m.sqlite there to
// regenerate).

#include "models/itemmodels/requestlistmodel.h"
#include "models/requests/callbackrepository.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestsearchrepository.h"
#include "models/store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <benchmark/benchmark.h>

using namespace civicdesk;

namespace {

constexpr int RequestCount = 1'000'000;
constexpr int CallerCount = 150'000;
constexpr qint64 Start2015 = 1420070400; // 2015-01-01 UTC

struct Point
{
    double latitude;
    double longitude;
    QString address;
};

void exec(QSqlQuery &q, const QString &sql)
{
    if (!q.exec(sql))
        qFatal("bench: %s failed", qPrintable(sql));
}

QString addressOf(int house, int street)
{
    return QStringLiteral("%1 Street-%2 St Boston MA 02%3")
        .arg(house)
        .arg(street)
        .arg(100 + street % 40);
}

void generate(Database &db)
{
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    QSqlQuery q(sql);
    exec(q, QStringLiteral("PRAGMA synchronous = OFF"));
    sql.transaction();
    QRandomGenerator random(2015);
    QSqlQuery caller(sql);
    caller.prepare(QStringLiteral("INSERT INTO callers(id, name, phone, language, preference, "
                                  "updated_at) VALUES(?, ?, ?, 'en', 'phone', 0)"));
    for (int i = 0; i < CallerCount; ++i) {
        caller.bindValue(0, QStringLiteral("caller-%1").arg(i));
        caller.bindValue(1, QStringLiteral("Caller %1").arg(i));
        caller.bindValue(2, QStringLiteral("+1617%1").arg(i, 7, 10, QLatin1Char('0')));
        if (!caller.exec())
            qFatal("bench: caller insert failed");
    }
    static const char *types[] = {"Street Light Outages", "Pothole Repair",     "Rodent Activity",
                                  "Missed Trash",         "Abandoned Vehicles", "Graffiti Removal",
                                  "Sidewalk Repair",      "Bird infestation",   "Tree Maintenance",
                                  "Parking Enforcement"};
    static const char *channels[] = {"phone", "web", "app", "employee"};
    QSqlQuery insert(sql);
    insert.prepare(QStringLiteral(
        "INSERT INTO requests(id, number, service_code, type_name, status, description, "
        "address, latitude, longitude, channel, caller_id, opened_at, due_at, closed_at, origin) "
        "VALUES(?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, 'import')"));
    for (int i = 0; i < RequestCount; ++i) {
        const int type = int(random.bounded(10));
        const quint32 roll = random.bounded(100);
        const QString status = roll < 15   ? QStringLiteral("open")
                               : roll < 20 ? QStringLiteral("in_progress")
                                           : QStringLiteral("closed");
        // Boston's extent; addresses repeat (about 8 requests per address on average).
        const int street = int(random.bounded(2500));
        const int house = int(random.bounded(50)) + 1;
        const double lat = 42.23 + 0.17 * (street % 50) / 50.0 + 0.0001 * house;
        const double lon = -71.19 + 0.20 * (street / 50) / 50.0;
        const qint64 opened = Start2015 + qint64(random.bounded(9 * 365 * 86400));
        insert.bindValue(0, QStringLiteral("gen:%1").arg(i));
        insert.bindValue(1, QString::number(101000000000LL + i));
        insert.bindValue(2, QStringLiteral("T%1").arg(type));
        insert.bindValue(3, QString::fromLatin1(types[type]));
        insert.bindValue(4, status);
        insert.bindValue(5, addressOf(house, street));
        insert.bindValue(6, lat);
        insert.bindValue(7, lon);
        insert.bindValue(8, QString::fromLatin1(channels[random.bounded(4)]));
        insert.bindValue(
            9, random.bounded(10) < 3
                   ? QVariant(QStringLiteral("caller-%1").arg(random.bounded(CallerCount)))
                   : QVariant());
        insert.bindValue(10, opened);
        insert.bindValue(11, opened + 3 * 86400);
        insert.bindValue(12, status == u"closed" ? QVariant(opened + 2 * 86400) : QVariant());
        if (!insert.exec())
            qFatal("bench: request insert failed");
    }
    exec(q, QStringLiteral("INSERT INTO requests_rtree(id, min_lat, max_lat, min_lon, max_lon) "
                           "SELECT rowid, latitude, latitude, longitude, longitude FROM "
                           "requests"));
    exec(q, QStringLiteral("INSERT INTO meta(key, value) VALUES('bench_history', '1')"));
    sql.commit();
    exec(q, QStringLiteral("ANALYZE"));
}

// 20,000 callbacks (a quarter still pending) on random requests, once.
void addCallbacks(Database &db)
{
    QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
    QSqlQuery q(sql);
    exec(q, QStringLiteral("SELECT count(*) FROM request_callbacks"));
    if (q.next() && q.value(0).toInt() > 0)
        return;
    sql.transaction();
    QRandomGenerator random(4);
    QSqlQuery insert(sql);
    insert.prepare(QStringLiteral(
        "INSERT INTO request_callbacks(id, request_id, request_number, phone, due_at, "
        "scheduled_by, scheduled_at, done_at) VALUES(?, ?, ?, '+16175550100', ?, 'agent1', ?, "
        "?)"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 20'000; ++i) {
        const int request = int(random.bounded(RequestCount));
        const qint64 due = now + (qint64(random.bounded(14 * 24)) - 7 * 24) * 3600 * 1000;
        insert.bindValue(0, QStringLiteral("cb-%1").arg(i));
        insert.bindValue(1, QStringLiteral("gen:%1").arg(request));
        insert.bindValue(2, QString::number(101000000000LL + request));
        insert.bindValue(3, due);
        insert.bindValue(4, due - 86400 * 1000);
        insert.bindValue(5, i % 4 == 0 ? QVariant() : QVariant(due));
        if (!insert.exec())
            qFatal("bench: callback insert failed");
    }
    sql.commit();
}

Database &store()
{
    static std::unique_ptr<Database> db = [] {
        const QString path =
            QDir::temp().filePath(QStringLiteral("civicdesk-bench-history-1m.sqlite"));
        auto opened = Database::open(path);
        if (!opened)
            qFatal("bench: %s", qPrintable(opened.error().message));
        if (opened.value()->meta(QStringLiteral("bench_history")).isEmpty()) {
            QElapsedTimer timer;
            timer.start();
            generate(*opened.value());
            fprintf(stderr, "generated %d requests in %.1f s\n", RequestCount,
                    double(timer.elapsed()) / 1000.0);
        }
        addCallbacks(*opened.value());
        return std::move(opened).value();
    }();
    return *db;
}

// Runs `query` once per iteration, timing each run, and reports p50 and p99 in milliseconds.
template <typename Query> void latencies(benchmark::State &state, Query query)
{
    QList<double> ms;
    QElapsedTimer timer;
    std::size_t rows = 0;
    for (auto _ : state) {
        timer.start();
        rows += query();
        ms.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    const auto at = [&ms](double p) {
        return ms.at(std::min<qsizetype>(ms.size() - 1, qsizetype(p * double(ms.size()))));
    };
    state.counters["p50_ms"] = at(0.50);
    state.counters["p99_ms"] = at(0.99);
    state.counters["max_ms"] = ms.last();
    state.counters["rows_per_query"] = double(rows) / double(ms.size());
}

void BM_CallerHistory(benchmark::State &state)
{
    HistoryRepository history(store());
    QRandomGenerator random(1);
    latencies(state, [&] {
        return history.forCaller(QStringLiteral("caller-%1").arg(random.bounded(CallerCount)))
            .size();
    });
}
BENCHMARK(BM_CallerHistory)->Iterations(2000)->Unit(benchmark::kMillisecond);

void BM_LocationHistory(benchmark::State &state)
{
    HistoryRepository history(store());
    QRandomGenerator random(2);
    latencies(state, [&] {
        const int street = int(random.bounded(2500));
        const int house = int(random.bounded(50)) + 1;
        const double lat = 42.23 + 0.17 * (street % 50) / 50.0 + 0.0001 * house;
        const double lon = -71.19 + 0.20 * (street / 50) / 50.0;
        return history
            .nearLocation(lat, lon, addressOf(house, street).section(u' ', 0, 2) + u", 02100")
            .size();
    });
}
BENCHMARK(BM_LocationHistory)->Iterations(1000)->Unit(benchmark::kMillisecond);

// Waits (running the event loop) for the model's answer to its newest filter.
void waitForRows(RequestListModel &model)
{
    while (model.isLoading())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

// The history view's model: a new filter (capped count and the first page) answered on the
// search thread, one kind of filter per run: 0 none, 1 number, 2 street words, 3 phone, 4 status
// and type, 5 one day, 6 sorted by address. p50/p99: until the rows arrive; ui_*: how long
// setFilter holds the UI thread.
void BM_HistoryViewFilter(benchmark::State &state)
{
    RequestListModel model(store());
    waitForRows(model);
    QRandomGenerator random(3);
    const auto filterOf = [&random](int kind) {
        HistoryFilter f;
        switch (kind) {
        case 1:
            f.text = QString::number(101000000000LL + random.bounded(RequestCount));
            break;
        case 2:
            f.text = QStringLiteral("Street-%1 ").arg(random.bounded(2500));
            break;
        case 3:
            f.phone =
                QStringLiteral("617%1").arg(random.bounded(CallerCount), 7, 10, QLatin1Char('0'));
            break;
        case 4:
            f.status = RequestStatus::Open;
            f.type = QStringLiteral("Pothole");
            break;
        case 5:
            f.openedFrom = QDateTime(QDate(2019, 5, 1), QTime(0, 0), Qt::UTC);
            f.openedTo = QDateTime(QDate(2019, 5, 2), QTime(0, 0), Qt::UTC);
            break;
        case 6:
            f.sort = HistorySort::ByAddress;
            f.descending = false;
            break;
        default:
            break;
        }
        return f;
    };
    const int kind = int(state.range(0));
    QList<double> ui;
    QElapsedTimer held;
    latencies(state, [&] {
        held.start();
        model.setFilter(filterOf(kind));
        ui.append(double(held.nsecsElapsed()) / 1e6);
        waitForRows(model);
        return std::size_t(model.rowCount());
    });
    std::sort(ui.begin(), ui.end());
    state.counters["ui_p99_ms"] = ui.at(std::min<qsizetype>(ui.size() - 1, ui.size() * 99 / 100));
    state.counters["ui_max_ms"] = ui.last();
}
BENCHMARK(BM_HistoryViewFilter)->DenseRange(0, 6)->Iterations(10)->Unit(benchmark::kMillisecond);

// Scrolling: the next 200 rows, newest first and (range 1) sorted by address.
void BM_HistoryViewScrollPage(benchmark::State &state)
{
    RequestListModel model(store());
    if (state.range(0) == 1) {
        HistoryFilter f;
        f.sort = HistorySort::ByAddress;
        f.descending = false;
        model.setFilter(f);
    }
    waitForRows(model);
    QList<double> ui;
    QElapsedTimer held;
    latencies(state, [&] {
        const int before = model.rowCount();
        held.start();
        model.fetchMore({});
        ui.append(double(held.nsecsElapsed()) / 1e6);
        while (!model.canFetchMore({}) && model.rowCount() == before)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        return std::size_t(model.rowCount() - before);
    });
    std::sort(ui.begin(), ui.end());
    state.counters["ui_p99_ms"] = ui.at(std::min<qsizetype>(ui.size() - 1, ui.size() * 99 / 100));
    state.counters["rows_loaded"] = model.rowCount();
}
BENCHMARK(BM_HistoryViewScrollPage)
    ->DenseRange(0, 1)
    ->Iterations(200)
    ->Unit(benchmark::kMillisecond);

// The callbacks list: pending callbacks, soonest first, and the due count (20,000 callbacks).
void BM_CallbacksDue(benchmark::State &state)
{
    CallbackRepository callbacks(store());
    latencies(state, [&] {
        const std::size_t rows = std::size_t(callbacks.pending().size());
        benchmark::DoNotOptimize(
            callbacks.pendingDueBefore(QDateTime::currentDateTimeUtc().addSecs(3600)));
        return rows;
    });
}
BENCHMARK(BM_CallbacksDue)->Iterations(200)->Unit(benchmark::kMillisecond);

} // namespace

// Sync benchmarks against the real civicdesk-server on loopback:
//  - convergence latency: an event created on workstation A until it is in B's local store,
//    one at a time, 1,000 events (median and p95; floor: median < 1 s, p95 < 2 s);
//  - first sync of the demo city to a new workstation (reference tables, then events).

#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/sync/firstsync.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "models/sync/syncstore.h"
#include "tests/bench/spin.h"
#include "tests/support/serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>
#include <benchmark/benchmark.h>

using namespace civicdesk;
using bench::spinUntil;

namespace {

const QString benchPassword = QStringLiteral("correct horse battery");

struct Workstation
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    std::unique_ptr<EventStore> events;
    QNetworkAccessManager network;
    std::unique_ptr<SyncClient> client;
    std::unique_ptr<SyncEngine> engine;
    QString device;
    QString user;

    bool open(const QString &server, const QString &deviceCode, const QString &userName)
    {
        device = deviceCode;
        user = userName;
        auto opened = Database::open(dir.filePath(QStringLiteral("ws.sqlite")));
        if (!opened)
            return false;
        db = std::move(opened.value());
        events = std::make_unique<EventStore>(*db);
        client = std::make_unique<SyncClient>(network, QUrl(server));
        engine = std::make_unique<SyncEngine>(*db, *client);
        bool done = false;
        bool ok = false;
        client->login(user, benchPassword, device, [&](Result<LoginResult> r) {
            ok = r.ok();
            done = true;
        });
        return spinUntil([&] { return done; }, 10000) && ok;
    }
};

double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const qsizetype index = std::min(values.size() - 1, qsizetype(p * double(values.size())));
    return values.at(index);
}

void BM_SyncConvergenceAToB(benchmark::State &state)
{
    test::ServerStore store;
    test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), store.url());
    for (const QString &name : {QStringLiteral("ana"), QStringLiteral("bob")}) {
        if (!server.addUser(name, QStringLiteral("call_taker"), benchPassword)) {
            state.SkipWithError("cannot add users");
            return;
        }
    }
    if (!server.start()) {
        state.SkipWithError("cannot start civicdesk-server");
        return;
    }
    Workstation a;
    Workstation b;
    if (!a.open(server.baseUrl(), QStringLiteral("AAAA2"), QStringLiteral("ana")) ||
        !b.open(server.baseUrl(), QStringLiteral("BBBB3"), QStringLiteral("bob"))) {
        state.SkipWithError("cannot sign in");
        return;
    }
    a.engine->start();
    b.engine->start();
    QString awaited;
    bool arrived = false;
    QSqlQuery probe(QSqlDatabase::database(b.db->connectionName()));
    probe.prepare(QStringLiteral("SELECT 1 FROM events WHERE id = ?"));
    QObject::connect(b.engine.get(), &SyncEngine::remoteApplied, b.engine.get(), [&] {
        probe.bindValue(0, awaited);
        arrived = probe.exec() && probe.next();
        probe.finish();
    });
    // Let both settle into their long polls.
    spinUntil([] { return false; }, 500);
    const int count = int(state.range(0));
    QList<double> latencies;
    for (auto _ : state) {
        latencies.clear();
        for (int i = 0; i < count; ++i) {
            const Event e = Event::make(
                QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
                {{QStringLiteral("number"), QStringLiteral("AAAA2-B%1").arg(i)},
                 {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                 {QStringLiteral("description"), QStringLiteral("bench %1").arg(i)}},
                a.user, a.device, QDateTime::currentDateTimeUtc());
            awaited = e.id;
            arrived = false;
            QElapsedTimer clock;
            clock.start();
            if (!a.events->append(e)) {
                state.SkipWithError("append failed");
                return;
            }
            if (!spinUntil([&] { return arrived; }, 10000)) {
                state.SkipWithError("an event did not arrive within 10 s");
                return;
            }
            latencies.append(double(clock.nsecsElapsed()) / 1e6);
        }
    }
    state.counters["events"] = count;
    state.counters["median_ms"] = percentile(latencies, 0.5);
    state.counters["p95_ms"] = percentile(latencies, 0.95);
    state.counters["max_ms"] = percentile(latencies, 1.0);
    // Which event was the slowest (the first one also opens A's push connection).
    state.counters["slowest_event"] =
        double(std::max_element(latencies.cbegin(), latencies.cend()) - latencies.cbegin());
    a.engine->stop();
    b.engine->stop();
    server.terminate();
}
BENCHMARK(BM_SyncConvergenceAToB)->Arg(1000)->Iterations(1)->Unit(benchmark::kSecond);

void BM_FirstSyncDemoCity(benchmark::State &state)
{
    test::ServerStore store;
    test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), store.url());
    QByteArray output;
    if (server.run({QStringLiteral("--import-city"), QStringLiteral(CIVICDESK_DEMO_CITY_DIR)}, {},
                   &output) != 0 ||
        !server.addUser(QStringLiteral("cy"), QStringLiteral("call_taker"), benchPassword) ||
        !server.start()) {
        state.SkipWithError(output.constData());
        return;
    }
    qint64 rows = 0;
    for (auto _ : state) {
        Workstation fresh;
        if (!fresh.open(server.baseUrl(), QStringLiteral("DDDD5"), QStringLiteral("cy"))) {
            state.SkipWithError("cannot sign in");
            return;
        }
        FirstSync first(*fresh.db, *fresh.client);
        first.setPageSize(5000);
        bool finished = false;
        bool ok = false;
        QObject::connect(&first, &FirstSync::progress, &first,
                         [&rows](qint64 loaded) { rows = loaded; });
        QObject::connect(&first, &FirstSync::finished, &first, [&](bool success) {
            ok = success;
            finished = true;
        });
        first.start();
        if (!spinUntil([&] { return finished; }, 600000) || !ok) {
            state.SkipWithError("first sync failed");
            return;
        }
        // Then the events from 0 (none yet on a freshly imported store).
        fresh.engine->start();
        spinUntil([&] { return fresh.engine->status().lastSuccess.isValid(); }, 60000);
        fresh.engine->stop();
    }
    state.counters["rows"] = double(rows);
    state.counters["rows_per_s"] = benchmark::Counter(double(rows), benchmark::Counter::kIsRate);
    server.terminate();
}
BENCHMARK(BM_FirstSyncDemoCity)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

} // namespace

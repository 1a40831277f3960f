// civicdesk-server over loopback HTTP, on SQLite and on PostgreSQL 15 (a throwaway cluster with
// fsync on), both loaded with the demo city: events ingested per second in batches of 100, pull
// throughput, long-poll wake-up latency, and Open311 GET requests.json latency. Percentiles are
// printed as counters (milliseconds).

#include "tests/bench/percentile.h"
#include "tests/bench/postgresbench.h"
#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <memory>

using namespace civicdesk;
using bench::percentile;

namespace {

QJsonObject created(int n)
{
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return QJsonObject{
        {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("entity_type"), QStringLiteral("request")},
        {QStringLiteral("entity_id"), id},
        {QStringLiteral("kind"), QStringLiteral("request.created")},
        {QStringLiteral("payload"),
         QJsonObject{
             {QStringLiteral("number"), QStringLiteral("B%1").arg(n, 9, 10, QLatin1Char('0'))},
             {QStringLiteral("service_code"), QStringLiteral("SCHDBLKITM")},
             {QStringLiteral("type_name"), QStringLiteral("Schedule a Bulk Item Pickup")},
             {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
             {QStringLiteral("latitude"), 42.3603 + (n % 100) * 1e-4},
             {QStringLiteral("longitude"), -71.0578},
             {QStringLiteral("channel"), QStringLiteral("phone")},
             {QStringLiteral("opened_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}},
        {QStringLiteral("actor"), QStringLiteral("bench")},
        {QStringLiteral("device"), QStringLiteral("BENCH")},
        {QStringLiteral("client_time"), double(QDateTime::currentMSecsSinceEpoch())}};
}

void runServer(benchmark::State &state, const QString &database)
{
    test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), database);
    QByteArray output;
    if (server.run({QStringLiteral("--import-city"), QStringLiteral(CIVICDESK_DEMO_CITY_DIR)}, {},
                   &output) != 0) {
        state.SkipWithError(output.constData());
        return;
    }
    if (!server.addUser(QStringLiteral("bench"), QStringLiteral("call_taker")) || !server.start()) {
        state.SkipWithError("cannot start civicdesk-server");
        return;
    }
    const QString token = server.login(QStringLiteral("bench"));
    for (auto _ : state) {
        // Ingest: 50 batches of 100 events, made before the clock starts (the figure is the
        // server's, not this client's JSON encoding).
        constexpr int Batches = 50;
        QList<QByteArray> batches;
        int n = 0;
        for (int b = 0; b < Batches; ++b) {
            QJsonArray batch;
            for (int i = 0; i < 100; ++i)
                batch.append(created(++n));
            batches.append(QJsonDocument(QJsonObject{{QStringLiteral("events"), batch}})
                               .toJson(QJsonDocument::Compact));
        }
        QElapsedTimer timer;
        timer.start();
        const QList<std::pair<QByteArray, QByteArray>> headers = {
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()}};
        for (const QByteArray &batch : batches) {
            const auto r = server.request(QByteArrayLiteral("POST"),
                                          QStringLiteral("/api/v1/events"), batch, headers);
            if (r.status != 200 || r.json()[u"accepted"].toArray().size() != 100) {
                state.SkipWithError(r.body.left(300).constData());
                return;
            }
        }
        state.counters["ingest_events_per_s"] = double(n) / (double(timer.nsecsElapsed()) / 1e9);
        // Pull: everything after 0, 1000 at a time.
        timer.restart();
        qint64 cursor = 0;
        int pulled = 0;
        for (;;) {
            const auto r =
                server.get(QStringLiteral("/api/v1/events?after=%1&limit=1000").arg(cursor), token);
            const QJsonArray events = r.json()[u"events"].toArray();
            if (events.isEmpty())
                break;
            pulled += int(events.size());
            cursor = qint64(events.last()[u"seq"].toDouble());
        }
        state.counters["pull_events_per_s"] = double(pulled) / (double(timer.nsecsElapsed()) / 1e9);
        // Long-poll wake-up: a waiting pull, then one push; time from sending the push until
        // the pull has its answer.
        std::vector<double> wake;
        QNetworkAccessManager network;
        for (int i = 0; i < 100; ++i) {
            QNetworkRequest request(QUrl(
                server.baseUrl() + QStringLiteral("/api/v1/events?after=%1&wait=30").arg(cursor)));
            request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
            QNetworkReply *waiting = network.get(request);
            QEventLoop settle;
            QTimer::singleShot(20, &settle, &QEventLoop::quit);
            settle.exec();
            QElapsedTimer latency;
            QObject::connect(waiting, &QNetworkReply::finished, &settle, &QEventLoop::quit);
            latency.start();
            const auto pushed = server.postJson(
                QStringLiteral("/api/v1/events"),
                QJsonDocument(QJsonObject{{QStringLiteral("events"), QJsonArray{created(++n)}}}),
                token);
            if (!waiting->isFinished())
                settle.exec();
            wake.push_back(double(latency.nsecsElapsed()) / 1e6);
            cursor = qint64(pushed.json()[u"last_seq"].toDouble());
            waiting->deleteLater();
        }
        state.counters["longpoll_wake_p50_ms"] = percentile(wake, 0.5);
        state.counters["longpoll_wake_p95_ms"] = percentile(wake, 0.95);
        // Open311 GET requests.json over 90 days of the demo city's history, a page of 1,000
        // (the spec's default volume) and a page of 100.
        for (const int pageSize : {1000, 100}) {
            std::vector<double> times;
            for (int i = 0; i < 200; ++i) {
                QElapsedTimer t;
                t.start();
                const auto r = server.get(
                    QStringLiteral("/open311/v2/requests.json?start_date=2015-04-01T00:00:00Z&"
                                   "end_date=2015-06-30T00:00:00Z&page_size=%1&page=%2")
                        .arg(pageSize)
                        .arg(1 + i % 5));
                times.push_back(double(t.nsecsElapsed()) / 1e6);
                if (r.status != 200 || r.json().array().size() != pageSize) {
                    state.SkipWithError("unexpected Open311 answer");
                    return;
                }
            }
            const std::string prefix = "open311_page" + std::to_string(pageSize);
            state.counters[prefix + "_p50_ms"] = percentile(times, 0.5);
            state.counters[prefix + "_p99_ms"] = percentile(times, 0.99);
        }
    }
    server.terminate();
}

void BM_ServerSqlite(benchmark::State &state)
{
    QTemporaryDir dir;
    runServer(state, dir.filePath(QStringLiteral("server.sqlite")));
}
BENCHMARK(BM_ServerSqlite)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

void BM_ServerPostgres(benchmark::State &state)
{
    std::unique_ptr<test::PgCluster> cluster;
    if (const QString url = bench::durablePostgres(state, cluster); !url.isEmpty())
        runServer(state, url);
}
BENCHMARK(BM_ServerPostgres)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

} // namespace

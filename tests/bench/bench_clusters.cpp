// Cluster detection over a day of 5,000 new requests (issue 16: <= 1 ms per arriving event).
// The requests of one day in Boston arrive one by one as request.created events in a real
// store (a tenth of them closed again later in the day): 60 types, Zipf-like shares, a third of
// each type's requests around a few hot spots so clusters form and end. Timed per arriving
// event: the detector alone (advance the window, add the request); the watch's update (read the
// new events from the store, then the detector); and the bare baseline, the store's own append
// of the same event. Prints median and p99 of each, and the ratio of the watch to the append.

#include "models/alerts/clusterdetector.h"
#include "models/alerts/clusterrulelog.h"
#include "models/alerts/clusterwatch.h"
#include "models/domain/event.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "tests/bench/percentile.h"
#include "tests/support/teststore.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <benchmark/benchmark.h>
#include <cmath>

using namespace civicdesk;

namespace {

constexpr int Requests = 5000;
constexpr int Types = 60;
const QDateTime DayStart = QDateTime(QDate(2026, 12, 4), QTime(5, 0), Qt::UTC);

struct Arrival
{
    Event event;
    ClusterRequest request;
    bool close = false; // a status change closing an earlier request
};

QList<Arrival> makeDay()
{
    QRandomGenerator random(1604);
    QList<double> weights;
    double total = 0;
    for (int t = 0; t < Types; ++t) {
        weights.append(1.0 / (t + 1));
        total += weights.last();
    }
    QList<Arrival> day;
    QList<ClusterRequest> open;
    for (int i = 0; i < Requests; ++i) {
        double pick = random.generateDouble() * total;
        int type = 0;
        while (type < Types - 1 && pick > weights.at(type))
            pick -= weights.at(type++);
        double lat = 42.23 + random.generateDouble() * 0.17;
        double lon = -71.19 + random.generateDouble() * 0.2;
        if (random.bounded(3) == 0) { // a hot spot of this type (one of three)
            const int spot = random.bounded(3);
            lat = 42.30 + 0.02 * spot + type * 0.0007 + (random.generateDouble() - 0.5) * 0.002;
            lon = -71.10 + 0.02 * spot + (random.generateDouble() - 0.5) * 0.003;
        }
        const QDateTime at = DayStart.addMSecs(qint64(i) * 86'400'000 / Requests);
        const QString id = QStringLiteral("bench-%1").arg(i);
        const QString code = QStringLiteral("TYPE%1").arg(type, 2, 10, QLatin1Char('0'));
        ClusterRequest r{id,
                         QStringLiteral("BN%1").arg(i),
                         code,
                         QStringLiteral("Type %1").arg(type),
                         QStringLiteral("%1 Main St").arg(i % 400),
                         lat,
                         lon,
                         at};
        Event e = Event::make(QStringLiteral("request"), id, QStringLiteral("request.created"),
                              {{QStringLiteral("number"), r.number},
                               {QStringLiteral("service_code"), code},
                               {QStringLiteral("type_name"), r.typeName},
                               {QStringLiteral("address"), r.address},
                               {QStringLiteral("latitude"), lat},
                               {QStringLiteral("longitude"), lon}},
                              QStringLiteral("bench"), QStringLiteral("BNCH2"), at);
        day.append({e, r, false});
        open.append(r);
        if (i % 10 == 9) { // a tenth closed again later
            const ClusterRequest closed = open.takeAt(random.bounded(int(open.size())));
            Event c = Event::make(QStringLiteral("request"), closed.id,
                                  QStringLiteral("request.status_changed"),
                                  {{QStringLiteral("status"), QStringLiteral("closed")},
                                   {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                                  QStringLiteral("bench"), QStringLiteral("BNCH2"), at);
            day.append({c, closed, true});
        }
    }
    return day;
}

void report(benchmark::State &state, const char *name, const std::vector<double> &ms)
{
    state.counters[std::string(name) + "_median_ms"] = bench::percentile(ms, 0.5);
    state.counters[std::string(name) + "_p99_ms"] = bench::percentile(ms, 0.99);
}

void BM_ClusterDetectionDay(benchmark::State &state)
{
    const QList<Arrival> day = makeDay();
    ClusterRules rules;
    rules.fallback = ClusterRule{4, 200, 3};
    std::vector<double> detector;
    std::vector<double> watch;
    std::vector<double> append;
    int clusters = 0;
    for (auto _ : state) {
        detector.clear();
        watch.clear();
        append.clear();
        // The detector alone.
        ClusterDetector alone(rules);
        for (const Arrival &a : day) {
            QElapsedTimer t;
            t.start();
            alone.advanceTo(a.event.clientTime);
            if (a.close)
                alone.remove(a.request.id);
            else
                alone.add(a.request);
            detector.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        clusters = int(alone.clusters().size());
        // The store's append (the baseline) and the watch's update after it.
        test::TempStore store;
        EventStore events(store.db());
        if (!ClusterRuleLog(store.db(), events, QStringLiteral("sam"))
                 .change(QString(), QString(), rules.fallback)) {
            state.SkipWithError("cannot save the rules");
            return;
        }
        QDateTime now = DayStart;
        ClusterWatch w(store.db(), Clock([&now] { return now; }));
        if (!w.start()) {
            state.SkipWithError("cannot start the watch");
            return;
        }
        for (const Arrival &a : day) {
            now = a.event.clientTime;
            QElapsedTimer t;
            t.start();
            if (!events.append(a.event)) {
                state.SkipWithError("append failed");
                return;
            }
            append.push_back(double(t.nsecsElapsed()) / 1e6);
            t.restart();
            if (!w.update()) {
                state.SkipWithError("update failed");
                return;
            }
            watch.push_back(double(t.nsecsElapsed()) / 1e6);
        }
        if (int(w.clusters().size()) != clusters) {
            state.SkipWithError("the watch and the detector disagree");
            return;
        }
    }
    state.counters["events"] = double(day.size());
    state.counters["clusters_at_end"] = clusters;
    report(state, "detector", detector);
    report(state, "watch", watch);
    report(state, "append_baseline", append);
    state.counters["watch_to_append_median"] =
        bench::percentile(watch, 0.5) / std::max(1e-9, bench::percentile(append, 0.5));
}

} // namespace

BENCHMARK(BM_ClusterDetectionDay)->Iterations(1)->Unit(benchmark::kMillisecond);

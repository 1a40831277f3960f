// The map: time to first render with the demo city beside a bare Leaflet page drawing the same
// layers and requests from local files, and the time to replace the markers with 16,000 and
// 100,000 requests. This program has no GUI (a QCoreApplication), so each measurement runs
// build/bin/civicdesk-map-probe (tests/webengine/map_probe.cpp) on a store with the demo city
// imported, and reports the times the probe prints (manual time, milliseconds).

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"
#include "tests/bench/percentile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <unistd.h>

using namespace civicdesk;

namespace {

// The demo city imported once into a temporary store (about ten seconds), or a copy of the
// store the build made with the real importer (build/share/civicdesk/stores/boston.sqlite).
const QString &mapStorePath()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("map.sqlite"));
        const QString prebuilt =
            QDir(QCoreApplication::applicationDirPath())
                .filePath(QStringLiteral("../share/civicdesk/stores/boston.sqlite"));
        if (QFile::copy(prebuilt, file))
            return file;
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        if (!pack)
            qFatal("%s", qPrintable(pack.error().message));
        auto db = Database::open(file);
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        CityImporter importer(*db.value());
        if (auto r = importer.import(pack.value()); !r)
            qFatal("%s", qPrintable(r.error().message));
        return file;
    }();
    return path;
}

// Runs the probe; its "key=value" lines, or an error message in "error".
QHash<QString, double> runProbe(const QStringList &arguments, QString *error)
{
    const QString probe = QDir(QCoreApplication::applicationDirPath())
                              .filePath(QStringLiteral("civicdesk-map-probe"));
    if (!QFileInfo::exists(probe)) {
        *error = QStringLiteral("%1 is missing: build the civicdesk-map-probe target").arg(probe);
        return {};
    }
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (::geteuid() == 0) // Chromium refuses to run as root with its sandbox
        env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    if (!env.contains(QStringLiteral("DISPLAY")) &&
        !env.contains(QStringLiteral("QT_QPA_PLATFORM")))
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(probe, QStringList{QStringLiteral("--database"), mapStorePath()} + arguments);
    if (!process.waitForFinished(600000) || process.exitCode() != 0) {
        *error = QStringLiteral("the probe failed: %1")
                     .arg(QString::fromLocal8Bit(process.readAllStandardError()).right(400));
        return {};
    }
    QHash<QString, double> values;
    const QStringList lines =
        QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype eq = line.indexOf(u'=');
        if (eq > 0)
            values.insert(line.left(eq), line.mid(eq + 1).toDouble());
    }
    return values;
}

void report(benchmark::State &state, const QHash<QString, double> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        state.counters[it.key().toStdString()] = it.value();
}

// How many runs a benchmark of several probe runs makes: CIVICDESK_MAP_RUNS, 9 by default.
int mapRuns()
{
    const int runs = qEnvironmentVariableIntValue("CIVICDESK_MAP_RUNS");
    return runs > 0 ? runs : 9;
}

// One run of the probe per iteration, timed by the probe's `key` figure.
void timeProbe(benchmark::State &state, const QStringList &arguments, const QString &key)
{
    mapStorePath();
    for (auto _ : state) {
        QString error;
        const auto values = runProbe(arguments, &error);
        if (!error.isEmpty()) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        state.SetIterationTime(values.value(key) / 1000.0);
        report(state, values);
    }
}

// From showing the map panel on the demo store to the page reporting the city's basemap (nine
// layers, 13 MB of GeoJSON as imported; the four shown at first drawn from their simplified
// copies) and the default request layer (open and in-progress requests, clustered) drawn.
// Each run is a new process, so each includes starting the web engine. Three figures, runs
// interleaved so a busy machine weighs on each alike:
//   warm      the layers simplified before the map is shown (the workstation does it in the
//             background 1.5 s after its window is up; the usual case)
//   cold      the map shown at once: simplifying is part of the wait
//   baseline  a bare Leaflet page in the same QtWebEngine: the same layers (simplified) and
//             requests (clustered by Leaflet.markercluster) from local files, from show to
//             painted
//   layers    the same bare page drawing the layers alone (no requests)
// Median and p95 of each, and the ratios to the baseline's median. Runs: CIVICDESK_MAP_RUNS
// (default 9).
void BM_MapFirstRender(benchmark::State &state)
{
    mapStorePath();
    const int runs = mapRuns();
    QTemporaryDir baselineDir;
    for (auto _ : state) {
        std::vector<double> warm, cold, baseline, layers;
        QHash<QString, double> last;
        for (int i = 0; i < runs; ++i) {
            QString error;
            const auto w =
                runProbe({QStringLiteral("--first-render"), QStringLiteral("--warm")}, &error);
            const auto c = error.isEmpty() ? runProbe({QStringLiteral("--first-render")}, &error)
                                           : QHash<QString, double>();
            const auto b =
                error.isEmpty()
                    ? runProbe({QStringLiteral("--baseline"), baselineDir.path()}, &error)
                    : QHash<QString, double>();
            const auto l = error.isEmpty()
                               ? runProbe({QStringLiteral("--baseline"), baselineDir.path(),
                                           QStringLiteral("--layers-only")},
                                          &error)
                               : QHash<QString, double>();
            if (!error.isEmpty()) {
                state.SkipWithError(qPrintable(error));
                return;
            }
            layers.push_back(l.value(QStringLiteral("baseline_ms")));
            warm.push_back(w.value(QStringLiteral("first_render_ms")));
            cold.push_back(c.value(QStringLiteral("first_render_ms")));
            baseline.push_back(b.value(QStringLiteral("baseline_ms")));
            last = w;
            last.insert(QStringLiteral("warm_ms"), w.value(QStringLiteral("warm_ms")));
        }
        const double warmMedian = bench::percentile(warm, 0.5);
        const double baselineMedian = bench::percentile(baseline, 0.5);
        state.SetIterationTime(warmMedian / 1000.0);
        report(state, last);
        state.counters["runs"] = runs;
        state.counters["warm_median_ms"] = warmMedian;
        state.counters["warm_p95_ms"] = bench::percentile(warm, 0.95);
        state.counters["cold_median_ms"] = bench::percentile(cold, 0.5);
        state.counters["cold_p95_ms"] = bench::percentile(cold, 0.95);
        state.counters["baseline_median_ms"] = baselineMedian;
        state.counters["baseline_p95_ms"] = bench::percentile(baseline, 0.95);
        state.counters["warm_x_baseline"] = baselineMedian > 0 ? warmMedian / baselineMedian : 0;
        const double layersMedian = bench::percentile(layers, 0.5);
        state.counters["layers_median_ms"] = layersMedian;
        state.counters["layers_p95_ms"] = bench::percentile(layers, 0.95);
        state.counters["warm_x_layers"] = layersMedian > 0 ? warmMedian / layersMedian : 0;
        state.counters["cold_x_baseline"] =
            baselineMedian > 0 ? bench::percentile(cold, 0.5) / baselineMedian : 0;
    }
}
BENCHMARK(BM_MapFirstRender)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);

// What the agent waits for when the workstation has prepared the map in the background
// (ui/map/mapwarmup.h: started hidden once the window is idle): from bringing the map's tab
// to the front to the page's "shown", the basemap and the request clusters painted. Each run
// a new process; beside it, in the same run, the bare Leaflet page of BM_MapFirstRender (from
// show to painted, its web engine's start included: there is no bare "show a prepared page").
// Also prints how long preparing took (hidden) and the UI thread's longest stall meanwhile.
// Runs: CIVICDESK_MAP_RUNS (default 9).
void BM_MapShowPrepared(benchmark::State &state)
{
    mapStorePath();
    const int runs = mapRuns();
    QTemporaryDir baselineDir;
    for (auto _ : state) {
        std::vector<double> shown, prepare, stall, baseline;
        for (int i = 0; i < runs; ++i) {
            QString error;
            const auto p = runProbe({QStringLiteral("--prepared")}, &error);
            const auto b =
                error.isEmpty()
                    ? runProbe({QStringLiteral("--baseline"), baselineDir.path()}, &error)
                    : QHash<QString, double>();
            if (!error.isEmpty()) {
                state.SkipWithError(qPrintable(error));
                return;
            }
            shown.push_back(p.value(QStringLiteral("shown_ms")));
            prepare.push_back(p.value(QStringLiteral("prepare_ms")));
            stall.push_back(p.value(QStringLiteral("prepare_longest_stall_ms")));
            baseline.push_back(b.value(QStringLiteral("baseline_ms")));
            state.counters["shown_requests"] = p.value(QStringLiteral("shown_requests"));
        }
        const double median = bench::percentile(shown, 0.5);
        const double baselineMedian = bench::percentile(baseline, 0.5);
        state.SetIterationTime(median / 1000.0);
        state.counters["runs"] = runs;
        state.counters["shown_median_ms"] = median;
        state.counters["shown_p95_ms"] = bench::percentile(shown, 0.95);
        state.counters["shown_max_ms"] = bench::percentile(shown, 1.0);
        state.counters["prepare_median_ms"] = bench::percentile(prepare, 0.5);
        state.counters["prepare_stall_median_ms"] = bench::percentile(stall, 0.5);
        state.counters["prepare_stall_max_ms"] = bench::percentile(stall, 1.0);
        state.counters["baseline_median_ms"] = baselineMedian;
        state.counters["shown_x_baseline"] = baselineMedian > 0 ? median / baselineMedian : 0;
    }
}
BENCHMARK(BM_MapShowPrepared)->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);

// Replacing the markers with 16,000 located requests (about the open requests of a large
// city): encoding in C++, the page fetching the payload from the map's scheme, decoding and
// clustering it, until the page reports them drawn.
void BM_MapUpdate16k(benchmark::State &state)
{
    timeProbe(state,
              {QStringLiteral("--warm"), QStringLiteral("--update"), QStringLiteral("16000")},
              QStringLiteral("update_ms"));
}
BENCHMARK(BM_MapUpdate16k)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// A change to the markers shown at first (the demo city's ~16,000 open and in-progress
// requests), as a sync brings: state.range(0) of them removed, new, moved or of another status
// (a quarter each). The page gets only the difference (ui/map/markerpayload.h); from
// setRequests() until the page reports them drawn.
void BM_MapChange16k(benchmark::State &state)
{
    timeProbe(
        state,
        {QStringLiteral("--warm"), QStringLiteral("--change"), QString::number(state.range(0))},
        QStringLiteral("change_ms"));
}
BENCHMARK(BM_MapChange16k)
    ->Arg(160)
    ->Arg(1600)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// Replacing the markers with 100,000 located requests: encoding in C++, the page fetching,
// decoding and clustering them, until the page reports them drawn.
void BM_MapUpdate100k(benchmark::State &state)
{
    timeProbe(state, {QStringLiteral("--update"), QStringLiteral("100000")},
              QStringLiteral("update_ms"));
}
BENCHMARK(BM_MapUpdate100k)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

} // namespace

// The local store: importing the demo city, opening the store cold, and reading history pages.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requestsearchrepository.h"
#include "models/store/database.h"

#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace civicdesk;

namespace {

const CityPack &demoPack()
{
    static const CityPack pack = [] {
        auto loaded = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        if (!loaded)
            qFatal("%s", qPrintable(loaded.error().message));
        return loaded.value();
    }();
    return pack;
}

// One imported demo store shared by the read benchmarks.
const QString &demoStorePath()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("demo.sqlite"));
        auto db = Database::open(file);
        CityImporter importer(*db.value());
        if (auto r = importer.import(demoPack()); !r)
            qFatal("%s", qPrintable(r.error().message));
        return file;
    }();
    return path;
}

void BM_ImportDemoCity(benchmark::State &state)
{
    int rows = 0;
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("import.sqlite")));
        CityImporter importer(*db.value());
        state.ResumeTiming();
        auto report = importer.import(demoPack());
        if (!report) {
            state.SkipWithError(qPrintable(report.error().message));
            return;
        }
        rows = report.value().requests + report.value().addresses + report.value().intersections +
               report.value().articles;
    }
    state.counters[QByteArrayLiteral("rows").constData()] = rows;
    state.counters[QByteArrayLiteral("rows_per_s").constData()] =
        benchmark::Counter(double(rows), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ImportDemoCity)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true)
    ->UseRealTime();

void BM_ColdOpenStore(benchmark::State &state)
{
    const QString path = demoStorePath();
    for (auto _ : state) {
        auto db = Database::open(path);
        RequestRepository requests(*db.value());
        benchmark::DoNotOptimize(requests.count());
    }
}
BENCHMARK(BM_ColdOpenStore)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

void BM_HistoryFirstPage(benchmark::State &state)
{
    auto db = Database::open(demoStorePath());
    RequestSearchRepository search(*db.value());
    for (auto _ : state)
        benchmark::DoNotOptimize(search.page({}, {}, 200));
}
BENCHMARK(BM_HistoryFirstPage)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

} // namespace

// The central store on PostgreSQL 15: importing the demo city into a fresh database of a
// throwaway cluster (fsync on, as in production), run once. Skipped when PostgreSQL is not
// installed.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"
#include "tests/support/pgcluster.h"

#include <benchmark/benchmark.h>
#include <memory>

using namespace civicdesk;

namespace {

void BM_PostgresImportDemoCity(benchmark::State &state)
{
    if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty()) {
        state.SkipWithError(qPrintable(why));
        return;
    }
    auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
    if (!pack) {
        state.SkipWithError(qPrintable(pack.error().message));
        return;
    }
    test::PgCluster cluster(true);
    if (!cluster.isRunning()) {
        state.SkipWithError(qPrintable(cluster.error()));
        return;
    }
    int rows = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const QString url = cluster.createDatabase();
        auto db = Database::open(url);
        if (!db) {
            state.SkipWithError(qPrintable(db.error().message));
            return;
        }
        CityImporter importer(*db.value());
        state.ResumeTiming();
        auto report = importer.import(pack.value());
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
BENCHMARK(BM_PostgresImportDemoCity)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

} // namespace

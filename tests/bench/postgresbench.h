#pragma once

// The PostgreSQL side of the server benchmarks: a throwaway cluster with fsync on (as a city's
// store runs) and a new database on it.

#include "tests/support/pgcluster.h"

#include <QString>
#include <benchmark/benchmark.h>
#include <memory>

namespace civicdesk::bench {

// Starts `cluster` and makes a database on it: its URL, or empty once the benchmark has been
// skipped saying why (PostgreSQL missing, or the cluster would not start).
inline QString durablePostgres(benchmark::State &state, std::unique_ptr<test::PgCluster> &cluster)
{
    if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty()) {
        state.SkipWithError(qPrintable(why));
        return {};
    }
    cluster = std::make_unique<test::PgCluster>(true);
    const QString url = cluster->isRunning() ? cluster->createDatabase() : QString();
    if (url.isEmpty())
        state.SkipWithError(qPrintable(cluster->error()));
    return url;
}

} // namespace civicdesk::bench

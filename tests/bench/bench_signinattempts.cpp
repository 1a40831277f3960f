// The write every sign-in now costs: one attempt counted per client address and per user name in
// the central store (models/accounts/signinattempts.h), on SQLite and on PostgreSQL (fsync on),
// 2,000 attempts over 50 addresses and 20 names; the time of each count (p50/p99) beside the
// bare engine doing the same upserts as single statements in autocommit, without the
// transaction and without relaxing PostgreSQL's commit (the baseline), and their ratio.

#include "models/accounts/signinattempts.h"
#include "models/store/database.h"
#include "tests/bench/percentile.h"
#include "tests/bench/postgresbench.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace civicdesk;
using bench::percentile;

namespace {

constexpr int Attempts = 2000;

QList<SignInAttempts::Limit> limitsOf(int i)
{
    return {{SignInAttempts::addressKey(QStringLiteral("198.51.100.%1").arg(i % 50)), 1000000},
            {SignInAttempts::accountKey(QStringLiteral("agent.%1").arg(i % 20)), 1000000}};
}

void runCounts(benchmark::State &state, const QString &pathOrUrl)
{
    auto opened = Database::open(pathOrUrl);
    if (!opened) {
        state.SkipWithError(qPrintable(opened.error().message));
        return;
    }
    Database &db = *opened.value();
    SignInAttempts attempts(db);
    QSqlQuery bare(QSqlDatabase::database(db.connectionName()));
    bare.prepare(QStringLiteral(
        "INSERT INTO signin_attempts(subject, started_at, attempts) VALUES(?, ?, 1) ON "
        "CONFLICT(subject) DO UPDATE SET attempts = signin_attempts.attempts + 1"));
    for (auto _ : state) {
        std::vector<double> counted;
        std::vector<double> baseline;
        QElapsedTimer timer;
        for (int i = 0; i < Attempts; ++i) {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            timer.start();
            if (!attempts.count(limitsOf(i), now, i % 500 == 0)) {
                state.SkipWithError("an attempt was not counted");
                return;
            }
            counted.push_back(double(timer.nsecsElapsed()) / 1e6);
            timer.start();
            for (const SignInAttempts::Limit &limit : limitsOf(i)) {
                bare.addBindValue(QString(u"bare " + limit.key));
                bare.addBindValue(now);
                if (!bare.exec()) {
                    state.SkipWithError("the bare upsert failed");
                    return;
                }
            }
            baseline.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        state.counters["count_p50_ms"] = percentile(counted, 0.5);
        state.counters["count_p99_ms"] = percentile(counted, 0.99);
        state.counters["bare_p50_ms"] = percentile(baseline, 0.5);
        state.counters["bare_p99_ms"] = percentile(baseline, 0.99);
        state.counters["p50_ratio"] =
            percentile(counted, 0.5) / std::max(percentile(baseline, 0.5), 1e-6);
    }
}

void BM_SignInAttemptsSqlite(benchmark::State &state)
{
    QTemporaryDir dir;
    runCounts(state, dir.filePath(QStringLiteral("attempts.sqlite")));
}

void BM_SignInAttemptsPostgres(benchmark::State &state)
{
    std::unique_ptr<test::PgCluster> cluster;
    if (const QString url = bench::durablePostgres(state, cluster); !url.isEmpty())
        runCounts(state, url);
}

} // namespace

BENCHMARK(BM_SignInAttemptsSqlite)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_SignInAttemptsPostgres)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

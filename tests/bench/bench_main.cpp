// civicdesk-bench: Google Benchmark with a QCoreApplication (Qt Sql loads its driver plugins
// through it). Prints its figures; pass --benchmark_filter=... to choose.

#include <QCoreApplication>
#include <benchmark/benchmark.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

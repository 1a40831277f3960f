// The map: time to first render with the demo city, and the time to replace the markers with
// 100,000 requests. This program has no GUI (a QCoreApplication), so each measurement runs
// build/bin/civicdesk-map-probe (tests/webengine/map_probe.cpp) on a store with the demo city
// imported, and reports the times the probe prints (manual time, milliseconds).

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <unistd.h>

using namespace civicdesk;

namespace {

// The demo city imported once into a temporary store (about ten seconds).
const QString &mapStorePath()
{
    static QTemporaryDir dir;
    static const QString path = [] {
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        if (!pack)
            qFatal("%s", qPrintable(pack.error().message));
        const QString file = dir.filePath(QStringLiteral("map.sqlite"));
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

// From showing the map panel on the demo store to the page reporting the city's basemap (nine
// layers, about 13 MB of GeoJSON) and the default request layer (open and in-progress
// requests, clustered) drawn.
void BM_MapFirstRender(benchmark::State &state)
{
    mapStorePath();
    for (auto _ : state) {
        QString error;
        const auto values = runProbe({QStringLiteral("--first-render")}, &error);
        if (!error.isEmpty()) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        state.SetIterationTime(values.value(QStringLiteral("first_render_ms")) / 1000.0);
        report(state, values);
    }
}
BENCHMARK(BM_MapFirstRender)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

// Replacing the markers with 100,000 located requests: encoding in C++, through the bridge,
// parsing and clustering in the page, until the page reports them drawn.
void BM_MapUpdate100k(benchmark::State &state)
{
    mapStorePath();
    for (auto _ : state) {
        QString error;
        const auto values =
            runProbe({QStringLiteral("--update"), QStringLiteral("100000")}, &error);
        if (!error.isEmpty()) {
            state.SkipWithError(qPrintable(error));
            return;
        }
        state.SetIterationTime(values.value(QStringLiteral("update_ms")) / 1000.0);
        report(state, values);
    }
}
BENCHMARK(BM_MapUpdate100k)
    ->Unit(benchmark::kMillisecond)
    ->UseManualTime()
    ->Iterations(1)
    ->Repetitions(3)
    ->ReportAggregatesOnly(true);

} // namespace

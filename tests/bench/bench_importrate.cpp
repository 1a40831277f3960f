// The city import's rate beside SQLite's own bulk load: CityImporter reads the demo pack (gzip
// CSV and JSON, checked row by row) into a new store; then the rows it wrote are loaded into
// another new store with the same schema (tables, indexes, triggers, R*Trees) by the sqlite3
// shell's .import, in one transaction, in the same run. Prints both rates and their ratio.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>

using namespace civicdesk;

namespace {

// The tables an import fills: ordinary tables and the R*Trees (the full-text indexes follow
// their tables through triggers on both sides), with their row counts.
QList<std::pair<QString, qint64>> filledTables(const Database &db)
{
    QSqlDatabase connection = QSqlDatabase::database(db.connectionName());
    QSqlQuery q(connection);
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                          "LIKE 'sqlite_%' AND name <> 'meta' AND (sql NOT LIKE 'CREATE "
                          "VIRTUAL%' OR sql LIKE '%USING rtree%') AND name NOT IN (SELECT "
                          "name FROM pragma_table_list WHERE type = 'shadow') ORDER BY rowid"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    QList<std::pair<QString, qint64>> tables;
    for (const QString &name : std::as_const(names)) {
        // Names from sqlite_master.
        q.exec(QStringLiteral("SELECT count(*) FROM \"%1\"").arg(name));
        if (q.next() && q.value(0).toLongLong() > 0)
            tables.append({name, q.value(0).toLongLong()});
    }
    return tables;
}

bool runSqlite(const QString &database, const QString &script, QString *error = nullptr)
{
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"), {QStringLiteral("-batch"), database});
    sqlite.write(script.toUtf8());
    sqlite.closeWriteChannel();
    sqlite.waitForFinished(-1);
    const QByteArray err = sqlite.readAllStandardError();
    if (error)
        *error = QString::fromUtf8(err);
    return sqlite.exitStatus() == QProcess::NormalExit && sqlite.exitCode() == 0 && err.isEmpty();
}

void BM_ImportRateVsSqliteImport(benchmark::State &state)
{
    auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
    if (!pack) {
        state.SkipWithError(qPrintable(pack.error().message));
        return;
    }
    double importerRate = 0, sqliteRate = 0;
    qint64 rows = 0;
    for (auto _ : state) {
        QTemporaryDir dir;
        const QString imported = dir.filePath(QStringLiteral("import.sqlite"));
        QList<std::pair<QString, qint64>> tables;
        double importerSeconds = 0;
        {
            auto db = Database::open(imported);
            CityImporter importer(*db.value());
            QElapsedTimer timer;
            timer.start();
            auto report = importer.import(pack.value());
            importerSeconds = double(timer.nsecsElapsed()) / 1e9;
            if (!report) {
                state.SkipWithError(qPrintable(report.error().message));
                return;
            }
            tables = filledTables(*db.value());
        }
        // The same rows as CSV files (not timed), and a new store with the same schema.
        state.PauseTiming();
        const QString baseline = dir.filePath(QStringLiteral("baseline.sqlite"));
        // Rows the schema itself puts in a new store (auth_epoch's one row, schema 26): not the
        // import's, so not loaded again (a table it adds to is emptied first).
        QHash<QString, qint64> seeded;
        if (auto db = Database::open(baseline); !db) {
            state.SkipWithError(qPrintable(db.error().message));
            return;
        } else {
            for (const auto &[table, count] : filledTables(*db.value()))
                seeded.insert(table, count);
        }
        rows = 0;
        QString load = QStringLiteral(".bail on\n.mode csv\nPRAGMA synchronous = NORMAL;\n"
                                      "BEGIN;\n");
        for (const auto &[table, count] : std::as_const(tables)) {
            if (seeded.value(table, -1) == count)
                continue;
            if (seeded.contains(table))
                load += QStringLiteral("DELETE FROM \"%1\";\n").arg(table);
            rows += count;
            const QString csv = dir.filePath(table + QStringLiteral(".csv"));
            QString error;
            if (!runSqlite(imported,
                           QStringLiteral(".headers off\n.mode csv\n.output %1\nSELECT * FROM "
                                          "\"%2\";\n")
                               .arg(csv, table),
                           &error)) {
                state.SkipWithError(qPrintable(error));
                return;
            }
            load += QStringLiteral(".import %1 %2\n").arg(csv, table);
        }
        load += QStringLiteral("COMMIT;\n");
        state.ResumeTiming();
        QElapsedTimer timer;
        timer.start();
        QString error;
        const bool loaded = runSqlite(baseline, load, &error);
        const double sqliteSeconds = double(timer.nsecsElapsed()) / 1e9;
        if (!loaded) {
            state.SkipWithError(qPrintable(error.left(500)));
            return;
        }
        importerRate = double(rows) / importerSeconds;
        sqliteRate = double(rows) / sqliteSeconds;
        std::printf("import %lld rows: CityImporter %.2f s (%.0f rows/s), sqlite3 .import "
                    "%.2f s (%.0f rows/s), ratio %.0f%%\n",
                    rows, importerSeconds, importerRate, sqliteSeconds, sqliteRate,
                    100.0 * importerRate / sqliteRate);
        std::fflush(stdout);
    }
    state.counters[QByteArrayLiteral("rows").constData()] = double(rows);
    state.counters[QByteArrayLiteral("importer_rows_per_s").constData()] = importerRate;
    state.counters[QByteArrayLiteral("sqlite_import_rows_per_s").constData()] = sqliteRate;
    state.counters[QByteArrayLiteral("ratio").constData()] =
        sqliteRate > 0 ? importerRate / sqliteRate : 0;
}

} // namespace

BENCHMARK(BM_ImportRateVsSqliteImport)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

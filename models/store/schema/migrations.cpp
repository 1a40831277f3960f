#include "models/store/schema/migrations.h"

#include "models/store/schema/migrationsteps.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QStringList>
#include <optional>

namespace civicdesk {

int Migrations::latestVersion()
{
    return int(migrations::all().size());
}

namespace {

// PostgreSQL keeps the schema version in a one-row table (SQLite: PRAGMA user_version); the
// numbers are the same on both.
const QString postgresVersionTable = QStringLiteral("schema_version");
// Taken while migrating a PostgreSQL store, so that server processes starting together migrate
// one after the other (the second finds the work done).
constexpr qint64 migrationLockKey = 8311001;

Status runStatement(QSqlQuery &query, const QString &statement, int version)
{
    if (auto s = sql::exec(query, statement); !s) {
        return makeError(QStringLiteral("storage.migration"),
                         QCoreApplication::translate("Storage",
                                                     "Upgrading the store to schema version %1 "
                                                     "failed; it is unchanged. %2")
                             .arg(version)
                             .arg(s.error().message));
    }
    return Ok{};
}

Status applyMigration(QSqlQuery &query, Dialect dialect, int version)
{
    static const QSet<QString> sqliteOnly = dialect::sqliteOnlyTables(migrations::all());
    for (const QString &statement : migrations::all().at(version - 1)) {
        if (dialect == Dialect::Sqlite) {
            if (auto s = runStatement(query, statement, version); !s)
                return s;
            continue;
        }
        auto translated = dialect::postgresStatements(statement, sqliteOnly);
        if (!translated)
            return translated.error();
        for (const QString &pg : translated.value()) {
            if (auto s = runStatement(query, pg, version); !s)
                return s;
        }
    }
    if (dialect == Dialect::Postgres)
        return sql::exec(query, QStringLiteral("UPDATE schema_version SET version = ?"), {version});
    // PRAGMA cannot take bind values; the version is an integer we produce ourselves.
    return sql::exec(query, QStringLiteral("PRAGMA user_version = %1").arg(version));
}

Error newerStore(int version)
{
    return makeError(QStringLiteral("storage.newer"),
                     QCoreApplication::translate("Storage",
                                                 "This store was written by a newer "
                                                 "CivicDesk (schema version %1; this "
                                                 "version reads up to %2). Update CivicDesk, "
                                                 "or open another store with --database.")
                         .arg(version)
                         .arg(Migrations::latestVersion()));
}

} // namespace

Result<int> Migrations::currentVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (dialect::of(db) == Dialect::Postgres) {
        if (auto s = sql::exec(query,
                               QStringLiteral("SELECT count(*) FROM information_schema.tables "
                                              "WHERE table_schema = current_schema() AND "
                                              "table_name = ?"),
                               {postgresVersionTable});
            !s)
            return s.error();
        if (!query.next() || query.value(0).toInt() == 0)
            return 0;
        if (auto s = sql::exec(query, QStringLiteral("SELECT max(version) FROM schema_version"));
            !s)
            return s.error();
        return query.next() ? query.value(0).toInt() : 0;
    }
    if (auto s = sql::exec(query, QStringLiteral("PRAGMA user_version")); !s)
        return s.error();
    if (!query.next())
        return sql::errorOf(query, QStringLiteral("PRAGMA user_version"));
    return query.value(0).toInt();
}

Status Migrations::migrate(QSqlDatabase &db, int target)
{
    if (target < 0)
        target = latestVersion();
    const Dialect dialect = dialect::of(db);
    QSqlQuery query(db);
    std::optional<sql::Transaction> transaction;
    if (dialect == Dialect::Postgres) {
        // Lock first, then read the version: a process that waited sees the other's work.
        transaction.emplace(db);
        if (auto s = transaction->begin(); !s)
            return s;
        if (auto s = sql::exec(query, QStringLiteral("SELECT pg_advisory_xact_lock(?)"),
                               {migrationLockKey});
            !s)
            return s;
        if (auto s = sql::exec(query, QStringLiteral("CREATE TABLE IF NOT EXISTS "
                                                     "schema_version(version BIGINT NOT NULL)"));
            !s)
            return s;
        if (auto s = sql::exec(query, QStringLiteral("INSERT INTO schema_version(version) SELECT "
                                                     "0 WHERE NOT EXISTS (SELECT 1 FROM "
                                                     "schema_version)"));
            !s)
            return s;
    }
    auto current = currentVersion(db);
    if (!current)
        return current.error();
    const int from = current.value();
    if (from > latestVersion())
        return newerStore(from);
    if (from >= target)
        return transaction ? transaction->commit() : Status(Ok{});
    if (!transaction) {
        transaction.emplace(db);
        if (auto s = transaction->begin(); !s)
            return s;
    }
    for (int version = from + 1; version <= target; ++version) {
        if (auto s = applyMigration(query, dialect, version); !s)
            return s;
    }
    if (auto s = transaction->commit(); !s)
        return s;
    qCInfo(lcStorage) << "store migrated from schema" << from << "to" << target;
    return Ok{};
}

} // namespace civicdesk

#pragma once

#include "models/domain/result.h"
#include "models/store/storechanges.h"

#include <QString>
#include <memory>

namespace civicdesk {

// The SQL dialect behind a store. Storage-internal: code outside models/storage never needs it.
enum class Dialect
{
    Sqlite,
    Postgres
};

// One store on one named Qt Sql connection, used from the thread that opened it: an SQLite file
// (the workstation's local replica, or a one-site server) or a PostgreSQL database (the city's
// central store). Opening applies the migrations (and, on SQLite, WAL and foreign keys); a store
// written by a newer CivicDesk is refused with a clear message.
class Database
{
public:
    // `pathOrUrl` is an SQLite file path, ":memory:", or
    // postgresql://user:password@host:port/dbname (percent-encoded parts are decoded).
    static Result<std::unique_ptr<Database>> open(const QString &pathOrUrl);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // The file path, or the PostgreSQL URL without its password (safe to log).
    QString path() const { return m_path; }
    Dialect dialect() const { return m_dialect; }
    QString connectionName() const { return m_connectionName; }
    int schemaVersion() const;
    // A PostgreSQL store whose server went away and came back: opens a fresh connection (the
    // statements kept for the old one are dropped). SQLite: nothing to do.
    Status reconnect();

    QString meta(const QString &key) const;
    Status setMeta(const QString &key, const QString &value);

    // This workstation's request-number device code, made once and kept in the store.
    Result<QString> deviceCode();

    // The one "applied" signal of this store: every committed change is told here.
    StoreChanges &changes() const { return *m_changes; }

private:
    Database(QString path, QString connectionName, Dialect dialect);
    static Result<std::unique_ptr<Database>> openSqlite(const QString &path);
    static Result<std::unique_ptr<Database>> openPostgres(const QString &url);
    QString m_path;
    QString m_connectionName;
    Dialect m_dialect;
    std::unique_ptr<StoreChanges> m_changes = std::make_unique<StoreChanges>();
};

} // namespace civicdesk

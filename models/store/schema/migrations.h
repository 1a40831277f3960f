#pragma once

#include "models/domain/result.h"

#include <QString>

class QSqlDatabase;

namespace civicdesk {

// Numbered schema migrations, written in SQLite and translated mechanically for PostgreSQL (see
// dialect.h). The schema version is SQLite's PRAGMA user_version, or the one-row table
// schema_version on PostgreSQL. All pending migrations run in one transaction: either the store
// reaches the target version or it is left exactly as it was. On PostgreSQL an advisory lock
// keeps two server processes starting together from migrating at the same time.
class Migrations
{
public:
    static int latestVersion();
    // Migrates `db` from its current version up to `target` (default: latest). Refuses a store
    // whose version is newer than this build knows.
    static Status migrate(QSqlDatabase &db, int target = -1);
    static Result<int> currentVersion(QSqlDatabase &db);
};

} // namespace civicdesk

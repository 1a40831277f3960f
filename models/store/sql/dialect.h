#pragma once

// Private to storage: what differs between SQLite and PostgreSQL, in one place.

#include "models/domain/result.h"
#include "models/store/database.h"

#include <QSet>
#include <QStringList>

class QSqlDatabase;
class QSqlQuery;

namespace civicdesk::dialect {

Dialect of(const QSqlDatabase &db);
Dialect of(const QSqlQuery &query);

// Tables that exist only on SQLite: FTS5, fts5vocab and R*Tree virtual tables, named by the
// CREATE VIRTUAL TABLE statements among `statements`.
QSet<QString> sqliteOnlyTables(const QList<QStringList> &statements);

// The PostgreSQL form of one SQLite migration statement, by mechanical translation:
// INTEGER -> BIGINT (times are milliseconds), REAL -> DOUBLE PRECISION, BLOB -> BYTEA, an
// INTEGER PRIMARY KEY (with or without AUTOINCREMENT) -> an identity column; triggers that
// RAISE(ABORT/FAIL/ROLLBACK, '...') or RAISE(IGNORE) become a PL/pgSQL function and trigger.
// Empty when the statement concerns only SQLite-only tables (it is skipped); an error when the
// statement has no known translation, so a new migration cannot be silently mistranslated.
Result<QStringList> postgresStatements(const QString &sqlite, const QSet<QString> &sqliteOnly);

} // namespace civicdesk::dialect

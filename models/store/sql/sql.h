#pragma once

// Private to storage: small helpers over Qt Sql. Prepared statements only.

#include "models/domain/result.h"

#include <QLoggingCategory>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace civicdesk::sql {

// Prepares and executes `statement` with positional bind values. A statement without values
// runs unprepared on PostgreSQL, whose PREPARE accepts only SELECT/INSERT/UPDATE/DELETE.
Status exec(QSqlQuery &query, const QString &statement, const QVariantList &values = {});
// Executes an already prepared query with new bind values. Booleans are bound as 0/1 (the
// columns are integers on both SQLite and PostgreSQL).
Status execPrepared(QSqlQuery &query, const QVariantList &values);
Error errorOf(const QSqlQuery &query, const QString &what);
// The integer `statement` (a count) answers; -1 when it fails or answers no row.
int count(const QSqlDatabase &db, const QString &statement, const QVariantList &values = {});
// Executes `statement` through a prepared query kept for the connection: prepared once per
// connection, reused afterwards (on PostgreSQL every fresh prepare costs extra round trips).
// For writes on hot paths (the projector); never for statements whose rows are read.
Status execCached(const QSqlDatabase &db, const QString &statement, const QVariantList &values);
// Like execCached() for a statement whose rows are read: its rows, each a list of its columns'
// values, read whole before the kept query is finished (so the caller may run it again at once).
Result<QList<QVariantList>> rowsCached(const QSqlDatabase &db, const QString &statement,
                                       const QVariantList &values);
// Drops the kept queries of a connection; the store calls it before closing the connection.
void forgetCachedQueries(const QString &connectionName);

// Rolls back unless committed: every multi-statement write goes through one of these. On SQLite
// it begins IMMEDIATE (the write lock is taken at once, so two writers never deadlock on an
// upgrade from reading); on PostgreSQL a plain BEGIN. Begun while another Transaction of this
// thread is open on the same connection, it is a savepoint inside that one: its commit keeps
// its changes for the outer commit, its rollback undoes only its own.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    Status begin();
    Status commit();

private:
    QSqlDatabase m_db;
    bool m_open = false;
    int m_depth = 0; // 0: the outermost transaction; n: the savepoint at nesting level n
};

// Inserts rows of one table: on PostgreSQL `batchSize` rows per statement (one round trip per
// batch), on SQLite one row per execution of one prepared statement (already fast in-process).
// `head` is "INSERT INTO table(columns)", `tail` an optional "ON CONFLICT ..." clause. When
// `keyColumn` is given, a row whose key is already in the pending batch flushes the batch
// first, so an upsert sees rows in file order as a row-at-a-time insert would.
class BatchInsert
{
public:
    BatchInsert(QSqlDatabase db, QString head, int columns, QString tail = {}, int keyColumn = -1,
                int batchSize = 250);
    // `line` names the row's source line: a failing batch reports its first line.
    Status add(const QVariantList &row, qint64 line);
    Status flush();
    qint64 failedLine() const { return m_firstLine; }

private:
    QString statement(int rows) const;
    QSqlDatabase m_db;
    QSqlQuery m_full;
    QString m_head, m_tail;
    int m_columns, m_keyColumn, m_batchSize;
    bool m_prepared = false;
    QVariantList m_values;
    QSet<QString> m_keys;
    qint64 m_firstLine = 0;
    int m_rows = 0;
};

QVariant nullable(const QString &text);
// Empty text as '' (never NULL), for NOT NULL text columns.
QString text(const QString &value);
QVariant epoch(const QDateTime &time);
QDateTime fromEpoch(const QVariant &value);

} // namespace civicdesk::sql

#pragma once

// Private to storage: small helpers over Qt Sql. Prepared statements only.

#include "domain/result.h"

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace civicdesk::sql {

// Prepares and executes `statement` with positional bind values.
Status exec(QSqlQuery &query, const QString &statement, const QVariantList &values = {});
// Executes an already prepared query with new bind values.
Status execPrepared(QSqlQuery &query, const QVariantList &values);
Error errorOf(const QSqlQuery &query, const QString &what);

// Rolls back unless committed: every multi-statement write goes through one of these.
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
};

QVariant nullable(const QString &text);
// Empty text as '' (never NULL), for NOT NULL text columns.
QString text(const QString &value);
QVariant epoch(const QDateTime &time);
QDateTime fromEpoch(const QVariant &value);

} // namespace civicdesk::sql

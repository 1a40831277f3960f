#include "models/store/sql/sql.h"

#include "models/store/sql/dialect.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlRecord>
#include <map>
#include <memory>

Q_LOGGING_CATEGORY(lcStorage, "civicdesk.storage")

namespace civicdesk::sql {

Error errorOf(const QSqlQuery &query, const QString &what)
{
    return makeError(QStringLiteral("storage.sql"),
                     QCoreApplication::translate("Storage", "%1 failed: %2")
                         .arg(what, query.lastError().text()));
}

Status execPrepared(QSqlQuery &query, const QVariantList &values)
{
    for (int i = 0; i < values.size(); ++i) {
        const QVariant &value = values.at(i);
        query.bindValue(i,
                        value.typeId() == QMetaType::Bool ? QVariant(int(value.toBool())) : value);
    }
    if (!query.exec()) {
        qCWarning(lcStorage) << "query failed:" << query.lastQuery() << query.lastError().text();
        return errorOf(query, query.lastQuery().simplified().left(60));
    }
    return Ok{};
}

Status exec(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    if (values.isEmpty() && dialect::of(query) == Dialect::Postgres) {
        if (!query.exec(statement)) {
            qCWarning(lcStorage) << "query failed:" << statement << query.lastError().text();
            return errorOf(query, statement.simplified().left(60));
        }
        return Ok{};
    }
    if (!query.prepare(statement)) {
        qCWarning(lcStorage) << "prepare failed:" << statement << query.lastError().text();
        return errorOf(query, statement.simplified().left(60));
    }
    return execPrepared(query, values);
}

namespace {

// Kept queries per connection and statement. A connection is used by the thread that opened
// it only, so each thread has its own table.
using QueryCache = std::map<QString, std::map<QString, std::unique_ptr<QSqlQuery>>>;
QueryCache &queryCache()
{
    thread_local QueryCache cache;
    return cache;
}

} // namespace

int count(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (exec(query, statement, values) && query.next())
        return query.value(0).toInt();
    return -1;
}

namespace {

// The kept query of `statement` on the connection, prepared the first time.
Result<QSqlQuery *> keptQuery(const QSqlDatabase &db, const QString &statement)
{
    auto &queries = queryCache()[db.connectionName()];
    auto found = queries.find(statement);
    if (found == queries.end()) {
        auto query = std::make_unique<QSqlQuery>(db);
        query->setForwardOnly(true);
        if (!query->prepare(statement)) {
            qCWarning(lcStorage) << "prepare failed:" << statement << query->lastError().text();
            return errorOf(*query, statement.simplified().left(60));
        }
        found = queries.emplace(statement, std::move(query)).first;
    }
    return found->second.get();
}

} // namespace

Status execCached(const QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    auto query = keptQuery(db, statement);
    if (!query)
        return query.error();
    Status status = execPrepared(*query.value(), values);
    query.value()->finish();
    return status;
}

Result<QList<QVariantList>> rowsCached(const QSqlDatabase &db, const QString &statement,
                                       const QVariantList &values)
{
    auto query = keptQuery(db, statement);
    if (!query)
        return query.error();
    QSqlQuery &q = *query.value();
    if (auto s = execPrepared(q, values); !s) {
        q.finish();
        return s.error();
    }
    QList<QVariantList> rows;
    const int columns = q.record().count();
    while (q.next()) {
        QVariantList row;
        row.reserve(columns);
        for (int i = 0; i < columns; ++i)
            row.append(q.value(i));
        rows.append(row);
    }
    q.finish();
    return rows;
}

void forgetCachedQueries(const QString &connectionName)
{
    queryCache().erase(connectionName);
}

namespace {

// Transactions open per connection on this thread (a connection is used by one thread only).
int &openTransactions(const QString &connectionName)
{
    thread_local std::map<QString, int> open;
    return open[connectionName];
}

QString savepoint(int depth)
{
    return QStringLiteral("nested_%1").arg(depth);
}

} // namespace

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db)) {}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    --openTransactions(m_db.connectionName());
    QSqlQuery query(m_db);
    if (m_depth > 0) {
        if (!query.exec(u"ROLLBACK TO SAVEPOINT " + savepoint(m_depth)) ||
            !query.exec(u"RELEASE SAVEPOINT " + savepoint(m_depth)))
            qCWarning(lcStorage) << "rollback to savepoint failed:" << query.lastError().text();
        return;
    }
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStorage) << "rollback failed:" << query.lastError().text();
}

Status Transaction::begin()
{
    int &open = openTransactions(m_db.connectionName());
    QSqlQuery query(m_db);
    const QString statement = open > 0 ? QString(u"SAVEPOINT " + savepoint(open))
                              : dialect::of(m_db) == Dialect::Postgres
                                  ? QStringLiteral("BEGIN")
                                  : QStringLiteral("BEGIN IMMEDIATE");
    if (!query.exec(statement)) {
        return makeError(QStringLiteral("storage.transaction"),
                         QCoreApplication::translate("Storage", "cannot start a transaction: %1")
                             .arg(query.lastError().text()));
    }
    m_depth = open++;
    m_open = true;
    return Ok{};
}

Status Transaction::commit()
{
    QSqlQuery query(m_db);
    if (!query.exec(m_depth > 0 ? QString(u"RELEASE SAVEPOINT " + savepoint(m_depth))
                                : QStringLiteral("COMMIT"))) {
        return makeError(QStringLiteral("storage.transaction"),
                         QCoreApplication::translate("Storage", "cannot commit: %1")
                             .arg(query.lastError().text()));
    }
    --openTransactions(m_db.connectionName());
    m_open = false;
    return Ok{};
}

BatchInsert::BatchInsert(QSqlDatabase db, QString head, int columns, QString tail, int keyColumn,
                         int batchSize)
    : m_db(db), m_full(db), m_head(std::move(head)), m_tail(std::move(tail)), m_columns(columns),
      m_keyColumn(keyColumn),
      m_batchSize(dialect::of(db) == Dialect::Postgres ? std::max(1, batchSize) : 1)
{
}

QString BatchInsert::statement(int rows) const
{
    const QString row = u'(' + QStringList(m_columns, QStringLiteral("?")).join(u", ") + u')';
    QString text = m_head + u" VALUES" + QStringList(rows, row).join(u", ");
    if (!m_tail.isEmpty())
        text += u' ' + m_tail;
    return text;
}

Status BatchInsert::add(const QVariantList &row, qint64 line)
{
    Q_ASSERT(row.size() == m_columns);
    if (m_keyColumn >= 0) {
        const QString key = row.at(m_keyColumn).toString();
        if (m_keys.contains(key)) {
            if (auto s = flush(); !s)
                return s;
        }
        m_keys.insert(key);
    }
    if (m_rows == 0)
        m_firstLine = line;
    m_values += row;
    if (++m_rows == m_batchSize)
        return flush();
    return Ok{};
}

Status BatchInsert::flush()
{
    if (m_rows == 0)
        return Ok{};
    Status status = Ok{};
    if (m_rows == m_batchSize) {
        if (!m_prepared && !m_full.prepare(statement(m_rows)))
            return errorOf(m_full, m_head.left(60));
        m_prepared = true;
        status = execPrepared(m_full, m_values);
    } else {
        QSqlQuery partial(m_db);
        status = exec(partial, statement(m_rows), m_values);
    }
    m_values.clear();
    m_keys.clear();
    m_rows = 0;
    return status;
}

QVariant nullable(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QVariant epoch(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toSecsSinceEpoch()) : QVariant();
}

QDateTime fromEpoch(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace civicdesk::sql

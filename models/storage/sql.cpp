#include "storage/sql.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>

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
    for (int i = 0; i < values.size(); ++i)
        query.bindValue(i, values.at(i));
    if (!query.exec()) {
        qCWarning(lcStorage) << "query failed:" << query.lastQuery() << query.lastError().text();
        return errorOf(query, query.lastQuery().simplified().left(60));
    }
    return Ok{};
}

Status exec(QSqlQuery &query, const QString &statement, const QVariantList &values)
{
    if (!query.prepare(statement)) {
        qCWarning(lcStorage) << "prepare failed:" << statement << query.lastError().text();
        return errorOf(query, statement.simplified().left(60));
    }
    return execPrepared(query, values);
}

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db)) {}

Transaction::~Transaction()
{
    if (m_open && !m_db.rollback())
        qCWarning(lcStorage) << "rollback failed:" << m_db.lastError().text();
}

Status Transaction::begin()
{
    if (!m_db.transaction()) {
        return makeError(QStringLiteral("storage.transaction"),
                         QCoreApplication::translate("Storage", "cannot start a transaction: %1")
                             .arg(m_db.lastError().text()));
    }
    m_open = true;
    return Ok{};
}

Status Transaction::commit()
{
    if (!m_db.commit()) {
        return makeError(QStringLiteral("storage.transaction"),
                         QCoreApplication::translate("Storage", "cannot commit: %1")
                             .arg(m_db.lastError().text()));
    }
    m_open = false;
    return Ok{};
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

#include "tests/support/storewritelock.h"

#include "models/store/database.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace civicdesk::test {

StoreWriteLock::StoreWriteLock(const QString &pathOrUrl)
{
    auto store = Database::open(pathOrUrl);
    if (!store) {
        m_error = store.error().message;
        return;
    }
    m_store = std::move(store.value());
    const bool postgres = m_store->dialect() == Dialect::Postgres;
    for (const QString &statement :
         postgres ? QStringList{QStringLiteral("BEGIN"),
                                QStringLiteral("SELECT pg_advisory_xact_lock(8311)"),
                                // Sign-ins, sign-outs, accounts and request numbers: writes
                                // wait, reads go on.
                                QStringLiteral("LOCK TABLE users, sessions, auth_epoch, meta IN "
                                               "SHARE ROW EXCLUSIVE MODE")}
                  : QStringList{QStringLiteral("BEGIN IMMEDIATE")}) {
        QSqlQuery query(QSqlDatabase::database(m_store->connectionName()));
        if (!query.exec(statement)) {
            m_error = query.lastError().text();
            return;
        }
    }
    m_held = true;
}

StoreWriteLock::~StoreWriteLock()
{
    release();
}

void StoreWriteLock::release()
{
    if (!m_held)
        return;
    QSqlQuery query(QSqlDatabase::database(m_store->connectionName()));
    query.exec(QStringLiteral("ROLLBACK"));
    m_held = false;
}

} // namespace civicdesk::test

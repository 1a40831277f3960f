#include "models/accounts/signinattempts.h"

#include "models/accounts/accountstore.h"
#include "models/accounts/credentials.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <algorithm>

namespace civicdesk {

QString SignInAttempts::addressKey(const QString &address)
{
    return u"address " + address;
}

QString SignInAttempts::accountKey(const QString &userName)
{
    if (AccountStore::checkUserName(userName))
        return u"account " + userName;
    return u"account #" + credentials::sha256Hex(userName);
}

Result<SignInAttempts::Verdict> SignInAttempts::count(const QList<Limit> &limits, qint64 nowMs,
                                                      bool prune)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    if (m_database.dialect() == Dialect::Postgres) {
        QSqlQuery query(db);
        if (auto s = sql::exec(query, QStringLiteral("SET LOCAL synchronous_commit TO OFF")); !s)
            return s.error();
    }
    const qint64 over = nowMs - WindowMs; // a window that started by then is over
    if (prune) {
        if (auto s = sql::execCached(
                db, QStringLiteral("DELETE FROM signin_attempts WHERE started_at <= ?"), {over});
            !s)
            return s.error();
    }
    // The row's old values on the right of every SET (both stores): a window over starts again
    // with this attempt, otherwise the attempt is added to it.
    static const QString upsert =
        QStringLiteral("INSERT INTO signin_attempts(subject, started_at, attempts) VALUES(?, ?, 1) "
                       "ON CONFLICT(subject) DO UPDATE SET "
                       "attempts = CASE WHEN signin_attempts.started_at <= ? THEN 1 "
                       "ELSE signin_attempts.attempts + 1 END, "
                       "started_at = CASE WHEN signin_attempts.started_at <= ? THEN ? "
                       "ELSE signin_attempts.started_at END "
                       "RETURNING attempts, started_at");
    Verdict verdict;
    for (int i = 0; i < limits.size() && verdict.allowed(); ++i) {
        auto rows = sql::rowsCached(db, upsert, {limits.at(i).key, nowMs, over, over, nowMs});
        if (!rows)
            return rows.error();
        if (rows.value().isEmpty()) // an upsert always returns its row: for the log only
            return makeError(QStringLiteral("storage.sql"),
                             QCoreApplication::translate("Storage", "%1 failed: %2")
                                 .arg(QStringLiteral("INSERT INTO signin_attempts"),
                                      QStringLiteral("no row returned")));
        const qint64 attempts = rows.value().constFirst().at(0).toLongLong();
        const qint64 startedAt = rows.value().constFirst().at(1).toLongLong();
        if (attempts > limits.at(i).perMinute) {
            verdict.refusedBy = i;
            const qint64 left = startedAt + WindowMs - nowMs;
            verdict.retryAfterSeconds = int(std::clamp<qint64>((left + 999) / 1000, 1, 60));
        }
    }
    if (auto s = transaction.commit(); !s)
        return s.error();
    return verdict;
}

} // namespace civicdesk

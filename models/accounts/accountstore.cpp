#include "models/accounts/accountstore.h"

#include "models/accounts/credentials.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(AccountStore)
};

// Verifying against this hash when the name is unknown takes as long as a real check, so the
// time of a failed sign-in does not tell whether the name exists.
const QString &decoyHash()
{
    static const QString hash = credentials::hashPassword(QStringLiteral("decoy password")).value();
    return hash;
}

Error lockedError(int seconds)
{
    return makeError(QStringLiteral("auth.locked"),
                     Text::tr("Too many failed sign-ins: this account is locked for %1 "
                              "seconds. Try again later or ask an administrator.")
                         .arg(seconds));
}

qint64 ms(const QDateTime &t)
{
    return t.toMSecsSinceEpoch();
}

QSqlDatabase connection(const Database &database)
{
    return QSqlDatabase::database(database.connectionName());
}

} // namespace

AccountStore::AccountStore(Database &database) : m_database(database)
{
    credentials::initialise();
}

Status AccountStore::checkUserName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{1,63}$"));
    if (!pattern.match(name).hasMatch())
        return makeError(QStringLiteral("validation"),
                         Text::tr("A user name is 2 to 64 characters: lower-case letters, "
                                  "digits, '.', '_' or '-', starting with a letter or digit."));
    return Ok{};
}

Status AccountStore::checkPassword(const QString &name, const QString &password)
{
    if (password.size() < MinPasswordLength)
        return makeError(
            QStringLiteral("validation"),
            Text::tr("A password needs at least %1 characters.").arg(MinPasswordLength));
    if (password.size() > 1024)
        return makeError(QStringLiteral("validation"),
                         Text::tr("A password may have at most 1024 characters."));
    if (password.compare(name, Qt::CaseInsensitive) == 0)
        return makeError(QStringLiteral("validation"),
                         Text::tr("The password must not be the user name."));
    return Ok{};
}

Status AccountStore::exists(const QString &name) const
{
    if (!user(name))
        return makeError(QStringLiteral("not_found"), Text::tr("No user named \"%1\".").arg(name));
    return Ok{};
}

Status AccountStore::addUser(const QString &name, AgentRole role, const QString &password)
{
    if (auto s = checkUserName(name); !s)
        return s;
    if (auto s = checkPassword(name, password); !s)
        return s;
    if (user(name))
        return makeError(QStringLiteral("conflict"),
                         Text::tr("A user named \"%1\" already exists; use --reset-password to "
                                  "change the password.")
                             .arg(name));
    auto hash = credentials::hashPassword(password);
    if (!hash)
        return hash.error();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QSqlQuery query(connection(m_database));
    return sql::exec(query,
                     QStringLiteral("INSERT INTO users(name, role, password_hash, created_at, "
                                    "updated_at) VALUES(?, ?, ?, ?, ?)"),
                     {name, agentRoleName(role), hash.value(), now, now});
}

Status AccountStore::resetPassword(const QString &name, const QString &password)
{
    if (auto s = exists(name); !s)
        return s;
    if (auto s = checkPassword(name, password); !s)
        return s;
    auto hash = credentials::hashPassword(password);
    if (!hash)
        return hash.error();
    sql::Transaction transaction(connection(m_database));
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(query,
                           QStringLiteral("UPDATE users SET password_hash = ?, failed_logins = 0, "
                                          "locked_until = 0, updated_at = ? WHERE name = ?"),
                           {hash.value(), QDateTime::currentMSecsSinceEpoch(), name});
        !s)
        return s;
    // A new password ends every session signed in with the old one.
    if (auto s = sql::exec(
            query, QStringLiteral("UPDATE sessions SET revoked = 1 WHERE user_name = ?"), {name});
        !s)
        return s;
    if (auto s = endCachedSessions(query); !s)
        return s;
    return transaction.commit();
}

Status AccountStore::setDisabled(const QString &name, bool disabled)
{
    if (auto s = exists(name); !s)
        return s;
    QSqlDatabase db = connection(m_database);
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery query(db);
    if (auto s = sql::exec(
            query, QStringLiteral("UPDATE users SET disabled = ?, updated_at = ? WHERE name = ?"),
            {disabled ? 1 : 0, QDateTime::currentMSecsSinceEpoch(), name});
        !s)
        return s;
    // Disabling ends every session: enabling the account later does not bring old tokens back.
    if (disabled) {
        if (auto s = sql::exec(
                query, QStringLiteral("UPDATE sessions SET revoked = 1 WHERE user_name = ?"),
                {name});
            !s)
            return s;
    }
    if (auto s = endCachedSessions(query); !s)
        return s;
    return transaction.commit();
}

Status AccountStore::setRole(const QString &name, AgentRole role)
{
    if (auto s = exists(name); !s)
        return s;
    QSqlDatabase db = connection(m_database);
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery query(db);
    if (auto s = sql::exec(
            query, QStringLiteral("UPDATE users SET role = ?, updated_at = ? WHERE name = ?"),
            {agentRoleName(role), QDateTime::currentMSecsSinceEpoch(), name});
        !s)
        return s;
    // Sessions carry the role: none may keep the old one.
    if (auto s = endCachedSessions(query); !s)
        return s;
    return transaction.commit();
}

QList<Account> AccountStore::users() const
{
    QList<Account> list;
    QSqlQuery query(connection(m_database));
    if (!sql::exec(query, QStringLiteral("SELECT name, role, disabled FROM users ORDER BY name")))
        return list;
    while (query.next())
        list.append(
            Account{query.value(0).toString(),
                    agentRoleFromName(query.value(1).toString()).value_or(AgentRole::Trainer),
                    query.value(2).toInt() != 0});
    return list;
}

std::optional<Account> AccountStore::user(const QString &name) const
{
    QSqlQuery query(connection(m_database));
    if (!sql::exec(query, QStringLiteral("SELECT name, role, disabled FROM users WHERE name = ?"),
                   {name}) ||
        !query.next())
        return std::nullopt;
    return Account{query.value(0).toString(),
                   agentRoleFromName(query.value(1).toString()).value_or(AgentRole::Trainer),
                   query.value(2).toInt() != 0};
}

int AccountStore::lockedSeconds(const QString &name, const QDateTime &now) const
{
    QSqlQuery query(connection(m_database));
    if (!sql::exec(query, QStringLiteral("SELECT locked_until FROM users WHERE name = ?"),
                   {name}) ||
        !query.next())
        return 0;
    const qint64 left = query.value(0).toLongLong() - ms(now);
    return left > 0 ? int((left + 999) / 1000) : 0;
}

Result<Session> AccountStore::signIn(const QString &name, const QString &password,
                                     const QString &device, const QDateTime &now)
{
    auto attempt = beginSignIn(name, now);
    if (!attempt)
        return attempt.error();
    return finishSignIn(attempt.value(), passwordMatches(attempt.value().hash, password), device,
                        now);
}

Result<AccountStore::SignInAttempt> AccountStore::beginSignIn(const QString &name,
                                                              const QDateTime &now) const
{
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT password_hash, locked_until FROM users "
                                          "WHERE name = ?"),
                           {name});
        !s)
        return s.error();
    if (!query.next())
        return SignInAttempt{name, decoyHash(), false};
    if (query.value(1).toLongLong() > ms(now))
        return lockedError(lockedSeconds(name, now));
    return SignInAttempt{name, query.value(0).toString(), true};
}

bool AccountStore::passwordMatches(const QString &hash, const QString &password)
{
    return credentials::verifyPassword(hash, password);
}

Result<Session> AccountStore::finishSignIn(const SignInAttempt &attempt, bool passwordMatched,
                                           const QString &device, const QDateTime &now)
{
    const Error invalid =
        makeError(QStringLiteral("auth.invalid"), Text::tr("Unknown user name or wrong password."));
    if (!attempt.known)
        return invalid;
    const QString &name = attempt.name;
    QSqlDatabase db = connection(m_database);
    QSqlQuery query(db);
    // Read again: other sign-ins of this account may have finished while the password was
    // checked (their failures count, a lock they caused holds).
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT role, password_hash, disabled, failed_logins, "
                                          "locked_until FROM users WHERE name = ?"),
                           {name});
        !s)
        return s.error();
    if (!query.next())
        return invalid;
    const auto role = agentRoleFromName(query.value(0).toString());
    const bool samePassword = query.value(1).toString() == attempt.hash;
    const bool disabled = query.value(2).toInt() != 0;
    const int failures = query.value(3).toInt();
    const qint64 lockedUntil = query.value(4).toLongLong();
    query.finish();
    if (lockedUntil > ms(now))
        return lockedError(lockedSeconds(name, now));
    if (!samePassword)
        return invalid; // reset while it was checked: the attempt was for the old password
    if (!passwordMatched) {
        const int count = failures + 1;
        const qint64 lock = count >= MaxFailedLogins ? ms(now) + LockSeconds * 1000LL : 0;
        if (auto s = sql::exec(query,
                               QStringLiteral("UPDATE users SET failed_logins = ?, locked_until = "
                                              "? WHERE name = ?"),
                               {lock ? 0 : count, lock, name});
            !s)
            return s.error();
        return invalid;
    }
    if (disabled)
        return makeError(QStringLiteral("auth.disabled"),
                         Text::tr("This account is disabled; ask an administrator."));
    if (!role)
        return invalid;
    Session session{credentials::randomToken(), name, *role, now.addSecs(SessionHours * 3600)};
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    if (auto s = sql::exec(query,
                           QStringLiteral("UPDATE users SET failed_logins = 0, locked_until = 0 "
                                          "WHERE name = ?"),
                           {name});
        !s)
        return s.error();
    // Sessions past their expiry by a day are of no use to anyone: keep the table small.
    if (auto s = sql::exec(query, QStringLiteral("DELETE FROM sessions WHERE expires_at < ?"),
                           {ms(now) - 24LL * 3600 * 1000});
        !s)
        return s.error();
    if (auto s = sql::exec(query,
                           QStringLiteral("INSERT INTO sessions(token_hash, user_name, device, "
                                          "created_at, expires_at) VALUES(?, ?, ?, ?, ?)"),
                           {credentials::sha256Hex(session.token), name, sql::text(device), ms(now),
                            ms(session.expiresAt)});
        !s)
        return s.error();
    if (auto s = transaction.commit(); !s)
        return s.error();
    return session;
}

Result<qint64> AccountStore::epoch() const
{
    if (m_epochRead.isValid() && m_epochRead.elapsed() < EpochCheckMs)
        return m_epoch;
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(query, QStringLiteral("SELECT epoch FROM auth_epoch WHERE id = 1")); !s)
        return s.error();
    const qint64 read = query.next() ? query.value(0).toLongLong() : 0;
    if (read != m_epoch)
        m_sessions.clear();
    m_epoch = read;
    m_epochRead.start();
    return m_epoch;
}

Status AccountStore::endCachedSessions(QSqlQuery &query)
{
    forgetCachedSessions();
    return sql::exec(query, QStringLiteral("UPDATE auth_epoch SET epoch = epoch + 1 WHERE id = 1"));
}

Result<std::optional<Session>> AccountStore::session(const QString &token,
                                                     const QDateTime &now) const
{
    if (token.isEmpty())
        return std::optional<Session>();
    const auto current = epoch();
    if (!current)
        return current.error();
    if (auto found = m_sessions.constFind(token); found != m_sessions.cend()) {
        if (found->epoch == current.value() && found->session.expiresAt > now)
            return std::optional<Session>(found->session);
        m_sessions.erase(found);
    }
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(
            query,
            QStringLiteral("SELECT s.user_name, u.role, s.expires_at FROM sessions s JOIN "
                           "users u ON u.name = s.user_name WHERE s.token_hash = ? AND "
                           "s.revoked = 0 AND s.expires_at > ? AND u.disabled = 0"),
            {credentials::sha256Hex(token), ms(now)});
        !s)
        return s.error();
    if (!query.next())
        return std::optional<Session>();
    const auto role = agentRoleFromName(query.value(1).toString());
    if (!role)
        return std::optional<Session>();
    const Session found{QString(), query.value(0).toString(), *role,
                        QDateTime::fromMSecsSinceEpoch(query.value(2).toLongLong(), Qt::UTC)};
    if (m_sessions.size() >= MaxCachedSessions)
        m_sessions.clear();
    m_sessions.insert(token, CachedSession{found, current.value()});
    return std::optional<Session>(found);
}

Status AccountStore::signOut(const QString &token)
{
    QSqlDatabase db = connection(m_database);
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery query(db);
    if (auto s =
            sql::exec(query, QStringLiteral("UPDATE sessions SET revoked = 1 WHERE token_hash = ?"),
                      {credentials::sha256Hex(token)});
        !s)
        return s;
    if (auto s = endCachedSessions(query); !s)
        return s;
    return transaction.commit();
}

Result<QString> AccountStore::createApiKey(const QString &label)
{
    const QString trimmed = label.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 100)
        return makeError(QStringLiteral("validation"),
                         Text::tr("An API key label is 1 to 100 characters, e.g. the name of the "
                                  "app or partner that will use it."));
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(
            query, QStringLiteral("SELECT revoked_at IS NULL FROM api_keys WHERE label = ?"),
            {trimmed});
        !s)
        return s.error();
    const bool known = query.next();
    if (known && query.value(0).toBool())
        return makeError(QStringLiteral("conflict"),
                         Text::tr("An API key labelled \"%1\" exists already; revoke it first or "
                                  "choose another label.")
                             .arg(trimmed));
    query.finish();
    // A revoked label may be issued again: the new key replaces the revoked one.
    const QString key = credentials::randomToken();
    if (auto s = sql::exec(
            query,
            known ? QStringLiteral("UPDATE api_keys SET key_hash = ?, created_at = ?, revoked_at = "
                                   "NULL WHERE label = ?")
                  : QStringLiteral("INSERT INTO api_keys(key_hash, created_at, label) "
                                   "VALUES(?, ?, ?)"),
            {credentials::sha256Hex(key), QDateTime::currentMSecsSinceEpoch(), trimmed});
        !s)
        return s.error();
    return key;
}

Status AccountStore::revokeApiKey(const QString &label)
{
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(query,
                           QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE label = ? AND "
                                          "revoked_at IS NULL"),
                           {QDateTime::currentMSecsSinceEpoch(), label.trimmed()});
        !s)
        return s;
    if (query.numRowsAffected() != 1)
        return makeError(QStringLiteral("not_found"),
                         Text::tr("No active API key labelled \"%1\".").arg(label.trimmed()));
    return Ok{};
}

Result<std::optional<QString>> AccountStore::apiKeyLabel(const QString &key) const
{
    if (key.isEmpty())
        return std::optional<QString>();
    QSqlQuery query(connection(m_database));
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT label FROM api_keys WHERE key_hash = ? AND "
                                          "revoked_at IS NULL"),
                           {credentials::sha256Hex(key)});
        !s)
        return s.error();
    if (!query.next())
        return std::optional<QString>();
    return std::optional<QString>(query.value(0).toString());
}

} // namespace civicdesk

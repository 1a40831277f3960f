#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <optional>

class QSqlQuery;

namespace civicdesk {

class Database;

struct Account
{
    QString name;
    AgentRole role = AgentRole::CallTaker;
    bool disabled = false;
};

struct Session
{
    QString token; // only set when the session is made; the store keeps its hash
    QString userName;
    AgentRole role = AgentRole::CallTaker;
    QDateTime expiresAt;
};

// The central store's people and keys. Passwords are kept as Argon2id hashes (libsodium, its
// "interactive" cost, a random salt per hash), compared in constant time; sign-in tokens and
// Open311 API keys are random 256-bit values of which only the SHA-256 is stored. Five failed
// sign-ins in a row lock an account for five minutes.
//
// Sessions found are kept in memory (a busy server checks the same tokens many times a second)
// while the store's sign-in epoch stands: every change that ends or alters sessions (sign-out,
// disabling, a new password, a new role) raises it in its own transaction, and empties this
// process's memory at once. Another process's change (the admin command line, a second server
// on the same PostgreSQL store) is seen when the epoch is next read: within EpochCheckMs.
class AccountStore
{
public:
    static constexpr int MaxFailedLogins = 5;
    static constexpr int LockSeconds = 300;
    static constexpr int SessionHours = 12;
    static constexpr int MinPasswordLength = 10;
    // How long the sign-in epoch read from the store is believed: the longest a session ended
    // by another process can still be answered from memory here.
    static constexpr int EpochCheckMs = 100;
    // Sessions kept in memory at most; beyond this the memory starts again.
    static constexpr int MaxCachedSessions = 20000;

    explicit AccountStore(Database &database);

    static Status checkUserName(const QString &name);
    static Status checkPassword(const QString &name, const QString &password);

    Status addUser(const QString &name, AgentRole role, const QString &password);
    Status resetPassword(const QString &name, const QString &password);
    Status setDisabled(const QString &name, bool disabled);
    Status setRole(const QString &name, AgentRole role);
    QList<Account> users() const;
    std::optional<Account> user(const QString &name) const;

    // Errors: auth.invalid (unknown name or wrong password: the same answer for both),
    // auth.locked (see lockedSeconds), auth.disabled.
    Result<Session> signIn(const QString &name, const QString &password, const QString &device,
                           const QDateTime &now);

    // signIn() in three steps, so that the costly password check can run on another thread:
    // beginSignIn reads the account (auth.locked, or a store error), passwordMatches checks
    // the password against the attempt's hash on any thread (an unknown name gets a decoy hash
    // that takes as long), finishSignIn records the outcome and makes the session.
    struct SignInAttempt
    {
        QString name;
        QString hash;
        bool known = false;
    };
    Result<SignInAttempt> beginSignIn(const QString &name, const QDateTime &now) const;
    static bool passwordMatches(const QString &hash, const QString &password);
    Result<Session> finishSignIn(const SignInAttempt &attempt, bool passwordMatched,
                                 const QString &device, const QDateTime &now);
    int lockedSeconds(const QString &name, const QDateTime &now) const;
    // The live session of a token: not expired, not signed out, its user not disabled; nothing
    // for any other token. An error only when the store could not be asked (a database outage
    // is not an unknown token: the caller answers 503 and the workstation keeps its session).
    Result<std::optional<Session>> session(const QString &token, const QDateTime &now) const;
    Status signOut(const QString &token);

    // A new key for `label`, returned once (errors when the label is taken).
    Result<QString> createApiKey(const QString &label);
    Status revokeApiKey(const QString &label);
    // The label of a valid (not revoked) key; an error only when the store could not be asked.
    Result<std::optional<QString>> apiKeyLabel(const QString &key) const;
    // Sessions kept in memory are forgotten and the epoch read again: another connection (the
    // store writer's) ended or changed sessions.
    void forgetCachedSessions() const
    {
        m_sessions.clear();
        m_epochRead.invalidate();
    }

private:
    Status exists(const QString &name) const;
    // The store's sign-in epoch, read again when older than EpochCheckMs (or an error when the
    // store cannot be asked).
    Result<qint64> epoch() const;
    // Raises the epoch (in the caller's transaction) and forgets the sessions kept here.
    Status endCachedSessions(QSqlQuery &query);
    struct CachedSession
    {
        Session session;
        qint64 epoch = 0;
    };
    Database &m_database;
    mutable QHash<QString, CachedSession> m_sessions; // by token
    mutable qint64 m_epoch = -1;
    mutable QElapsedTimer m_epochRead;
};

} // namespace civicdesk

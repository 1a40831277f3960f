#pragma once

#include "models/domain/result.h"

#include <QList>
#include <QString>

namespace civicdesk {

class Database;

// Sign-in attempts counted in the central store, so that every server process on one store
// (several behind nginx on PostgreSQL, or on one SQLite file) holds one limit per client address
// and per user name, not one each. A key's window is the minute from its first attempt in it
// (as each process counted before); the count and its start are one row, raised by one upsert
// that two processes cannot both read before the other wrote. A store that cannot be asked is an
// error for the caller to answer (503 with Retry-After): never "unlimited", never a wrong
// password.
//
// Cost: one transaction of at most two upserts a sign-in (and, once a minute, a delete of the
// windows long over); on PostgreSQL its commit does not wait for the WAL to reach the disk
// (synchronous_commit off for that transaction only): counts lost in a crash of the database
// only give a client back some attempts of one minute.
class SignInAttempts
{
public:
    static constexpr qint64 WindowMs = 60000;

    // One limited key ("address 198.51.100.7", accountKey("ana")) and its attempts a minute.
    struct Limit
    {
        QString key;
        int perMinute = 0;
    };
    // Which limit refused the attempt (an index into the limits counted; -1: none) and when
    // the client may try again.
    struct Verdict
    {
        int refusedBy = -1;
        int retryAfterSeconds = 0;
        bool allowed() const { return refusedBy < 0; }
    };

    explicit SignInAttempts(Database &database) : m_database(database) {}

    // The key of a client address, and of a user name (a name no account can have is kept as
    // its SHA-256, so a key is short whatever was typed).
    static QString addressKey(const QString &address);
    static QString accountKey(const QString &userName);

    // Counts one attempt against each limit in order, in one transaction, up to the first that
    // refuses it (the later ones are not counted); `prune` also deletes windows over.
    Result<Verdict> count(const QList<Limit> &limits, qint64 nowMs, bool prune = false);

private:
    Database &m_database;
};

} // namespace civicdesk

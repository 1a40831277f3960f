#pragma once

#include <QString>
#include <QTemporaryDir>

namespace civicdesk::test {

// A throwaway PostgreSQL 15 cluster for tests and benchmarks: initdb in a temporary folder (as
// the user "nobody" when running as root, since PostgreSQL refuses to run as root), password
// authentication on 127.0.0.1 only, a free port, pg_ctl start -w. Stopped and removed with the
// object, or by a watchdog if the program dies first. Starting costs seconds: share one per
// test program, one database per test.
class PgCluster
{
public:
    // Why PostgreSQL cannot be used here (its binaries are missing), or empty.
    static QString unavailableReason();

    // `durable` keeps fsync on (benchmarks); tests turn it off for speed.
    explicit PgCluster(bool durable = false);
    ~PgCluster();
    PgCluster(const PgCluster &) = delete;
    PgCluster &operator=(const PgCluster &) = delete;

    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    quint16 port() const { return m_port; }
    QString user() const { return QStringLiteral("civicdesk"); }
    QString password() const { return QStringLiteral("pg test pass/:@%"); }

    // A database outage and its end: the server stops (every connection is cut) and starts
    // again on the same port with the same data.
    bool stop();
    bool start();

    // A new empty database; returns its postgresql:// URL (empty, with error() set, on failure).
    QString createDatabase();
    // The URL of `database` with the given password (percent-encoded as a URL must be).
    QString url(const QString &database, const QString &password) const;

private:
    bool run(const QStringList &command);
    void watchOver(const QString &data);
    QTemporaryDir m_dir;
    QString m_error;
    quint16 m_port = 0;
    bool m_running = false;
    int m_databases = 0;
};

} // namespace civicdesk::test

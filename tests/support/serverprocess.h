#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <memory>

namespace civicdesk::test {

class PgCluster;

// The password of every user the server suites add unless they say otherwise.
inline QString testPassword()
{
    return QStringLiteral("correct horse battery");
}

// A store for the real civicdesk-server: an SQLite file, or a fresh database on a throwaway
// PostgreSQL cluster when CIVICDESK_TEST_BACKEND=postgres (the CTest registrations run each
// server suite once per backend). The cluster is shared by everything in one test program.
class ServerStore
{
public:
    ServerStore();
    ~ServerStore();
    static QString backend(); // "sqlite" or "postgres"
    // Empty when the store could not be made (then error() says why).
    QString url() const { return m_url; }
    QString error() const { return m_error; }
    // On PostgreSQL: the database server goes away (every connection cut) and comes back.
    // False on SQLite, which has no server to lose.
    bool interrupt();
    bool resume();

private:
    QTemporaryDir m_dir;
    QString m_url;
    QString m_error;
};

// A store for a server suite with tests/data/minipack imported by `executable` (the backend is
// logged); null, with the reason in `error`, when it cannot be made.
std::unique_ptr<ServerStore> miniCityServerStore(const QString &executable, QString *error);

class ServerProcess;
// Imports tests/data/minipack into the store of `server` (`civicdesk-server --import-city`).
bool importMiniCity(const ServerProcess &server, QString *error);

// An event as a workstation pushes it to the sync API, made now, with `id` (a new one when
// empty).
QJsonObject syncEvent(const QString &actor, const QString &entityType, const QString &entityId,
                      const QString &kind, const QJsonObject &payload, const QString &device,
                      const QString &id = {});
// A valid "request.created" event for the sync API (service RODENTACT at City Hall, opened now)
// with a new id, for pushes in tests and benchmarks; for the request `entityId` (a new one when
// empty).
QJsonObject requestCreatedEvent(const QString &actor, const QString &number,
                                const QString &device = QStringLiteral("BENCH"),
                                const QString &entityId = {});

// Runs civicdesk-server commands and the server itself on a store, and talks HTTP to it.
class ServerProcess
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        QJsonDocument json() const { return QJsonDocument::fromJson(body); }
        QByteArray header(const QByteArray &name) const;
    };

    ServerProcess(QString executable, QString database);
    ~ServerProcess();

    // One-shot command (import, --add-user...); returns exit code, stdout+stderr in `output`.
    int run(const QStringList &arguments, const QByteArray &input = {},
            QByteArray *output = nullptr) const;
    bool addUser(const QString &name, const QString &role,
                 const QString &password = testPassword());
    QString createApiKey(const QString &label);

    // Arguments added to the server's command line by start() (limits, proxies...).
    void setServerArguments(QStringList arguments) { m_serverArguments = std::move(arguments); }
    bool start(quint16 port = 0);
    qint64 processId() const { return m_process ? m_process->processId() : 0; }
    void terminate(); // SIGTERM, waits
    void kill();      // SIGKILL, waits
    QByteArray log(); // everything the server printed so far
    quint16 port() const { return m_port; }
    QString baseUrl() const;

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const QList<std::pair<QByteArray, QByteArray>> &headers = {},
                  int timeoutMs = 30000);
    Reply get(const QString &path, const QString &token = {});
    Reply postJson(const QString &path, const QJsonDocument &body, const QString &token = {});
    // Every event in the central store, by pulling from 0 with `token` (an admin's sees all).
    QList<QJsonObject> allEvents(const QString &token);
    // The sequence number of the newest event in the central store, as `token` pulls it.
    qint64 lastSeq(const QString &token);
    // Signs in and returns the token (empty on failure).
    QString login(const QString &name, const QString &password = testPassword());

private:
    QString m_executable;
    QString m_database;
    QStringList m_serverArguments;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    QNetworkAccessManager m_network;
};

} // namespace civicdesk::test

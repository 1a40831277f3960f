#pragma once

#include "tests/support/serverprocess.h"

#include <QHash>
#include <QStringList>
#include <memory>

namespace civicdesk::test {

// A user of the central store made by a suite: a name and a role ("call_taker", "admin"...).
struct ServerUser
{
    QString name;
    QString role;
};

// A started civicdesk-server for one suite: its store (an SQLite file, or a database on the
// throwaway PostgreSQL cluster when CIVICDESK_TEST_BACKEND=postgres), the fixture city when asked,
// its users, the server process on loopback and the tokens of the users signed in. Each step
// returns false with error() saying what failed; a suite checks it with QVERIFY2.
class ServerFixture
{
public:
    explicit ServerFixture(QString executable);
    ~ServerFixture(); // stops the server

    // Makes the store (logging the backend) and a server process on it, not yet started.
    bool open();
    // Imports tests/data/minipack with `civicdesk-server --import-city`.
    bool importMiniCity();
    bool addUsers(const QList<ServerUser> &users, const QString &password = testPassword());
    // Starts the server with `arguments` added; a running one is stopped first (then a new
    // process on the same store, as after a restart).
    bool start(const QStringList &arguments = {});
    // Signs `names` in and keeps their tokens (see token()).
    bool signIn(const QStringList &names, const QString &password = testPassword());

    // open(), importMiniCity() when `miniCity`, addUsers(), start(), and signIn() for `signedIn`.
    enum class City
    {
        None,
        Mini
    };
    bool setUp(const QList<ServerUser> &users, City city = City::None,
               const QStringList &signedIn = {});

    ServerStore &store() { return *m_store; }
    ServerProcess &server() { return *m_server; }
    QString storeUrl() const { return m_store ? m_store->url() : QString(); }
    QString baseUrl() const { return m_server ? m_server->baseUrl() : QString(); }
    QString token(const QString &name) const { return m_tokens.value(name); }
    QString error() const { return m_error; }
    void stop();

private:
    bool fail(const QString &why);

    QString m_executable;
    std::unique_ptr<ServerStore> m_store;
    std::unique_ptr<ServerProcess> m_server;
    QHash<QString, QString> m_tokens;
    QString m_error;
};

} // namespace civicdesk::test

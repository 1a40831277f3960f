#pragma once

// Sync suites with several workstations on one real civicdesk-server: the suite's server
// (ServerFixture: its store on SQLite or PostgreSQL, the fixture city when asked, its users)
// and workstations signed in to it, each on a network of its own (so each can go offline
// alone). Everything ends with the fixture, the workstations first.

#include "tests/support/serverfixture.h"
#include "tests/support/syncworkstation.h"

#include <QNetworkAccessManager>
#include <map>
#include <memory>
#include <vector>

namespace civicdesk::test {

class ServerDesks
{
public:
    explicit ServerDesks(QString executable) : m_fixture(std::move(executable)) {}
    ~ServerDesks() { stop(); }

    // The server started with `users` (every one with testPassword()); `signedIn` get tokens.
    bool setUp(const QList<ServerUser> &users, ServerFixture::City city = ServerFixture::City::None,
               const QStringList &signedIn = {})
    {
        return m_fixture.setUp(users, city, signedIn);
    }
    ServerFixture &fixture() { return m_fixture; }
    ServerProcess &server() { return m_fixture.server(); }
    QString error() const { return m_fixture.error(); }

    // A workstation of `user` checking its events as `role` does, its store holding `content`,
    // its sync engine started (long polls of 5 s); null when the sign-in fails.
    SyncWorkstation *signIn(const QString &device, const QString &user, AgentRole role,
                            TempStore::Content content = TempStore::Empty)
    {
        auto network = std::make_unique<QNetworkAccessManager>();
        auto ws = signedInWorkstation(*network, QUrl(m_fixture.baseUrl()), device, user,
                                      testPassword(), role, 5, content);
        if (!ws)
            return nullptr;
        SyncWorkstation *desk = ws.get();
        m_networks[desk] = std::move(network);
        m_desks.push_back(std::move(ws));
        return desk;
    }

    // The workstation's cable out (false) or back in (true).
    void setOnline(SyncWorkstation &desk, bool online)
    {
        test::setOnline(*m_networks.at(&desk), desk, online);
    }

    void stop()
    {
        m_desks.clear();
        m_networks.clear();
        m_fixture.stop();
    }

private:
    ServerFixture m_fixture;
    std::map<SyncWorkstation *, std::unique_ptr<QNetworkAccessManager>> m_networks;
    std::vector<std::unique_ptr<SyncWorkstation>> m_desks;
};

} // namespace civicdesk::test

#pragma once

// Sync suites with several workstations on one real civicdesk-server: a fresh store (SQLite or
// PostgreSQL, as CIVICDESK_TEST_BACKEND says; the fixture city imported when asked), the server
// started with its users, and workstations signed in to it, each on a network of its own (so
// each can go offline alone). Everything ends with the fixture, the workstations first.

#include "tests/support/serverprocess.h"
#include "tests/support/syncworkstation.h"

#include <QNetworkAccessManager>
#include <map>
#include <memory>
#include <vector>

namespace civicdesk::test {

class ServerDesks
{
public:
    static QString password() { return QStringLiteral("correct horse battery"); }

    ~ServerDesks() { stop(); }

    // `users`: name and role name ("supervisor", "call_taker", ...), every one with password().
    // False, with the reason in error(), when the store or the server cannot be had.
    bool start(const QString &executable, const QList<std::pair<QString, QString>> &users,
               bool miniCity = false)
    {
        if (miniCity) {
            m_store = miniCityServerStore(executable, &m_error);
            if (!m_store)
                return false;
        } else {
            m_store = std::make_unique<ServerStore>();
            if (m_store->url().isEmpty()) {
                m_error = u"no store: " + m_store->error();
                return false;
            }
        }
        m_server = std::make_unique<ServerProcess>(executable, m_store->url());
        for (const auto &[name, role] : users) {
            if (!m_server->addUser(name, role, password())) {
                m_error = u"cannot add " + name;
                return false;
            }
        }
        if (!m_server->start()) {
            m_error = QStringLiteral("the server did not start");
            return false;
        }
        return true;
    }

    QString error() const { return m_error; }
    ServerProcess &server() { return *m_server; }

    // A workstation of `user` checking its events as `role` does, its sync engine started;
    // null when the sign-in fails.
    SyncWorkstation *signIn(const QString &device, const QString &user, AgentRole role)
    {
        auto network = std::make_unique<QNetworkAccessManager>();
        auto ws = signedInWorkstation(*network, QUrl(m_server->baseUrl()), device, user, password(),
                                      role);
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
        if (m_server)
            m_server->terminate();
        m_server.reset();
    }

private:
    std::unique_ptr<ServerStore> m_store;
    std::unique_ptr<ServerProcess> m_server;
    std::map<SyncWorkstation *, std::unique_ptr<QNetworkAccessManager>> m_networks;
    std::vector<std::unique_ptr<SyncWorkstation>> m_desks;
    QString m_error;
};

} // namespace civicdesk::test

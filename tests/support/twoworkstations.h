#pragma once

// A supervisor's workstation and a call taker's, signed in to one real civicdesk-server: the
// set-up of the suites that follow work from one desk to the other through sync.

#include "tests/support/serverfixture.h"
#include "tests/support/syncworkstation.h"

#include <QNetworkAccessManager>
#include <memory>

namespace civicdesk::test {

class TwoWorkstations
{
public:
    // `server`: the civicdesk-server executable (a suite's CIVICDESK_SERVER).
    explicit TwoWorkstations(const QString &server) : m_fixture(server) {}

    // Starts the server with the users "sam" (supervisor) and "ana" (call taker), then signs in
    // sam's workstation SSSS2 and ana's AAAA3, each on its own network, each checking its own
    // events as its role does, engines started (long polls of 5 s), stores `content`. False,
    // with the reason in error(), when a step fails.
    bool setUp(TempStore::Content content = TempStore::Empty)
    {
        if (!m_fixture.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                              {QStringLiteral("ana"), QStringLiteral("call_taker")}})) {
            m_error = m_fixture.error();
            return false;
        }
        const QUrl server(m_fixture.baseUrl());
        m_supervisor =
            signedInWorkstation(m_networkA, server, QStringLiteral("SSSS2"), QStringLiteral("sam"),
                                testPassword(), AgentRole::Supervisor, 5, content);
        m_agent =
            signedInWorkstation(m_networkB, server, QStringLiteral("AAAA3"), QStringLiteral("ana"),
                                testPassword(), AgentRole::CallTaker, 5, content);
        if (!m_supervisor || !m_agent)
            m_error =
                QStringLiteral("a workstation could not sign in to %1").arg(server.toString());
        return m_supervisor && m_agent;
    }

    // Both workstations closed, then the server stopped.
    void tearDown()
    {
        m_supervisor.reset();
        m_agent.reset();
        m_fixture.stop();
    }

    SyncWorkstation &supervisor() { return *m_supervisor; }
    SyncWorkstation &agent() { return *m_agent; }
    ServerFixture &fixture() { return m_fixture; }
    QString error() const { return m_error; }

private:
    ServerFixture m_fixture;
    QNetworkAccessManager m_networkA;
    QNetworkAccessManager m_networkB;
    std::unique_ptr<SyncWorkstation> m_supervisor;
    std::unique_ptr<SyncWorkstation> m_agent;
    QString m_error;
};

} // namespace civicdesk::test

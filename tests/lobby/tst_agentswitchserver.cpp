// A shared counter PC switching agents through the real civicdesk-server (issue 18, item 6):
// the next agent's password and role are the central store's; a wrong password leaves the
// present agent's session as it was; the present agent's changes still in the outbox go first,
// under their own session (the store takes an event only from its actor's session), and a
// switch that cannot push them is refused; after the switch the sync carries on as the next
// agent, and the previous agent's session is over.

#include "app/workstation/agentswitch.h"
#include "models/supervision/helpflags.h"
#include "tests/support/serverfixture.h"
#include "tests/support/syncworkstation.h"

#include <QElapsedTimer>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

const QString password = testPassword();

} // namespace

class TestAgentSwitchServer : public QObject
{
    Q_OBJECT

    ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};

    ServerProcess &server() { return m_fixture.server(); }
    QNetworkAccessManager m_network;

    static Result<AgentSwitch::SignedIn> signIn(const AgentSwitch::Authenticate &authenticate,
                                                const QString &user, const QString &secret)
    {
        std::optional<Result<AgentSwitch::SignedIn>> answer;
        authenticate(user, secret, [&answer](Result<AgentSwitch::SignedIn> r) { answer = r; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 30000))
            return makeError(QStringLiteral("test"), QStringLiteral("no answer in 30 s"));
        return *answer;
    }

    // The actors of the store's help flags, as an admin reads the log.
    QStringList helpFlagActors(const QString &adminToken)
    {
        QStringList actors;
        for (const QJsonObject &e : server().allEvents(adminToken)) {
            if (e.value(u"kind").toString() == u"agent.help_requested")
                actors.append(e.value(u"actor").toString());
        }
        return actors;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_fixture.setUp({{QStringLiteral("ana"), QStringLiteral("call_taker")},
                                  {QStringLiteral("bob"), QStringLiteral("supervisor")},
                                  {QStringLiteral("root"), QStringLiteral("admin")}}),
                 qPrintable(m_fixture.error()));
    }

    void cleanupTestCase() { m_fixture.stop(); }

    void theNextAgentSignsInAfterThePresentAgentsChangesWent()
    {
        SyncWorkstation ws(m_network, QUrl(m_fixture.baseUrl()), QStringLiteral("CNTR1"),
                           QStringLiteral("ana"));
        ws.engine().setLongPollSeconds(2);
        QString why;
        QVERIFY2(test::signIn(ws, password, &why), qPrintable(why));
        const QString anasToken = ws.client().token();
        ws.events().setRole(AgentRole::CallTaker);
        const AgentSwitch::Authenticate authenticate =
            centralSignIn(m_network, ws.client(), &ws.engine(), ws.db(), 10000);

        // Ana's help flag waits in the outbox (no sync runs): a switch now is refused, and
        // Ana stays signed in.
        QVERIFY(HelpFlags(ws.db(), ws.events(), QStringLiteral("ana")).raise().ok());
        QCOMPARE(ws.engine().status().waiting, 1);
        auto refused = signIn(authenticate, QStringLiteral("bob"), password);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("switch.outbox"));
        QCOMPARE(ws.client().token(), anasToken);

        // A wrong password: refused by the store, Ana's session untouched.
        ws.engine().start();
        auto wrong = signIn(authenticate, QStringLiteral("bob"), QStringLiteral("not his"));
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, QStringLiteral("auth"));
        QCOMPARE(ws.client().token(), anasToken);

        // Bob signs in: the store says he is a supervisor; Ana's flag went first, under her
        // session; the sync goes on as Bob.
        QElapsedTimer switching;
        switching.start();
        auto bob = signIn(authenticate, QStringLiteral("bob"), password);
        qInfo("switch through the real server (sign-in, outbox pushed, token handed over): %lld ms",
              switching.elapsed());
        QVERIFY2(bob.ok(), qPrintable(bob ? QString() : bob.error().message));
        QCOMPARE(bob.value().name, QStringLiteral("bob"));
        QCOMPARE(bob.value().role, AgentRole::Supervisor);
        QVERIFY(ws.client().token() != anasToken);
        QCOMPARE(ws.engine().status().waiting, 0);
        ws.events().setRole(AgentRole::Supervisor);
        QVERIFY(HelpFlags(ws.db(), ws.events(), QStringLiteral("bob")).raise().ok());
        QTRY_COMPARE_WITH_TIMEOUT(ws.engine().status().waiting, 0, 20000);
        QCOMPARE(ws.engine().status().rejected, 0);
        const QString admin = server().login(QStringLiteral("root"), password);
        QVERIFY(!admin.isEmpty());
        QCOMPARE(helpFlagActors(admin),
                 (QStringList{QStringLiteral("ana"), QStringLiteral("bob")}));
        // Ana was signed out of the store.
        QTRY_COMPARE_WITH_TIMEOUT(
            server().get(QStringLiteral("/api/v1/events?after=0&limit=1"), anasToken).status, 401,
            10000);
    }
};

QTEST_MAIN(TestAgentSwitchServer)
#include "tst_agentswitchserver.moc"

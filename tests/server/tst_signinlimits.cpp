// Sign-in limits held by the store every server process shares (issue 13): two civicdesk-server
// processes on one store (a PostgreSQL database, or one SQLite file), each trusting the loopback
// proxy's X-Forwarded-For as behind nginx. A burst of sign-ins from one client address spread
// over both processes is refused at the limit with 429 and Retry-After (and after a restart), as
// is a burst at one account from many addresses; another address or account is not held up; and a
// database outage is a 503 with Retry-After, never a sign-in let through uncounted nor a wrong
// password.

#include "tests/support/rawhttp.h"
#include "tests/support/serverprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTest>
#include <memory>
#include <vector>

using namespace civicdesk;
using test::ServerProcess;

namespace {

constexpr int PerAddress = 4;
constexpr int PerAccount = 3;

// One sign-in as a workstation behind the proxy sends it: from `client` (X-Forwarded-For).
QByteArray signInRequest(const QString &name, const QByteArray &client)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("username"), name},
                                  {QStringLiteral("password"), test::testPassword()}})
            .toJson(QJsonDocument::Compact);
    return "POST /api/v1/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
           "X-Forwarded-For: " +
           client + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QJsonObject errorOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4))
        .object()
        .value(u"error")
        .toObject();
}

struct Attempt
{
    quint16 port;
    QString name;
    QByteArray client;
};

} // namespace

class TestSignInLimits : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::ServerStore> m_store;
    std::unique_ptr<ServerProcess> m_servers[2];

    quint16 port(int i) const { return m_servers[i % 2]->port(); }

    // Every attempt sent at once, each on its own connection; the answers in the same order.
    static QList<QByteArray> burst(const QList<Attempt> &attempts)
    {
        std::vector<std::unique_ptr<test::RawConnection>> connections;
        for (const Attempt &attempt : attempts) {
            connections.push_back(std::make_unique<test::RawConnection>(attempt.port));
            connections.back()->socket().write(signInRequest(attempt.name, attempt.client));
        }
        for (const auto &connection : connections)
            connection->socket().flush();
        QList<QByteArray> answers;
        for (const auto &connection : connections)
            answers.append(connection->response(60000));
        return answers;
    }

    // The 200s among `answers`; every other one must be the documented 429 whose message names
    // `limited` ("address", "account").
    static int signedIn(const QList<QByteArray> &answers, const QString &limited)
    {
        int ok = 0;
        for (const QByteArray &answer : answers) {
            if (test::statusOf(answer) == 200) {
                ++ok;
                continue;
            }
            if (test::statusOf(answer) != 429) {
                qWarning("%s", answer.constData());
                return -1;
            }
            const QJsonObject error = errorOf(answer);
            const int retryAfter = test::headerOf(answer, "Retry-After").toInt();
            if (error.value(u"code").toString() != u"rate_limited" ||
                !error.value(u"message").toString().contains(limited) || retryAfter < 1 ||
                retryAfter > 60) {
                qWarning("%s", answer.constData());
                return -1;
            }
        }
        return ok;
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::ServerStore>();
        QVERIFY2(!m_store->url().isEmpty(), qPrintable(m_store->error()));
        qInfo("backend %s", qPrintable(test::ServerStore::backend()));
        for (auto &server : m_servers) {
            server =
                std::make_unique<ServerProcess>(QStringLiteral(CIVICDESK_SERVER), m_store->url());
            // As civicdesk-server@.service runs behind nginx on the same machine.
            server->setServerArguments(
                {QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1,::1"),
                 QStringLiteral("--sign-ins-per-address"), QString::number(PerAddress),
                 QStringLiteral("--sign-ins-per-account"), QString::number(PerAccount)});
        }
        for (int i = 1; i <= 12; ++i)
            QVERIFY(m_servers[0]->addUser(QStringLiteral("desk.%1").arg(i, 2, 10, QLatin1Char('0')),
                                          QStringLiteral("call_taker")));
        for (const char *name : {"shared.account", "other.account", "after.outage"})
            QVERIFY(m_servers[0]->addUser(QString::fromLatin1(name), QStringLiteral("call_taker")));
        for (auto &server : m_servers)
            QVERIFY2(server->start(), server->log().constData());
    }

    void cleanupTestCase()
    {
        for (auto &server : m_servers) {
            if (server)
                server->terminate();
        }
    }

    // Each process counted the attempts it saw: two processes let twice the limit through.
    void aBurstFromOneAddressIsRefusedAtTheLimitOnEveryProcess()
    {
        // Ten workstations behind one address (each its own account), half to each process.
        QList<Attempt> attempts;
        for (int i = 1; i <= 10; ++i)
            attempts.append({port(i), QStringLiteral("desk.%1").arg(i, 2, 10, QLatin1Char('0')),
                             QByteArrayLiteral("198.51.100.7")});
        QCOMPARE(signedIn(burst(attempts), QStringLiteral("address")), PerAddress);
        // Sent again through either process, one by one: still refused.
        for (int i = 0; i < 2; ++i)
            QCOMPARE(signedIn(burst({{port(i), QStringLiteral("desk.11"), "198.51.100.7"}}),
                              QStringLiteral("address")),
                     0);
        // A process started again does not hand the address a fresh minute.
        m_servers[0]->terminate();
        QVERIFY2(m_servers[0]->start(), m_servers[0]->log().constData());
        QCOMPARE(signedIn(burst({{port(0), QStringLiteral("desk.11"), "198.51.100.7"}}),
                          QStringLiteral("address")),
                 0);
        // Another address behind the same proxy is not held up, on either process.
        for (int i = 0; i < 2; ++i)
            QCOMPARE(signedIn(burst({{port(i), QStringLiteral("desk.12"), "198.51.100.8"}}),
                              QStringLiteral("address")),
                     1);
    }

    // One account tried from many addresses, spread over both processes.
    void aBurstAtOneAccountIsRefusedAtTheLimitOnEveryProcess()
    {
        QList<Attempt> attempts;
        for (int i = 0; i < 8; ++i)
            attempts.append({port(i), QStringLiteral("shared.account"),
                             "203.0.113." + QByteArray::number(i + 1)});
        QCOMPARE(signedIn(burst(attempts), QStringLiteral("account")), PerAccount);
        for (int i = 0; i < 2; ++i)
            QCOMPARE(signedIn(burst({{port(i), QStringLiteral("shared.account"), "203.0.113.50"}}),
                              QStringLiteral("account")),
                     0);
        // Another account from the same addresses is not held up.
        QCOMPARE(signedIn(burst({{port(0), QStringLiteral("other.account"), "203.0.113.1"},
                                 {port(1), QStringLiteral("other.account"), "203.0.113.2"}}),
                          QStringLiteral("account")),
                 2);
    }

    // The count lives in the store: a store that cannot be reached is a 503 with Retry-After
    // (the workstation tries again), never a sign-in let through uncounted nor a 401.
    void anOutageIsA503NeitherUnlimitedNorAWrongPassword()
    {
        if (!m_store->interrupt())
            QSKIP("SQLite has no database server to lose");
        bool resumed = false;
        const auto resume = qScopeGuard([&] {
            if (!resumed)
                m_store->resume();
        });
        for (int i = 0; i < 4; ++i) {
            const QList<QByteArray> answers =
                burst({{port(i), QStringLiteral("after.outage"), "192.0.2.9"}});
            QCOMPARE(test::statusOf(answers.first()), 503);
            QCOMPARE(errorOf(answers.first()).value(u"code").toString(),
                     QStringLiteral("unavailable"));
            QVERIFY(test::headerOf(answers.first(), "Retry-After").toInt() > 0);
        }
        QVERIFY2(m_store->resume(), qPrintable(m_store->error()));
        resumed = true;
        // Back: the same client signs in on both processes (the attempts refused for the outage
        // were counted by each process alone, two each), and the shared limit holds again: two
        // of its four attempts counted in the store, two more pass.
        for (int i = 0; i < 2; ++i)
            QCOMPARE(signedIn(burst({{port(i), QStringLiteral("after.outage"), "192.0.2.9"}}),
                              QStringLiteral("address")),
                     1);
        QList<Attempt> more;
        for (int i = 0; i < 4; ++i)
            more.append({port(i), QStringLiteral("desk.%1").arg(i + 1, 2, 10, QLatin1Char('0')),
                         QByteArrayLiteral("192.0.2.9")});
        QCOMPARE(signedIn(burst(more), QStringLiteral("address")), PerAddress - 2);
    }
};

QTEST_GUILESS_MAIN(TestSignInLimits)
#include "tst_signinlimits.moc"

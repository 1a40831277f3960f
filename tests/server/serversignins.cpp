// tst_serverlimits: sign-ins under load on the real civicdesk-server — checked off the event
// loop with a bounded queue, X-Forwarded-For believed only from trusted proxies, and sign-ins
// limited per account as well as per address.

#include "tests/server/serverlimitssuite.h"

using namespace civicdesk;

// Argon2id ran on the event loop: during a burst of sign-ins a 0.5 ms GET waited for all.
void TestServerLimits::aSignInBurstDoesNotStallOtherRequests()
{
    QVERIFY(restart({QStringLiteral("--sign-ins-per-account"), QStringLiteral("100"),
                     QStringLiteral("--sign-in-workers"), QStringLiteral("2")}));
    constexpr int Burst = 50;
    std::vector<std::unique_ptr<RawConnection>> clients;
    for (int i = 0; i <= Burst; ++i) {
        clients.push_back(std::make_unique<RawConnection>(server().port()));
        QVERIFY(clients.back()->isOpen());
    }
    // Answers in the order they arrive; the GET is the last connection.
    QList<int> order;
    QList<QByteArray> answers(Burst + 1);
    QEventLoop loop;
    for (int i = 0; i <= Burst; ++i) {
        QTcpSocket *socket = &clients[i]->socket();
        QObject::connect(socket, &QTcpSocket::readyRead, &loop, [&, i, socket] {
            answers[i] += socket->readAll();
            if (responseLength(answers[i]) > 0 && !order.contains(i)) {
                order.append(i);
                if (order.size() == Burst + 1)
                    loop.quit();
            }
        });
    }
    for (int i = 0; i < Burst; ++i)
        clients[i]->socket().write(loginRequest(QStringLiteral("agent.b")));
    clients[Burst]->socket().write(servicesRequest());
    QTimer::singleShot(300000, &loop, &QEventLoop::quit);
    loop.exec();
    QCOMPARE(order.size(), Burst + 1);
    for (int i = 0; i < Burst; ++i) {
        QCOMPARE(statusOf(answers[i]), 200);
        QVERIFY(!bodyOf(answers[i]).value(u"token").toString().isEmpty());
    }
    QCOMPARE(statusOf(answers[Burst]), 200);
    QVERIFY2(order.indexOf(Burst) < Burst,
             qPrintable(QStringLiteral("the GET was answered after all %1 sign-ins").arg(Burst)));
}

void TestServerLimits::aFullSignInQueueIsA503()
{
    QVERIFY(restart({QStringLiteral("--sign-ins-per-account"), QStringLiteral("100"),
                     QStringLiteral("--sign-in-workers"), QStringLiteral("1"),
                     QStringLiteral("--sign-in-queue"), QStringLiteral("1")}));
    constexpr int Burst = 8;
    std::vector<std::unique_ptr<RawConnection>> clients;
    for (int i = 0; i < Burst; ++i) {
        clients.push_back(std::make_unique<RawConnection>(server().port()));
        QVERIFY(clients.back()->isOpen());
    }
    for (const auto &client : clients) {
        client->socket().write(loginRequest(QStringLiteral("agent.c")));
        client->socket().flush(); // all at once, not as each answer is awaited
    }
    int signedIn = 0;
    int busy = 0;
    for (const auto &client : clients) {
        const QByteArray answer = client->response();
        if (statusOf(answer) == 200) {
            ++signedIn;
        } else {
            QCOMPARE(statusOf(answer), 503);
            QCOMPARE(errorCode(answer), QStringLiteral("busy"));
            QVERIFY(headerOf(answer, "Retry-After").toInt() > 0);
            ++busy;
        }
    }
    QVERIFY2(busy > 0, "every sign-in was taken although one worker and one place wait");
    QVERIFY(signedIn >= 2);
    // Once the burst is through, sign-ins are taken again.
    QVERIFY(!server().login(QStringLiteral("agent.c")).isEmpty());
}

// Behind nginx the per-address limit counted the proxy: a whole centre refused.
void TestServerLimits::forwardedForIsBelievedOnlyFromTrustedProxies()
{
    const auto signIn = [this](const QByteArray &forwardedFor) {
        return server()
            .request(QByteArrayLiteral("POST"), QStringLiteral("/api/v1/login"),
                     loginBody(QStringLiteral("agent.a")),
                     {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                      {QByteArrayLiteral("X-Forwarded-For"), forwardedFor}})
            .status;
    };
    QVERIFY(restart({QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1, ::1"),
                     QStringLiteral("--sign-ins-per-address"), QStringLiteral("2"),
                     QStringLiteral("--sign-ins-per-account"), QStringLiteral("100")}));
    QCOMPARE(signIn("198.51.100.1"), 200);
    QCOMPARE(signIn("198.51.100.1"), 200);
    QCOMPARE(signIn("198.51.100.1"), 429);
    QCOMPARE(signIn("198.51.100.2"), 200); // another workstation behind the same proxy
    // The nearest address that is not a trusted proxy counts; what the client claimed
    // before it does not.
    QCOMPARE(signIn("203.0.113.9, 198.51.100.1"), 429);
    QCOMPARE(signIn("198.51.100.3, 127.0.0.1"), 200);

    // From a peer that is no trusted proxy the header is ignored: the peer's address counts
    // (one of its own: the suite's other sign-ins from 127.0.0.1 are counted in the store).
    QVERIFY(restart({QStringLiteral("--trusted-proxies"), QStringLiteral("10.1.2.3"),
                     QStringLiteral("--sign-ins-per-address"), QStringLiteral("2"),
                     QStringLiteral("--sign-ins-per-account"), QStringLiteral("100")}));
    const auto signInFromPeer = [this](const QByteArray &forwardedFor) {
        RawConnection client(server().port(), QHostAddress(QStringLiteral("127.0.0.9")));
        client.send(
            loginRequest(QStringLiteral("agent.a"), "X-Forwarded-For: " + forwardedFor + "\r\n"));
        return statusOf(client.response());
    };
    QCOMPARE(signInFromPeer("198.51.100.11"), 200);
    QCOMPARE(signInFromPeer("198.51.100.12"), 200);
    QCOMPARE(signInFromPeer("198.51.100.13"), 429);
}

void TestServerLimits::signInsAreLimitedPerAccount()
{
    // Accounts of this test's own: the store counts the suite's earlier sign-ins whatever the
    // process.
    QVERIFY(restart({QStringLiteral("--sign-ins-per-account"), QStringLiteral("3")}));
    for (int i = 0; i < 3; ++i)
        QVERIFY(!server().login(QStringLiteral("agent.d")).isEmpty());
    const auto refused =
        server().postJson(QStringLiteral("/api/v1/login"),
                          QJsonDocument::fromJson(loginBody(QStringLiteral("agent.d"))));
    QCOMPARE(refused.status, 429);
    QCOMPARE(refused.json()[u"error"][u"code"].toString(), QStringLiteral("rate_limited"));
    QVERIFY(refused.header("Retry-After").toInt() > 0);
    // Another account from the same address is not held up.
    QVERIFY(!server().login(QStringLiteral("agent.e")).isEmpty());
}

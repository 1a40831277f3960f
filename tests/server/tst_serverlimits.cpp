// The real civicdesk-server against hostile clients and load (SQLite or PostgreSQL,
// CIVICDESK_TEST_BACKEND): bodies refused from their head, bodies without a sign-in refused before
// they are read, chunked bodies counted as they arrive, slow heads and idle connections closed,
// "Connection: close" and HTTP/1.0 honoured, a connection cap that refuses cleanly and keeps
// serving signed-in workstations, limits validated. (Sign-ins: serversignins.cpp; the suite's
// class: serverlimitssuite.h.)

#include "tests/server/serverlimitssuite.h"

#include <QScopeGuard>
#include <algorithm>
#include <csignal>
#include <vector>

using namespace civicdesk;

void TestServerLimits::initTestCase()
{
    QVERIFY2(m_fixture.open() && m_fixture.importMiniCity() &&
                 m_fixture.addUsers({{QStringLiteral("agent.a"), QStringLiteral("call_taker")},
                                     {QStringLiteral("agent.b"), QStringLiteral("call_taker")},
                                     {QStringLiteral("agent.c"), QStringLiteral("call_taker")},
                                     {QStringLiteral("agent.d"), QStringLiteral("call_taker")},
                                     {QStringLiteral("agent.e"), QStringLiteral("call_taker")}}),
             qPrintable(m_fixture.error()));
}

void TestServerLimits::cleanupTestCase()
{
    m_fixture.stop();
}

// Four 256 MB bodies took the process to 2.9 GB: each was buffered whole before its 413.
void TestServerLimits::aBodyTooLongIsRefusedFromItsHead()
{
    QVERIFY(restart());
    for (const QByteArray &path :
         {QByteArrayLiteral("/api/v1/login"), QByteArrayLiteral("/open311/v2/requests.json")}) {
        RawConnection client(server().port());
        client.send("POST " + path +
                    " HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    "Content-Length: 268435456\r\n\r\n" +
                    QByteArray(64 * 1024, 'x'));
        const QByteArray answer = client.response();
        QCOMPARE(statusOf(answer), 413);
        QCOMPARE(headerOf(answer, "Connection"), QByteArrayLiteral("close"));
        if (path.startsWith("/api"))
            QCOMPARE(errorCode(answer), QStringLiteral("too_large"));
        else
            QCOMPARE(QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4))
                         .array()
                         .first()[u"code"]
                         .toInt(),
                     413);
        QVERIFY(client.closedWithin(10000));
    }
    // A sign-in is small: 100,000 bytes announced for one are refused as soon as announced.
    RawConnection signIn(server().port());
    signIn.send("POST /api/v1/login HTTP/1.1\r\nHost: test\r\nContent-Type: "
                "application/json\r\nContent-Length: 100000\r\n\r\n{");
    const QByteArray answer = signIn.response();
    QCOMPARE(statusOf(answer), 413);
    QVERIFY(bodyOf(answer).value(u"error")[u"message"].toString().contains(u"16384"));
    QVERIFY(signIn.closedWithin(10000));
    // The server goes on serving.
    QCOMPARE(server().get(QStringLiteral("/open311/v2/services.json")).status, 200);
}

void TestServerLimits::aBodyWithoutSignInIsRefusedBeforeItIsRead()
{
    QVERIFY(restart());
    for (const QByteArray &authorization :
         {QByteArray(), QByteArrayLiteral("Authorization: Bearer forged-token\r\n")}) {
        RawConnection client(server().port());
        // The head only: the 500,000 announced bytes never come.
        client.send("POST /api/v1/events HTTP/1.1\r\nHost: test\r\n" + authorization +
                    "Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n");
        const QByteArray answer = client.response();
        QCOMPARE(statusOf(answer), 401);
        QCOMPARE(errorCode(answer), QStringLiteral("unauthenticated"));
        QVERIFY(headerOf(answer, "WWW-Authenticate").startsWith("Bearer"));
        QVERIFY(client.closedWithin(10000));
    }
    // What a workstation with an expired token sees: the 401 it needs to ask for a sign-in,
    // although its batch is cut short.
    QJsonArray events;
    for (int i = 0; i < 200; ++i)
        events.append(QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString()},
                                  {QStringLiteral("padding"), QString(1000, u'p')}});
    const auto expired =
        server().postJson(QStringLiteral("/api/v1/events"),
                          QJsonDocument(QJsonObject{{QStringLiteral("events"), events}}),
                          QStringLiteral("expired-token"));
    QCOMPARE(expired.status, 401);
    QCOMPARE(expired.json()[u"error"][u"code"].toString(), QStringLiteral("unauthenticated"));
    // With a valid token the body is read and the batch judged as ever.
    const QString token = server().login(QStringLiteral("agent.a"));
    QVERIFY(!token.isEmpty());
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("events"), QJsonArray()}})
                                .toJson(QJsonDocument::Compact);
    RawConnection client(server().port());
    client.send("POST /api/v1/events HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " +
                token.toLatin1() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const QByteArray answer = client.response();
    QCOMPARE(statusOf(answer), 400); // an empty batch: the handler's own answer
    QCOMPARE(errorCode(answer), QStringLiteral("validation"));
    QVERIFY(client.isOpen());
}

void TestServerLimits::chunkedBodiesAreCountedAsTheyArrive()
{
    QVERIFY(restart());
    // A chunked sign-in within the limit is served.
    {
        const QByteArray body = loginBody(QStringLiteral("agent.a"));
        RawConnection client(server().port());
        client.send("POST /api/v1/login HTTP/1.1\r\nHost: test\r\nContent-Type: "
                    "application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                    QByteArray::number(body.size(), 16) + "\r\n" + body + "\r\n0\r\n\r\n");
        const QByteArray answer = client.response();
        QCOMPARE(statusOf(answer), 200);
        QVERIFY(!bodyOf(answer).value(u"token").toString().isEmpty());
    }
    // One without end is refused once its chunks pass the limit, not when it ends.
    RawConnection client(server().port());
    client.send("POST /api/v1/login HTTP/1.1\r\nHost: test\r\nContent-Type: "
                "application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const QByteArray chunk = "10000\r\n" + QByteArray(0x10000, 'x') + "\r\n";
    for (int i = 0; i < 17 && client.isOpen(); ++i)
        client.send(chunk);
    const QByteArray answer = client.response();
    QCOMPARE(statusOf(answer), 413);
    QCOMPARE(errorCode(answer), QStringLiteral("too_large"));
    QVERIFY(client.closedWithin(10000));
}

void TestServerLimits::slowHeadsAndIdleConnectionsAreClosed()
{
    QVERIFY(restart({QStringLiteral("--header-timeout"), QStringLiteral("1"),
                     QStringLiteral("--idle-timeout"), QStringLiteral("2")}));
    RawConnection silent(server().port());
    RawConnection slow(server().port());
    slow.send("GET /open311/v2/services.json HTTP/1.1\r\nHost: te");
    RawConnection idle(server().port());
    idle.send(servicesRequest());
    QCOMPARE(statusOf(idle.response()), 200);
    // A long-poll outlasting the idle time is not idle: it is answered, not cut.
    const QString token = server().login(QStringLiteral("agent.a"));
    QVERIFY(!token.isEmpty());
    RawConnection polling(server().port());
    polling.send("GET /api/v1/events?after=999999999&wait=4 HTTP/1.1\r\nHost: test\r\n"
                 "Authorization: Bearer " +
                 token.toLatin1() + "\r\n\r\n");

    QVERIFY(silent.closedWithin(20000));
    QVERIFY(slow.closedWithin(20000));
    QVERIFY(idle.closedWithin(20000));
    const QByteArray slowAnswer = slow.response(0);
    QCOMPARE(statusOf(slowAnswer), 408);
    const QByteArray polled = polling.response();
    QCOMPARE(statusOf(polled), 200);
    QVERIFY(bodyOf(polled).value(u"events").toArray().isEmpty());
}

void TestServerLimits::connectionCloseAndHttp10CloseAfterTheAnswer()
{
    QVERIFY(restart());
    RawConnection http10(server().port());
    http10.send(servicesRequest("HTTP/1.0"));
    QCOMPARE(statusOf(http10.response()), 200);
    QVERIFY(http10.closedWithin(10000));

    RawConnection closing(server().port());
    closing.send(servicesRequest("HTTP/1.1", "Connection: close\r\n"));
    QCOMPARE(statusOf(closing.response()), 200);
    QVERIFY(closing.closedWithin(10000));

    // Kept alive otherwise: a second request on the same connection is answered.
    RawConnection kept(server().port());
    kept.send(servicesRequest());
    QCOMPARE(statusOf(kept.response()), 200);
    kept.send(servicesRequest());
    QCOMPARE(statusOf(kept.response()), 200);
    QVERIFY(kept.isOpen());
}

void TestServerLimits::aBurstOfConnectionsWaitsInTheListenQueue()
{
    QVERIFY(restart());
    // Stopped, the server accepts nothing: each connection of the burst must wait in the kernel's
    // listen queue (the handshake done) until the server takes it.
    const pid_t pid = pid_t(server().processId());
    QCOMPARE(::kill(pid, SIGSTOP), 0);
    const auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
    constexpr int Burst = 600;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < Burst; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, server().port());
    }
    const auto connected = [&] {
        return int(std::count_if(sockets.begin(), sockets.end(), [](const auto &socket) {
            return socket->state() == QAbstractSocket::ConnectedState;
        }));
    };
    QTRY_COMPARE_WITH_TIMEOUT(connected(), Burst, 5000);
    ::kill(pid, SIGCONT);
    // Running again, the server answers on them: the first and the last of the burst.
    for (QTcpSocket *s : {sockets.front().get(), sockets.back().get()}) {
        s->write(servicesRequest());
        QByteArray in;
        QTRY_VERIFY_WITH_TIMEOUT((in += s->readAll(), responseLength(in) > 0), 30000);
        QCOMPARE(statusOf(in), 200);
    }
}

void TestServerLimits::theConnectionCapRefusesCleanly()
{
    QVERIFY(restart({QStringLiteral("--max-connections"), QStringLiteral("3"),
                     QStringLiteral("--max-anonymous-connections"), QStringLiteral("3")}));
    std::vector<std::unique_ptr<RawConnection>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<RawConnection>(server().port()));
        open.back()->send(servicesRequest());
        QCOMPARE(statusOf(open.back()->response()), 200);
    }
    RawConnection extra(server().port());
    extra.send(servicesRequest());
    const QByteArray refused = extra.response();
    QCOMPARE(statusOf(refused), 503);
    QCOMPARE(errorCode(refused), QStringLiteral("busy"));
    QVERIFY(headerOf(refused, "Retry-After").toInt() > 0);
    QVERIFY(extra.closedWithin(10000));
    // Those already connected are served as before.
    for (const auto &connection : open) {
        connection->send(servicesRequest());
        QCOMPARE(statusOf(connection->response()), 200);
    }
    // A connection that ends frees its place.
    open.front()->socket().disconnectFromHost();
    open.erase(open.begin());
    // (A loop, not QTRY_VERIFY: each try opens a connection, which must not be tried twice.)
    bool served = false;
    QElapsedTimer waited;
    waited.start();
    while (!served && waited.elapsed() < 20000) {
        RawConnection next(server().port());
        next.send(servicesRequest());
        served = statusOf(next.response()) == 200;
        if (!served)
            QTest::qWait(100);
    }
    QVERIFY(served);
}

// A hostile client filling the cap with idle sockets locked signed-in workstations out: a
// new connection was refused at the cap whether or not it carried a valid token.
void TestServerLimits::signedInWorkstationsAreServedAtTheCap()
{
    // Signed in before this server process starts (sessions live in the store), so that no
    // connection of the sign-in is still open in it.
    QVERIFY(restart());
    const QByteArray token = server().login(QStringLiteral("agent.a")).toLatin1();
    QVERIFY(!token.isEmpty());
    QVERIFY(restart({QStringLiteral("--max-connections"), QStringLiteral("4"),
                     QStringLiteral("--max-anonymous-connections"), QStringLiteral("2"),
                     QStringLiteral("--header-timeout"), QStringLiteral("120")}));
    const QByteArray me =
        "GET /api/v1/me HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token + "\r\n\r\n";
    // Idle sockets that never send a byte, more than the whole cap.
    std::vector<std::unique_ptr<RawConnection>> hostile;
    for (int i = 0; i < 8; ++i)
        hostile.push_back(std::make_unique<RawConnection>(server().port()));
    // Signed-in workstations open new connections: two come into the reserve, two more into
    // the places of the idle sockets that have waited longest.
    std::vector<std::unique_ptr<RawConnection>> workstations;
    for (int i = 0; i < 4; ++i) {
        workstations.push_back(std::make_unique<RawConnection>(server().port()));
        workstations.back()->send(me);
        const QByteArray answer = workstations.back()->response(10000);
        QVERIFY2(statusOf(answer) == 200, answer.constData());
        QCOMPARE(bodyOf(answer).value(u"name").toString(), QStringLiteral("agent.a"));
    }
    QVERIFY(hostile[0]->closedWithin(10000));
    QVERIFY(hostile[1]->closedWithin(10000));
    // A client without a sign-in is refused cleanly, and so is a fifth workstation once every
    // place is signed in: nothing not signed in is left to make room.
    RawConnection anonymous(server().port());
    anonymous.send(servicesRequest());
    const QByteArray refused = anonymous.response(10000);
    QCOMPARE(statusOf(refused), 503);
    QCOMPARE(errorCode(refused), QStringLiteral("busy"));
    QVERIFY(headerOf(refused, "Retry-After").toInt() > 0);
    RawConnection fifth(server().port());
    fifth.send(me);
    QCOMPARE(statusOf(fifth.response(10000)), 503);
    // The signed-in connections go on being served; a forged token does not count as one.
    for (const auto &workstation : workstations) {
        workstation->send(me);
        QCOMPARE(statusOf(workstation->response(10000)), 200);
    }
    RawConnection forged(server().port());
    forged.send("GET /api/v1/me HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer forged\r\n\r\n");
    QCOMPARE(statusOf(forged.response(10000)), 503);
}

void TestServerLimits::limitsAreValidated_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("variable");
    QTest::addColumn<QString>("message");
    QTest::newRow("no connections")
        << QStringList{QStringLiteral("--max-connections"), QStringLiteral("0")} << QByteArray()
        << QStringLiteral("--max-connections \"0\" must be a whole number");
    QTest::newRow("idle timeout not a number")
        << QStringList{QStringLiteral("--idle-timeout"), QStringLiteral("soon")} << QByteArray()
        << QStringLiteral("--idle-timeout \"soon\" must be a whole number");
    QTest::newRow("proxy not an address")
        << QStringList{QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1,300.1.1.1")}
        << QByteArray() << QStringLiteral("\"300.1.1.1\" is not an IP address or network");
    QTest::newRow("from the environment")
        << QStringList() << QByteArrayLiteral("CIVICDESK_SIGN_IN_WORKERS=0")
        << QStringLiteral("CIVICDESK_SIGN_IN_WORKERS \"0\" must be a whole number from 1");
    QTest::newRow("no push queue")
        << QStringList{QStringLiteral("--push-queue"), QStringLiteral("0")} << QByteArray()
        << QStringLiteral("--push-queue \"0\" must be a whole number from 1");
    QTest::newRow("more anonymous than all")
        << QStringList{QStringLiteral("--max-connections"), QStringLiteral("10"),
                       QStringLiteral("--max-anonymous-connections"), QStringLiteral("11")}
        << QByteArray()
        << QStringLiteral("--max-anonymous-connections (11) cannot be more than "
                          "--max-connections (10)");
    QTest::newRow("more than the descriptors")
        << QStringList{QStringLiteral("--max-connections"), QStringLiteral("900000")}
        << QByteArray() << QStringLiteral("file descriptors");
}

void TestServerLimits::limitsAreValidated()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, variable);
    QFETCH(QString, message);
    const QByteArray name = variable.left(variable.indexOf('='));
    if (!variable.isEmpty())
        qputenv(name.constData(), variable.mid(variable.indexOf('=') + 1));
    ServerProcess server(QStringLiteral(CIVICDESK_SERVER), m_fixture.storeUrl());
    QByteArray output;
    const int code = server.run(
        arguments + QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")}, {},
        &output);
    if (!variable.isEmpty())
        qunsetenv(name.constData());
    QCOMPARE(code, 2);
    QVERIFY2(QString::fromUtf8(output).contains(message), output.constData());
}

QTEST_GUILESS_MAIN(TestServerLimits)

// The real civicdesk-server writing sign-ins, sign-outs, Open311 POSTs and admins' new users on
// its store writer thread, as it writes pushes (SQLite or PostgreSQL, CIVICDESK_TEST_BACKEND):
// while the store keeps such a write waiting (its write lock held by another connection), a
// pull on another connection is answered at once; the write is answered only once committed;
// with the writer's queue full each is refused 503 with Retry-After, nothing written; a store
// that cannot be reached is a 503, never a refused key.

#include "tests/support/rawhttp.h"
#include "tests/support/serverfixture.h"
#include "tests/support/storewritelock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using namespace civicdesk;
using test::headerOf;
using test::RawConnection;
using test::ServerFixture;
using test::statusOf;
using test::StoreWriteLock;

namespace {

const QByteArray Password = "correct horse battery";

QJsonDocument bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4));
}

QByteArray postRequest(const QByteArray &path, const QByteArray &type, const QByteArray &body,
                       const QByteArray &token = {})
{
    return "POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: " + type +
           (token.isEmpty() ? QByteArray() : "\r\nAuthorization: Bearer " + token) +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray getRequest(const QByteArray &path, const QByteArray &token)
{
    return "GET " + path + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

QByteArray loginRequest(const QByteArray &name)
{
    return postRequest("/api/v1/login", "application/json",
                       "{\"username\":\"" + name + "\",\"password\":\"" + Password + "\"}");
}

} // namespace

class TestWriterRoutes : public QObject
{
    Q_OBJECT

    ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QByteArray m_admin; // sees every event
    QByteArray m_key;

    test::ServerProcess &server() { return m_fixture.server(); }
    quint16 port() { return m_fixture.server().port(); }
    QString storeUrl() const { return m_fixture.storeUrl(); }

    // A new server process on the same store with `arguments` added.
    bool restart(const QStringList &arguments = {}) { return m_fixture.start(arguments); }

    // A resident's request with a name and an email, from the city's own web form.
    QByteArray open311Post() const
    {
        const QByteArray form = "api_key=" + QUrl::toPercentEncoding(QString::fromLatin1(m_key)) +
                                "&service_code=BOS311GEN&lat=42.3601&long=-71.0589"
                                "&first_name=Rosa&email=rosa%40example.org";
        return postRequest("/open311/v2/requests.json", "application/x-www-form-urlencoded", form);
    }

    QJsonArray eventsAfter(qint64 after)
    {
        RawConnection connection(port());
        connection.send(getRequest(
            "/api/v1/events?after=" + QByteArray::number(after) + "&limit=1000&wait=0", m_admin));
        return bodyOf(connection.response()).object().value(u"events").toArray();
    }

    qint64 lastSeq()
    {
        RawConnection connection(port());
        connection.send(getRequest("/api/v1/events?after=0&limit=1&wait=0", m_admin));
        return qint64(bodyOf(connection.response()).object().value(u"last_seq").toDouble());
    }

    // With the store's write lock held: a pull on another connection answered in under a second
    // (nothing new in it), while `writer` has not been answered.
    void verifyPullNotHeldUp(RawConnection &writer, qint64 before)
    {
        RawConnection puller(port());
        QElapsedTimer timer;
        timer.start();
        puller.send(getRequest(
            "/api/v1/events?after=" + QByteArray::number(before) + "&limit=1000&wait=0", m_admin));
        const QByteArray pulled = puller.response(10000);
        const qint64 pullMs = timer.elapsed();
        QCOMPARE(statusOf(pulled), 200);
        QVERIFY2(pullMs < 1000,
                 qPrintable(QStringLiteral("the pull waited %1 ms for a write").arg(pullMs)));
        QCOMPARE(bodyOf(pulled).object().value(u"events").toArray().size(), 0);
        QVERIFY2(writer.response(100).isEmpty(), "answered before it was written");
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(
            m_fixture.open() && m_fixture.importMiniCity() &&
                m_fixture.addUsers({{QStringLiteral("admin.w"), QStringLiteral("admin")},
                                    {QStringLiteral("agent.w"), QStringLiteral("call_taker")}}),
            qPrintable(m_fixture.error()));
        m_key = server().createApiKey(QStringLiteral("web form")).toLatin1();
        QVERIFY(!m_key.isEmpty());
        QVERIFY2(m_fixture.start() && m_fixture.signIn({QStringLiteral("admin.w")}),
                 qPrintable(m_fixture.error()));
        m_admin = m_fixture.token(QStringLiteral("admin.w")).toLatin1();
    }

    void cleanupTestCase() { m_fixture.stop(); }

    // An Open311 POST numbered and written on the event loop held up every pull and long-poll
    // while the store kept it waiting (issue 13).
    void aSlowOpen311PostDoesNotHoldUpAPull()
    {
        const qint64 before = lastSeq();
        RawConnection poster(port());
        StoreWriteLock lock(storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        poster.send(open311Post());
        QTest::qWait(300); // checked, and with the store writer waiting for the lock
        verifyPullNotHeldUp(poster, before);
        lock.release();
        const QByteArray posted = poster.response(30000);
        QVERIFY2(statusOf(posted) == 200, posted.constData());
        const QString number = bodyOf(posted).array().at(0)[u"service_request_id"].toString();
        QVERIFY(!number.isEmpty());
        // Answered once committed: the request and its reporter are in the next pull.
        const QJsonArray events = eventsAfter(before);
        QStringList kinds;
        for (const QJsonValue &e : events)
            kinds.append(e[u"kind"].toString());
        QVERIFY2(kinds.contains(u"request.created"), qPrintable(kinds.join(u' ')));
        QVERIFY2(QJsonDocument(events).toJson().contains("rosa@example.org"),
                 "the reporter was not written with the request");
    }

    // A sign-in's session was written on the event loop once the password was checked.
    void aSignInWaitingForTheStoreDoesNotHoldUpAPull()
    {
        const qint64 before = lastSeq();
        RawConnection signer(port());
        StoreWriteLock lock(storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        signer.send(loginRequest("agent.w"));
        QTest::qWait(600); // the password checked, the session waiting for the lock
        verifyPullNotHeldUp(signer, before);
        lock.release();
        const QByteArray signedIn = signer.response(30000);
        QVERIFY2(statusOf(signedIn) == 200, signedIn.constData());
        const QByteArray token = bodyOf(signedIn).object().value(u"token").toString().toLatin1();
        QVERIFY(!token.isEmpty());
        // The session is in the store: the token works at once.
        RawConnection me(port());
        me.send(getRequest("/api/v1/me", token));
        const QByteArray who = me.response();
        QCOMPARE(statusOf(who), 200);
        QCOMPARE(bodyOf(who).object().value(u"name").toString(), QStringLiteral("agent.w"));
    }

    void aSignOutWaitingForTheStoreDoesNotHoldUpAPull()
    {
        const QByteArray token = server().login(QStringLiteral("agent.w")).toLatin1();
        QVERIFY(!token.isEmpty());
        RawConnection me(port());
        me.send(getRequest("/api/v1/me", token));
        QCOMPARE(statusOf(me.response()), 200); // the session is known (and kept in memory)
        const qint64 before = lastSeq();
        RawConnection leaver(port());
        StoreWriteLock lock(storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        leaver.send(postRequest("/api/v1/logout", "application/json", "{}", token));
        QTest::qWait(300);
        verifyPullNotHeldUp(leaver, before);
        lock.release();
        QCOMPARE(statusOf(leaver.response(30000)), 204);
        // Ended at once on this process, though another connection wrote it.
        me.send(getRequest("/api/v1/me", token));
        QCOMPARE(statusOf(me.response()), 401);
    }

    // An admin's new user (its Argon2id hash and its row) was made on the event loop.
    void aNewUserWaitingForTheStoreDoesNotHoldUpAPull()
    {
        const qint64 before = lastSeq();
        RawConnection admin(port());
        StoreWriteLock lock(storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        admin.send(postRequest("/api/v1/users", "application/json",
                               "{\"name\":\"agent.new\",\"role\":\"call_taker\","
                               "\"password\":\"" +
                                   Password + "\"}",
                               m_admin));
        QTest::qWait(300);
        verifyPullNotHeldUp(admin, before);
        lock.release();
        const QByteArray added = admin.response(30000);
        QVERIFY2(statusOf(added) == 201, added.constData());
        QVERIFY(!server().login(QStringLiteral("agent.new")).isEmpty());
    }

    // With --push-queue jobs waiting for the writer, a sign-in, a sign-out and an Open311 POST
    // are refused 503 busy with Retry-After; nothing of them is written.
    void aFullWriterQueueRefusesEveryWrite()
    {
        QVERIFY2(restart({QStringLiteral("--push-queue"), QStringLiteral("1")}),
                 qPrintable(m_fixture.error()));
        const QByteArray token = server().login(QStringLiteral("agent.w")).toLatin1();
        QVERIFY(!token.isEmpty());
        const qint64 before = lastSeq();
        StoreWriteLock lock(storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        RawConnection first(port());
        first.send(open311Post()); // takes the writer's one place, waiting for the lock
        QTest::qWait(300);
        const QList<std::pair<const char *, QByteArray>> refused{
            {"Open311 POST", open311Post()},
            {"sign-in", loginRequest("agent.w")},
            {"sign-out", postRequest("/api/v1/logout", "application/json", "{}", token)}};
        for (const auto &[what, request] : refused) {
            RawConnection connection(port());
            connection.send(request);
            const QByteArray answer = connection.response(10000);
            QVERIFY2(statusOf(answer) == 503, what);
            QVERIFY2(headerOf(answer, "Retry-After").toInt() >= 1, what);
        }
        lock.release();
        QCOMPARE(statusOf(first.response(30000)), 200);
        // One request written (with its reporter), none of the refused POST; the token refused
        // a sign-out still works.
        int created = 0;
        for (const QJsonValue &e : eventsAfter(before))
            created += e[u"kind"].toString() == u"request.created" ? 1 : 0;
        QCOMPARE(created, 1);
        RawConnection me(port());
        me.send(getRequest("/api/v1/me", token));
        QCOMPARE(statusOf(me.response()), 200);
        QVERIFY2(restart(), qPrintable(m_fixture.error()));
    }

    // On PostgreSQL an unreachable store made every api_key look revoked (403).
    void anOpen311PostDuringAnOutageIsA503()
    {
        if (test::ServerStore::backend() != u"postgres")
            QSKIP("SQLite has no database server to lose");
        QVERIFY(m_fixture.store().interrupt());
        RawConnection poster(port());
        poster.send(open311Post());
        const QByteArray refused = poster.response(30000);
        const bool resumed = m_fixture.store().resume();
        QVERIFY2(statusOf(refused) == 503, refused.constData());
        QVERIFY(headerOf(refused, "Retry-After").toInt() >= 1);
        QVERIFY(resumed);
        RawConnection again(port());
        again.send(open311Post());
        const QByteArray posted = again.response(30000);
        QVERIFY2(statusOf(posted) == 200, posted.constData());
    }
};

QTEST_GUILESS_MAIN(TestWriterRoutes)
#include "tst_writerroutes.moc"

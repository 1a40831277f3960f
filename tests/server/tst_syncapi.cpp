// The sync API of the real civicdesk-server, on SQLite or PostgreSQL (CIVICDESK_TEST_BACKEND):
// sign-in and lockout, the role matrix, idempotent push, long-poll wake-up, the queries and
// reference data, and hostile input that must get the documented error and change nothing.

#include "models/accounts/accountstore.h"
#include "models/domain/eventjson.h"
#include "tests/support/jsonschema.h"
#include "tests/support/permissionmatrix.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QUuid>

using namespace civicdesk;
using test::ServerProcess;

namespace {

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject makeEvent(const QString &actor, const QString &entityType, const QString &entityId,
                      const QString &kind, const QJsonObject &payload, const QString &id = uuid())
{
    return QJsonObject{
        {QStringLiteral("id"), id},
        {QStringLiteral("entity_type"), entityType},
        {QStringLiteral("entity_id"), entityId},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("payload"), payload},
        {QStringLiteral("actor"), actor},
        {QStringLiteral("device"), QStringLiteral("T3ST2")},
        {QStringLiteral("client_time"), double(QDateTime::currentMSecsSinceEpoch())}};
}

QJsonObject requestCreated(const QString &actor, const QString &number, const QString &id = uuid())
{
    return makeEvent(actor, QStringLiteral("request"), id, QStringLiteral("request.created"),
                     QJsonObject{{QStringLiteral("number"), number},
                                 {QStringLiteral("service_code"), QStringLiteral("RODENTACT")},
                                 {QStringLiteral("type_name"), QStringLiteral("Rodent Activity")},
                                 {QStringLiteral("address"), QStringLiteral("1 City Hall Plz")},
                                 {QStringLiteral("latitude"), 42.3603},
                                 {QStringLiteral("longitude"), -71.0578},
                                 {QStringLiteral("channel"), QStringLiteral("phone")},
                                 {QStringLiteral("opened_at"),
                                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
}

QJsonDocument batch(const QJsonArray &events)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("events"), events}});
}

QString errorCode(const ServerProcess::Reply &r)
{
    return r.json().object().value(u"error").toObject().value(u"code").toString();
}

} // namespace

class TestSyncApi : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::ServerStore> m_store;
    std::unique_ptr<ServerProcess> m_server;
    QHash<QString, QString> m_tokens; // role -> token of a user with that role
    int m_numbers = 0;

    QString nextNumber() { return QStringLiteral("T%1").arg(++m_numbers, 9, 10, QLatin1Char('0')); }

    ServerProcess::Reply push(const QJsonArray &events, const QString &role)
    {
        return m_server->postJson(QStringLiteral("/api/v1/events"), batch(events),
                                  m_tokens.value(role));
    }

    qint64 lastSeq()
    {
        return qint64(m_server
                          ->get(QStringLiteral("/api/v1/events?after=0&limit=1"),
                                m_tokens.value(QStringLiteral("admin")))
                          .json()
                          .object()
                          .value(u"last_seq")
                          .toDouble());
    }

    void verifyError(const ServerProcess::Reply &r, int status, const QString &code)
    {
        QCOMPARE(r.status, status);
        QCOMPARE(errorCode(r), code);
        const QStringList problems =
            test::validateJson(r.json().object(), test::loadSchema(QStringLiteral("sync-error")));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::ServerStore>();
        if (m_store->url().isEmpty())
            QFAIL(qPrintable(u"no store: " + m_store->error()));
        qInfo("backend %s", qPrintable(test::ServerStore::backend()));
        m_server =
            std::make_unique<ServerProcess>(QStringLiteral(CIVICDESK_SERVER), m_store->url());
        QByteArray output;
        QCOMPARE(m_server->run({QStringLiteral("--import-city"),
                                test::testDataDir() + QStringLiteral("/minipack")},
                               {}, &output),
                 0);
        for (const QString &role :
             {QStringLiteral("call_taker"), QStringLiteral("lobby"), QStringLiteral("supervisor"),
              QStringLiteral("trainer"), QStringLiteral("editor"), QStringLiteral("admin")})
            QVERIFY2(m_server->addUser(u"u_" + role, role), qPrintable(role));
        QVERIFY(m_server->start());
        for (const QString &role :
             {QStringLiteral("call_taker"), QStringLiteral("lobby"), QStringLiteral("supervisor"),
              QStringLiteral("trainer"), QStringLiteral("editor"), QStringLiteral("admin")}) {
            const QString token = m_server->login(u"u_" + role);
            QVERIFY2(!token.isEmpty(), qPrintable(role));
            m_tokens.insert(role, token);
        }
    }

    void signInSignOutAndLockout()
    {
        QVERIFY(m_server->addUser(QStringLiteral("lock.me"), QStringLiteral("call_taker")));
        const auto wrong = m_server->postJson(
            QStringLiteral("/api/v1/login"),
            QJsonDocument(
                QJsonObject{{QStringLiteral("username"), QStringLiteral("lock.me")},
                            {QStringLiteral("password"), QStringLiteral("nope nope nope")}}));
        verifyError(wrong, 401, QStringLiteral("invalid_credentials"));
        // An unknown name gets the same answer as a wrong password.
        const auto unknown =
            m_server->postJson(QStringLiteral("/api/v1/login"),
                               QJsonDocument(QJsonObject{
                                   {QStringLiteral("username"), QStringLiteral("nobody.here")},
                                   {QStringLiteral("password"), QStringLiteral("whatever123")}}));
        verifyError(unknown, 401, QStringLiteral("invalid_credentials"));
        QCOMPARE(unknown.json()[u"error"][u"message"], wrong.json()[u"error"][u"message"]);
        for (int i = 1; i < 5; ++i)
            m_server->login(QStringLiteral("lock.me"), QStringLiteral("still wrong"));
        // Five failures: even the right password is refused for a while, with Retry-After.
        const auto locked = m_server->postJson(
            QStringLiteral("/api/v1/login"),
            QJsonDocument(QJsonObject{
                {QStringLiteral("username"), QStringLiteral("lock.me")},
                {QStringLiteral("password"), QStringLiteral("correct horse battery")}}));
        verifyError(locked, 429, QStringLiteral("rate_limited"));
        QVERIFY(locked.header("Retry-After").toInt() > 200);
        // An admin's password reset unlocks.
        QByteArray output;
        QCOMPARE(m_server->run({QStringLiteral("--reset-password"), QStringLiteral("lock.me")},
                               "another long password\n", &output),
                 0);
        const QString token =
            m_server->login(QStringLiteral("lock.me"), QStringLiteral("another long password"));
        QVERIFY(!token.isEmpty());
        const auto me = m_server->get(QStringLiteral("/api/v1/me"), token);
        QCOMPARE(me.status, 200);
        QCOMPARE(me.json()[u"name"].toString(), QStringLiteral("lock.me"));
        QCOMPARE(me.json()[u"role"].toString(), QStringLiteral("call_taker"));
        const auto out =
            m_server->request(QByteArrayLiteral("POST"), QStringLiteral("/api/v1/logout"), {},
                              {{QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()}});
        QCOMPARE(out.status, 204);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), token), 401,
                    QStringLiteral("unauthenticated"));
        // Disabling a user ends their access at once.
        const QString second =
            m_server->login(QStringLiteral("lock.me"), QStringLiteral("another long password"));
        QCOMPARE(m_server->run({QStringLiteral("--disable-user"), QStringLiteral("lock.me")}), 0);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), second), 401,
                    QStringLiteral("unauthenticated"));
    }

    void everyEndpointNeedsAToken()
    {
        for (const QString &path :
             {QStringLiteral("/api/v1/me"), QStringLiteral("/api/v1/events?after=0"),
              QStringLiteral("/api/v1/requests?number=X"), QStringLiteral("/api/v1/reference"),
              QStringLiteral("/api/v1/reference/addresses"), QStringLiteral("/api/v1/reviews"),
              QStringLiteral("/api/v1/users")}) {
            const auto r = m_server->get(path);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.header("WWW-Authenticate").left(6), QByteArrayLiteral("Bearer"));
            verifyError(m_server->get(path, QStringLiteral("forged-token")), 401,
                        QStringLiteral("unauthenticated"));
        }
        verifyError(push({requestCreated(QStringLiteral("u_admin"), nextNumber())}, QString()), 401,
                    QStringLiteral("unauthenticated"));
    }

    void roleMatrix_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<bool>("records");  // requests, contacts, callers
        QTest::addColumn<bool>("edits");    // article drafts
        QTest::addColumn<bool>("approves"); // publish
        QTest::addColumn<bool>("reviews");  // quality reviews of others
        QTest::addColumn<bool>("manages");  // users
        QTest::newRow("call_taker")
            << QStringLiteral("call_taker") << true << false << false << false << false;
        QTest::newRow("lobby") << QStringLiteral("lobby") << true << false << false << false
                               << false;
        QTest::newRow("supervisor")
            << QStringLiteral("supervisor") << true << true << true << true << false;
        QTest::newRow("trainer") << QStringLiteral("trainer") << false << false << false << false
                                 << false;
        QTest::newRow("editor") << QStringLiteral("editor") << true << true << false << false
                                << false;
        QTest::newRow("admin") << QStringLiteral("admin") << true << true << true << true << true;
    }

    void roleMatrix()
    {
        QFETCH(QString, role);
        QFETCH(bool, records);
        QFETCH(bool, edits);
        QFETCH(bool, approves);
        QFETCH(bool, reviews);
        QFETCH(bool, manages);
        const QString actor = u"u_" + role;
        const auto expect = [&](const ServerProcess::Reply &r, bool allowed) {
            QCOMPARE(r.status, 200);
            const QJsonObject body = r.json().object();
            if (allowed) {
                QVERIFY2(body.value(u"rejected").toArray().isEmpty(), r.body.constData());
                QCOMPARE(body.value(u"accepted").toArray().size(), 1);
            } else {
                QCOMPARE(body.value(u"accepted").toArray().size(), 0);
                QCOMPARE(body.value(u"rejected").toArray().first()[u"code"].toString(),
                         QStringLiteral("forbidden"));
            }
        };
        // Every role reads.
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), m_tokens[role]).status, 200);
        QCOMPARE(
            m_server->get(QStringLiteral("/api/v1/events?after=0&limit=5"), m_tokens[role]).status,
            200);
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/reference"), m_tokens[role]).status, 200);
        QCOMPARE(m_server
                     ->get(QStringLiteral("/api/v1/requests?address=1%20City%20Hall%20Plz"),
                           m_tokens[role])
                     .status,
                 200);
        // Calls.
        expect(push({requestCreated(actor, nextNumber())}, role), records);
        // Knowledge: drafts, then approval of an article a supervisor sent for review.
        const QString article = uuid();
        expect(push({makeEvent(actor, QStringLiteral("article"), article,
                               QStringLiteral("article.created"),
                               QJsonObject{{QStringLiteral("fields"),
                                            QJsonObject{{QStringLiteral("title"),
                                                         QStringLiteral("Bulk item pickup")}}}})},
                    role),
               edits);
        const QString review = uuid();
        QCOMPARE(push({makeEvent(QStringLiteral("u_supervisor"), QStringLiteral("article"), review,
                                 QStringLiteral("article.created"),
                                 QJsonObject{{QStringLiteral("fields"),
                                              QJsonObject{{QStringLiteral("title"),
                                                           QStringLiteral("Snow emergency")}}}}),
                       makeEvent(QStringLiteral("u_supervisor"), QStringLiteral("article"), review,
                                 QStringLiteral("article.state_changed"),
                                 QJsonObject{{QStringLiteral("to"), QStringLiteral("in_review")}})},
                      QStringLiteral("supervisor"))
                     .json()[u"accepted"]
                     .toArray()
                     .size(),
                 2);
        expect(push({makeEvent(actor, QStringLiteral("article"), review,
                               QStringLiteral("article.state_changed"),
                               QJsonObject{{QStringLiteral("to"), QStringLiteral("published")}})},
                    role),
               approves);
        // Quality reviews: written by supervisors; read by them, or by the agent reviewed.
        expect(push({makeEvent(
                        actor, QStringLiteral("review"), uuid(), QStringLiteral("review.recorded"),
                        QJsonObject{{QStringLiteral("agent"), QStringLiteral("u_call_taker")},
                                    {QStringLiteral("score"), 90},
                                    {QStringLiteral("notes"), QStringLiteral("Clear script")}})},
                    role),
               reviews);
        const auto others =
            m_server->get(QStringLiteral("/api/v1/reviews?agent=u_someone_else"), m_tokens[role]);
        QCOMPARE(others.status, reviews ? 200 : 403);
        const auto own = m_server->get(QStringLiteral("/api/v1/reviews"), m_tokens[role]);
        QCOMPARE(own.status, 200);
        for (const QJsonValue &v : own.json()[u"reviews"].toArray()) {
            if (!reviews)
                QCOMPARE(v[u"payload"][u"agent"].toString(), actor);
        }
        // Users.
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/users"), m_tokens[role]).status,
                 manages ? 200 : 403);
        const auto added = m_server->postJson(
            QStringLiteral("/api/v1/users"),
            QJsonDocument(
                QJsonObject{{QStringLiteral("name"), QString(u"new." + role)},
                            {QStringLiteral("role"), QStringLiteral("lobby")},
                            {QStringLiteral("password"), QStringLiteral("a fine password")}}),
            m_tokens[role]);
        QCOMPARE(added.status, manages ? 201 : 403);
        const auto changed = m_server->request(
            QByteArrayLiteral("PATCH"), QStringLiteral("/api/v1/users/u_trainer"),
            QByteArrayLiteral("{\"disabled\": false}"),
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
             {QByteArrayLiteral("Authorization"), "Bearer " + m_tokens[role].toLatin1()}});
        QCOMPARE(changed.status, manages ? 200 : 403);
        // Reads open to every role: one request (404 = allowed, just not there), reference pages.
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/requests/NO-SUCH"), m_tokens[role]).status,
                 404);
        QCOMPARE(
            m_server->get(QStringLiteral("/api/v1/reference/departments"), m_tokens[role]).status,
            200);
    }

    // The one permission table, enforced by the server itself: every event kind, in the states
    // that decide, pushed raw with every role's token. What an event claims of the state it
    // comes from ("previous_status", "from") is never believed.
    void everyEventKindForEveryRole_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<int>("index");
        const QList<test::PermissionCase> cases =
            test::permissionCases(QStringLiteral("x"), QStringLiteral("u_admin"));
        for (const QString &role : test::allRoleNames()) {
            for (int i = 0; i < cases.size(); ++i)
                QTest::newRow(qPrintable(role + u' ' + cases.at(i).name)) << role << i;
        }
    }

    void everyEventKindForEveryRole()
    {
        QFETCH(QString, role);
        QFETCH(int, index);
        const test::PermissionCase c =
            test::permissionCases(role + u'-' + QString::number(index), QStringLiteral("u_admin"))
                .at(index);
        QJsonArray setup;
        for (const Event &e : c.setup)
            setup.append(eventToJson(e));
        if (!setup.isEmpty()) {
            const auto r = push(setup, QStringLiteral("admin"));
            QCOMPARE(r.status, 200);
            QVERIFY2(r.json()[u"rejected"].toArray().isEmpty(), r.body.constData());
        }
        Event event = c.event;
        event.actor = u"u_" + role;
        const auto r = push({eventToJson(event)}, role);
        QCOMPARE(r.status, 200);
        const bool allowed = c.allowed.contains(role);
        if (allowed) {
            QVERIFY2(r.json()[u"rejected"].toArray().isEmpty(), r.body.constData());
            QCOMPARE(r.json()[u"accepted"].toArray().size(), 1);
        } else {
            QCOMPARE(r.json()[u"accepted"].toArray().size(), 0);
            const QJsonObject rejected = r.json()[u"rejected"].toArray().first().toObject();
            QCOMPARE(rejected.value(u"code").toString(), QStringLiteral("forbidden"));
            QVERIFY(!rejected.value(u"message").toString().isEmpty());
        }
    }

    // A batch cannot lend itself a state: a call taker who creates a request and closes it in
    // one push is refused the close.
    void aBatchIsJudgedEventByEvent()
    {
        const test::PermissionCase c =
            test::permissionCases(QStringLiteral("batch"), QStringLiteral("u_call_taker"))
                .at(11); // request.status_changed close
        QCOMPARE(c.name, QStringLiteral("request.status_changed close"));
        const auto r = push({eventToJson(c.setup.first()), eventToJson(c.event)},
                            QStringLiteral("call_taker"));
        QCOMPARE(r.json()[u"accepted"].toArray().size(), 1);
        QCOMPARE(r.json()[u"rejected"].toArray().first()[u"code"].toString(),
                 QStringLiteral("forbidden"));
        // A supervisor may do both in one push.
        const test::PermissionCase s =
            test::permissionCases(QStringLiteral("batch2"), QStringLiteral("u_supervisor")).at(11);
        const auto ok = push({eventToJson(s.setup.first()), eventToJson(s.event)},
                             QStringLiteral("supervisor"));
        QCOMPARE(ok.json()[u"accepted"].toArray().size(), 2);
    }

    // A database outage is the store's trouble, not the token's: 503 with Retry-After while it
    // lasts, never a 401, and the same token works again once the database is back.
    void aDatabaseOutageSignsNobodyOut()
    {
        if (test::ServerStore::backend() != u"postgres")
            QSKIP("an SQLite store is a file in the server's own process: it has no database "
                  "server to lose (tst_syncapi_postgres runs this)");
        const QString token = m_tokens.value(QStringLiteral("call_taker"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), token).status, 200);
        QVERIFY2(m_store->interrupt(), qPrintable(m_store->error()));
        for (const QString &path :
             {QStringLiteral("/api/v1/me"), QStringLiteral("/api/v1/events?after=0&limit=5")}) {
            const auto r = m_server->get(path, token);
            verifyError(r, 503, QStringLiteral("unavailable"));
            QVERIFY(r.header("Retry-After").toInt() > 0);
        }
        const auto pushed = push({requestCreated(QStringLiteral("u_call_taker"), nextNumber())},
                                 QStringLiteral("call_taker"));
        verifyError(pushed, 503, QStringLiteral("unavailable"));
        const auto login = m_server->postJson(
            QStringLiteral("/api/v1/login"),
            QJsonDocument(QJsonObject{
                {QStringLiteral("username"), QStringLiteral("u_lobby")},
                {QStringLiteral("password"), QStringLiteral("correct horse battery")}}));
        verifyError(login, 503, QStringLiteral("unavailable"));
        QVERIFY2(m_store->resume(), qPrintable(m_store->error()));
        // The first request after the outage reconnects; the token was never lost.
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), token).status, 200);
        const auto again = push({requestCreated(QStringLiteral("u_call_taker"), nextNumber())},
                                QStringLiteral("call_taker"));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json()[u"accepted"].toArray().size(), 1);
    }

    // The same batch sent to two server processes on one store at once (a workstation retrying
    // through a load balancer): both answer 200 with the same sequence numbers, never a 500.
    void concurrentIdenticalBatchesGetTheSameAnswer()
    {
        if (test::ServerStore::backend() != u"postgres")
            QSKIP("several server processes share a PostgreSQL store (tst_syncapi_postgres)");
        ServerProcess second(QStringLiteral(CIVICDESK_SERVER), m_store->url());
        QVERIFY(second.start());
        QNetworkAccessManager network;
        const QString token = m_tokens.value(QStringLiteral("call_taker"));
        for (int round = 0; round < 10; ++round) {
            QJsonArray events;
            for (int i = 0; i < 200; ++i)
                events.append(requestCreated(QStringLiteral("u_call_taker"), nextNumber()));
            const QByteArray body = batch(events).toJson(QJsonDocument::Compact);
            const auto post = [&](const QString &base) {
                QNetworkRequest request(QUrl(base + QStringLiteral("/api/v1/events")));
                request.setHeader(QNetworkRequest::ContentTypeHeader,
                                  QByteArrayLiteral("application/json"));
                request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
                return network.post(request, body);
            };
            std::unique_ptr<QNetworkReply> a(post(m_server->baseUrl()));
            std::unique_ptr<QNetworkReply> b(post(second.baseUrl()));
            QTRY_VERIFY_WITH_TIMEOUT(a->isFinished() && b->isFinished(), 20000);
            QMap<QString, double> answers[2];
            int i = 0;
            for (QNetworkReply *reply : {a.get(), b.get()}) {
                const QByteArray answer = reply->readAll();
                QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
                const QJsonObject json = QJsonDocument::fromJson(answer).object();
                QVERIFY2(json.value(u"rejected").toArray().isEmpty(), answer.constData());
                for (const QJsonValue &v : json.value(u"accepted").toArray())
                    answers[i].insert(v[u"id"].toString(), v[u"seq"].toDouble());
                ++i;
            }
            QCOMPARE(answers[0].size(), 200);
            QCOMPARE(answers[0], answers[1]);
        }
        second.terminate();
    }

    // Disabling a user ends every session: enabling them again does not revive old tokens.
    void disablingEndsEverySession()
    {
        QVERIFY(m_server->addUser(QStringLiteral("gone.soon"), QStringLiteral("call_taker")));
        const QString token = m_server->login(QStringLiteral("gone.soon"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), token).status, 200);
        QCOMPARE(m_server->run({QStringLiteral("--disable-user"), QStringLiteral("gone.soon")}), 0);
        QCOMPARE(m_server->run({QStringLiteral("--enable-user"), QStringLiteral("gone.soon")}), 0);
        // The server knew the token (kept in memory): another process's change reaches it
        // within the documented bound.
        QTest::qWait(AccountStore::EpochCheckMs + 20);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), token), 401,
                    QStringLiteral("unauthenticated"));
        QVERIFY(!m_server->login(QStringLiteral("gone.soon")).isEmpty());
    }

    // Tokens are answered from memory once known (issue 13, item 9); nothing that ends or
    // alters a session may be missed by that memory.
    void knownTokensNeverOutliveTheirSession()
    {
        QVERIFY(m_server->addUser(QStringLiteral("kept.token"), QStringLiteral("call_taker")));
        const QString token = m_server->login(QStringLiteral("kept.token"));
        const QString other = m_server->login(QStringLiteral("kept.token"));
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), token).status, 200);
            QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), other).status, 200);
        }
        // Signing out ends that token at once, and only that one.
        const auto out =
            m_server->request(QByteArrayLiteral("POST"), QStringLiteral("/api/v1/logout"), {},
                              {{QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()}});
        QCOMPARE(out.status, 204);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), token), 401,
                    QStringLiteral("unauthenticated"));
        verifyError(m_server->get(QStringLiteral("/api/v1/events?after=0&wait=5"), token), 401,
                    QStringLiteral("unauthenticated"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), other).status, 200);
        // A new role through the admin API is the session's role at once.
        const QList<std::pair<QByteArray, QByteArray>> admin = {
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
            {QByteArrayLiteral("Authorization"),
             "Bearer " + m_tokens.value(QStringLiteral("admin")).toLatin1()}};
        QCOMPARE(m_server
                     ->request(QByteArrayLiteral("PATCH"),
                               QStringLiteral("/api/v1/users/kept.token"),
                               QByteArrayLiteral("{\"role\": \"lobby\"}"), admin)
                     .status,
                 200);
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), other).json()[u"role"].toString(),
                 QStringLiteral("lobby"));
        // A new password through the admin API ends the known token at once.
        QCOMPARE(
            m_server
                ->request(QByteArrayLiteral("PATCH"), QStringLiteral("/api/v1/users/kept.token"),
                          QByteArrayLiteral("{\"password\": \"a brand new passphrase\"}"), admin)
                .status,
            200);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), other), 401,
                    QStringLiteral("unauthenticated"));
        const QString third =
            m_server->login(QStringLiteral("kept.token"), QStringLiteral("a brand new passphrase"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), third).status, 200);
        // Disabling through the admin API ends the known token at once.
        QCOMPARE(m_server
                     ->request(QByteArrayLiteral("PATCH"),
                               QStringLiteral("/api/v1/users/kept.token"),
                               QByteArrayLiteral("{\"disabled\": true}"), admin)
                     .status,
                 200);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), third), 401,
                    QStringLiteral("unauthenticated"));
        verifyError(m_server->postJson(
                        QStringLiteral("/api/v1/events"),
                        batch({requestCreated(QStringLiteral("kept.token"), nextNumber())}), third),
                    401, QStringLiteral("unauthenticated"));
    }

    // A token known to one server process is ended by a sign-out through another process on the
    // same store within AccountStore::EpochCheckMs.
    void anotherProcessEndsAKnownToken()
    {
        if (test::ServerStore::backend() != u"postgres")
            QSKIP("several server processes share a PostgreSQL store (tst_syncapi_postgres)");
        ServerProcess second(QStringLiteral(CIVICDESK_SERVER), m_store->url());
        QVERIFY(second.start());
        QVERIFY(m_server->addUser(QStringLiteral("two.doors"), QStringLiteral("call_taker")));
        const QString token = m_server->login(QStringLiteral("two.doors"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/me"), token).status, 200);
        QCOMPARE(second.get(QStringLiteral("/api/v1/me"), token).status, 200);
        const auto out =
            second.request(QByteArrayLiteral("POST"), QStringLiteral("/api/v1/logout"), {},
                           {{QByteArrayLiteral("Authorization"), "Bearer " + token.toLatin1()}});
        QCOMPARE(out.status, 204);
        QTest::qWait(AccountStore::EpochCheckMs + 20);
        verifyError(m_server->get(QStringLiteral("/api/v1/me"), token), 401,
                    QStringLiteral("unauthenticated"));
        second.terminate();
    }

    // Pulls after the same number share one answer until a new event arrives (issue 13, item
    // 9); a shared answer never hides an event accepted since.
    void sharedPullAnswersNeverHideANewEvent()
    {
        const QString token = m_tokens.value(QStringLiteral("lobby"));
        const qint64 from = lastSeq();
        const auto pulled = [&](const QString &query) {
            const auto r = m_server->get(
                QStringLiteral("/api/v1/events?after=%1&%2").arg(from).arg(query), token);
            QStringList ids;
            for (const QJsonValue &v : r.json()[u"events"].toArray())
                ids.append(v[u"id"].toString());
            return ids;
        };
        const QJsonObject first = requestCreated(QStringLiteral("u_call_taker"), nextNumber());
        QCOMPARE(push({first}, QStringLiteral("call_taker")).status, 200);
        const QStringList one{first[u"id"].toString()};
        QCOMPARE(pulled(QStringLiteral("wait=30")), one);
        QCOMPARE(pulled(QStringLiteral("wait=30")), one);
        const QJsonObject second = requestCreated(QStringLiteral("u_call_taker"), nextNumber());
        QCOMPARE(push({second}, QStringLiteral("call_taker")).status, 200);
        const QStringList two{first[u"id"].toString(), second[u"id"].toString()};
        QCOMPARE(pulled(QStringLiteral("wait=30")), two);
        QCOMPARE(pulled(QStringLiteral("wait=0")), two);
        // Another page size is another answer.
        QCOMPARE(pulled(QStringLiteral("wait=30&limit=1")), one);
        QCOMPARE(pulled(QStringLiteral("wait=30")), two);
        if (test::ServerStore::backend() != u"postgres")
            return;
        // An event accepted by another process on the same store is in the next pull that does
        // not wait, at once.
        ServerProcess other(QStringLiteral(CIVICDESK_SERVER), m_store->url());
        QVERIFY(other.start());
        const QJsonObject third = requestCreated(QStringLiteral("u_call_taker"), nextNumber());
        QCOMPARE(other
                     .postJson(QStringLiteral("/api/v1/events"), batch({third}),
                               m_tokens.value(QStringLiteral("call_taker")))
                     .status,
                 200);
        QCOMPARE(pulled(QStringLiteral("wait=0")), two + QStringList{third[u"id"].toString()});
        other.terminate();
    }

    void reviewEventsTravelOnlyToWhomMayReadThem()
    {
        // Two reviews by the supervisor: one about the call taker, one about someone else.
        const qint64 before = lastSeq();
        const QJsonObject own =
            makeEvent(QStringLiteral("u_supervisor"), QStringLiteral("review"), uuid(),
                      QStringLiteral("review.recorded"),
                      QJsonObject{{QStringLiteral("agent"), QStringLiteral("u_call_taker")},
                                  {QStringLiteral("score"), 80}});
        const QJsonObject other =
            makeEvent(QStringLiteral("u_supervisor"), QStringLiteral("review"), uuid(),
                      QStringLiteral("review.recorded"),
                      QJsonObject{{QStringLiteral("agent"), QStringLiteral("u_someone_else")},
                                  {QStringLiteral("score"), 70}});
        QCOMPARE(push({own, other}, QStringLiteral("supervisor")).status, 200);
        const auto pulled = [this, before](const QString &role, int limit) {
            const auto reply = m_server->get(
                QStringLiteral("/api/v1/events?after=%1&limit=%2").arg(before).arg(limit),
                m_tokens[role]);
            QStringList ids;
            for (const QJsonValue &v : reply.json()[u"events"].toArray()) {
                if (v[u"entity_type"].toString() == u"review")
                    ids.append(v[u"id"].toString());
            }
            return std::make_pair(ids, reply.json().object());
        };
        const QString ownId = own[u"id"].toString();
        const QString otherId = other[u"id"].toString();
        // Every other role: their own only (the call taker's one; none for the rest).
        for (const QString &role : {QStringLiteral("call_taker"), QStringLiteral("lobby"),
                                    QStringLiteral("trainer"), QStringLiteral("editor")}) {
            const auto [ids, answer] = pulled(role, 1000);
            QCOMPARE(ids, role == u"call_taker" ? QStringList{ownId} : QStringList{});
            QCOMPARE(qint64(answer[u"through"].toDouble()), before + 2);
        }
        // Supervisors and admins: both.
        for (const QString &role : {QStringLiteral("supervisor"), QStringLiteral("admin")})
            QCOMPARE(pulled(role, 1000).first, (QStringList{ownId, otherId}));
        // A page holding only a review left out is empty, yet reaches past it: the next pull
        // goes on after it instead of asking for the same page again.
        const auto [ids, answer] = pulled(QStringLiteral("call_taker"), 2);
        QCOMPARE(ids, QStringList{ownId});
        QVERIFY(answer[u"more"].toBool());
        QCOMPARE(qint64(answer[u"through"].toDouble()), before + 2);
        const auto next =
            m_server->get(QStringLiteral("/api/v1/events?after=%1&limit=1").arg(before + 1),
                          m_tokens[QStringLiteral("call_taker")]);
        QCOMPARE(next.json()[u"events"].toArray().size(), 0);
        QCOMPARE(qint64(next.json()[u"through"].toDouble()), before + 2);

        // Long polls waiting after the same number with the same limit share one answer, but
        // never across readers: the supervisor's answer holds the review, the call taker's not.
        const qint64 after = lastSeq();
        QNetworkAccessManager network;
        const auto waitAs = [&](const QString &role) {
            QNetworkRequest request(
                QUrl(m_server->baseUrl() +
                     QStringLiteral("/api/v1/events?after=%1&limit=50&wait=20").arg(after)));
            request.setRawHeader("Authorization", "Bearer " + m_tokens[role].toLatin1());
            return network.get(request);
        };
        QNetworkReply *supervisor = waitAs(QStringLiteral("supervisor"));
        QNetworkReply *callTaker = waitAs(QStringLiteral("call_taker"));
        QTest::qWait(300);
        QVERIFY(!supervisor->isFinished() && !callTaker->isFinished());
        const QJsonObject third =
            makeEvent(QStringLiteral("u_supervisor"), QStringLiteral("review"), uuid(),
                      QStringLiteral("review.recorded"),
                      QJsonObject{{QStringLiteral("agent"), QStringLiteral("u_someone_else")},
                                  {QStringLiteral("score"), 60}});
        QCOMPARE(push({third}, QStringLiteral("supervisor")).status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(supervisor->isFinished() && callTaker->isFinished(), 10000);
        const QJsonObject seen = QJsonDocument::fromJson(supervisor->readAll()).object();
        const QJsonObject notSeen = QJsonDocument::fromJson(callTaker->readAll()).object();
        QCOMPARE(seen[u"events"].toArray().size(), 1);
        QCOMPARE(seen[u"events"][0][u"id"].toString(), third[u"id"].toString());
        QCOMPARE(notSeen[u"events"].toArray().size(), 0);
        QCOMPARE(qint64(notSeen[u"through"].toDouble()), after + 1);
        delete supervisor;
        delete callTaker;
    }

    void pushIsIdempotentByEventId()
    {
        const QJsonArray events{requestCreated(QStringLiteral("u_call_taker"), nextNumber()),
                                requestCreated(QStringLiteral("u_call_taker"), nextNumber())};
        const auto first = push(events, QStringLiteral("call_taker"));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json()[u"accepted"].toArray().size(), 2);
        const qint64 after = lastSeq();
        const auto again = push(events, QStringLiteral("call_taker"));
        QCOMPARE(again.json()[u"accepted"].toArray(), first.json()[u"accepted"].toArray());
        QCOMPARE(lastSeq(), after);
        // The same id with other content is a conflict, not a silent overwrite.
        QJsonObject changed = events.at(0).toObject();
        changed.insert(QStringLiteral("kind"), QStringLiteral("request.note_added"));
        changed.insert(QStringLiteral("payload"),
                       QJsonObject{{QStringLiteral("text"), QStringLiteral("x")}});
        const auto conflict = push({changed}, QStringLiteral("call_taker"));
        QCOMPARE(conflict.json()[u"rejected"][0][u"code"].toString(), QStringLiteral("conflict"));
        QCOMPARE(lastSeq(), after);
        // Sequence numbers increase in the order events were accepted.
        const QJsonArray accepted = first.json()[u"accepted"].toArray();
        QVERIFY(accepted.at(0)[u"seq"].toDouble() < accepted.at(1)[u"seq"].toDouble());
    }

    void oneBadEventDoesNotSinkTheBatch()
    {
        const qint64 before = lastSeq();
        QJsonObject practice = requestCreated(QStringLiteral("u_call_taker"), nextNumber());
        QJsonObject payload = practice.value(u"payload").toObject();
        payload.insert(QStringLiteral("practice"), true);
        practice.insert(QStringLiteral("payload"), payload);
        const auto r = push({requestCreated(QStringLiteral("u_call_taker"), nextNumber()), practice,
                             requestCreated(QStringLiteral("u_lobby"), nextNumber()),
                             makeEvent(QStringLiteral("u_call_taker"), QStringLiteral("request"),
                                       uuid(), QStringLiteral("request.exploded"), {})},
                            QStringLiteral("call_taker"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"accepted"].toArray().size(), 1);
        const QJsonArray rejected = r.json()[u"rejected"].toArray();
        QCOMPARE(rejected.size(), 3);
        QCOMPARE(rejected.at(0)[u"code"].toString(), QStringLiteral("forbidden")); // practice
        QCOMPARE(rejected.at(1)[u"field"].toString(), QStringLiteral("actor"));    // not me
        QCOMPARE(rejected.at(2)[u"code"].toString(), QStringLiteral("validation"));
        QCOMPARE(lastSeq(), before + 1);
    }

    void aProjectionThatRefusesAnEventLeavesTheRestOfTheBatch()
    {
        // The second request reuses the first one's number: the store refuses it while writing,
        // and the batch is written again without it.
        const qint64 before = lastSeq();
        const QString number = nextNumber();
        const auto r = push({requestCreated(QStringLiteral("u_lobby"), number),
                             requestCreated(QStringLiteral("u_lobby"), number),
                             requestCreated(QStringLiteral("u_lobby"), nextNumber())},
                            QStringLiteral("lobby"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"accepted"].toArray().size(), 2);
        QCOMPARE(r.json()[u"rejected"].toArray().size(), 1);
        QCOMPARE(r.json()[u"rejected"][0][u"code"].toString(), QStringLiteral("conflict"));
        QCOMPARE(lastSeq(), before + 2);
        QCOMPARE(qint64(r.json()[u"accepted"][1][u"seq"].toDouble()), before + 2);
    }

    void longPollWakesUpAtOnce()
    {
        const qint64 after = lastSeq();
        // A pull with nothing new waits...
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_server->baseUrl() +
                                     QStringLiteral("/api/v1/events?after=%1&wait=20").arg(after)));
        request.setRawHeader("Authorization",
                             "Bearer " + m_tokens[QStringLiteral("lobby")].toLatin1());
        QNetworkReply *waiting = network.get(request);
        QTest::qWait(300);
        QVERIFY(!waiting->isFinished());
        // ...and returns as soon as another agent's event is accepted.
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(push({requestCreated(QStringLiteral("u_call_taker"), nextNumber())},
                      QStringLiteral("call_taker"))
                     .status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(waiting->isFinished(), 10000);
        qInfo("long-poll woke %lld ms after the push was sent", timer.elapsed());
        QVERIFY(timer.elapsed() < 5000);
        const QJsonObject body = QJsonDocument::fromJson(waiting->readAll()).object();
        QCOMPARE(body[u"events"].toArray().size(), 1);
        QCOMPARE(qint64(body[u"events"][0][u"seq"].toDouble()), after + 1);
        delete waiting;
        // With nothing new, the pull returns empty when its time is up.
        timer.restart();
        const auto empty =
            m_server->get(QStringLiteral("/api/v1/events?after=%1&wait=1").arg(after + 1),
                          m_tokens[QStringLiteral("lobby")]);
        QCOMPARE(empty.status, 200);
        QCOMPARE(empty.json()[u"events"].toArray().size(), 0);
        QVERIFY(timer.elapsed() >= 900);
    }

    void queriesBeyondTheLocalReplica()
    {
        const QString token = m_tokens[QStringLiteral("call_taker")];
        const QString number = nextNumber();
        const QString requestId = uuid();
        const QString callerId = uuid();
        QJsonObject created = requestCreated(QStringLiteral("u_call_taker"), number, requestId);
        const auto r = push(
            {makeEvent(QStringLiteral("u_call_taker"), QStringLiteral("caller"), callerId,
                       QStringLiteral("caller.upserted"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("Rosa Díaz")},
                                   {QStringLiteral("phone"), QStringLiteral("+16175550123")},
                                   {QStringLiteral("email"), QStringLiteral("rosa@example.org")}}),
             created,
             makeEvent(QStringLiteral("u_call_taker"), QStringLiteral("request"), requestId,
                       QStringLiteral("request.caller_attached"),
                       QJsonObject{{QStringLiteral("caller_id"), callerId}})},
            QStringLiteral("call_taker"));
        QCOMPARE(r.json()[u"accepted"].toArray().size(), 3);
        const auto byPhone =
            m_server->get(QStringLiteral("/api/v1/requests?phone=(617)%20555-0123"), token);
        QCOMPARE(byPhone.status, 200);
        QCOMPARE(byPhone.json()[u"requests"][0][u"number"].toString(), number);
        QCOMPARE(byPhone.json()[u"requests"][0][u"callers"][0][u"name"].toString(),
                 QStringLiteral("Rosa Díaz"));
        const auto byEmail =
            m_server->get(QStringLiteral("/api/v1/requests?email=ROSA@example.org"), token);
        QCOMPARE(byEmail.json()[u"requests"][0][u"number"].toString(), number);
        const auto byNumber = m_server->get(u"/api/v1/requests?number=" + number, token);
        QCOMPARE(byNumber.json()[u"requests"].toArray().size(), 1);
        const auto near = m_server->get(
            QStringLiteral("/api/v1/requests?lat=42.3604&lon=-71.0579&radius=50&limit=200"), token);
        QCOMPARE(near.status, 200);
        bool found = false;
        for (const QJsonValue &v : near.json()[u"requests"].toArray())
            found = found || v[u"number"].toString() == number;
        QVERIFY(found);
        const auto far = m_server->get(
            QStringLiteral("/api/v1/requests?lat=42.3000&lon=-71.2000&radius=50"), token);
        QCOMPARE(far.json()[u"requests"].toArray().size(), 0);
        const auto one = m_server->get(u"/api/v1/requests/" + number, token);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json()[u"events"].toArray().size(), 2);
        verifyError(m_server->get(QStringLiteral("/api/v1/requests/NOPE-0000"), token), 404,
                    QStringLiteral("not_found"));
        verifyError(m_server->get(QStringLiteral("/api/v1/requests?phone=1&email=a@b.c"), token),
                    400, QStringLiteral("validation"));
        verifyError(
            m_server->get(QStringLiteral("/api/v1/requests?lat=42&lon=-71&radius=99999"), token),
            400, QStringLiteral("validation"));
    }

    void referenceDataInResumablePages()
    {
        const QString token = m_tokens[QStringLiteral("trainer")];
        const auto index = m_server->get(QStringLiteral("/api/v1/reference"), token);
        QCOMPARE(index.status, 200);
        QCOMPARE(index.json()[u"city"][u"city_name"].toString(), QStringLiteral("Mini Boston"));
        qint64 addresses = 0;
        for (const QJsonValue &t : index.json()[u"tables"].toArray()) {
            if (t[u"name"].toString() == u"addresses")
                addresses = qint64(t[u"rows"].toDouble());
        }
        QCOMPARE(addresses, 30);
        // Page through with keyset cursors: every row exactly once.
        QSet<qint64> ids;
        QString after;
        int pages = 0;
        do {
            const auto page = m_server->get(
                QStringLiteral("/api/v1/reference/addresses?page_size=7&after=%1").arg(after),
                token);
            QCOMPARE(page.status, 200);
            const int idColumn =
                page.json()[u"columns"].toArray().toVariantList().indexOf(QStringLiteral("id"));
            QVERIFY(idColumn >= 0);
            for (const QJsonValue &row : page.json()[u"rows"].toArray())
                ids.insert(qint64(row[idColumn].toDouble()));
            after = page.json()[u"next"].toString();
            ++pages;
        } while (!after.isEmpty() && pages < 20);
        QCOMPARE(ids.size(), 30);
        QCOMPARE(pages, 5);
        const auto layers =
            m_server->get(QStringLiteral("/api/v1/reference/map_layers?page_size=1"), token);
        QCOMPARE(layers.status, 200);
        verifyError(m_server->get(QStringLiteral("/api/v1/reference/users"), token), 404,
                    QStringLiteral("not_found"));
        verifyError(
            m_server->get(QStringLiteral("/api/v1/reference/addresses?page_size=999999"), token),
            400, QStringLiteral("validation"));
    }

    void hostileInputChangesNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("field");
        QTest::newRow("malformed json")
            << QByteArray("{\"events\": [") << 400 << QStringLiteral("body");
        QTest::newRow("not an object") << QByteArray("[1,2,3]") << 400 << QStringLiteral("body");
        QTest::newRow("invalid utf-8")
            << QByteArray("{\"events\": [\"\xff\xfe\"]}") << 400 << QStringLiteral("body");
        QTest::newRow("events not a list")
            << QByteArray("{\"events\": \"all\"}") << 400 << QStringLiteral("events");
        QTest::newRow("empty batch")
            << QByteArray("{\"events\": []}") << 400 << QStringLiteral("events");
        QTest::newRow("wrong types")
            << QByteArray("{\"events\": [{\"id\": 5}]}") << 400 << QStringLiteral("events[0].id");
        QTest::newRow("time as text")
            << QByteArray(
                   "{\"events\": [{\"id\": \"a\", \"entity_type\": \"request\", \"entity_id\": "
                   "\"b\", \"kind\": \"request.created\", \"actor\": \"u_admin\", \"payload\": "
                   "{}, \"client_time\": \"yesterday\"}]}")
            << 400 << QStringLiteral("events[0].client_time");
        QByteArray big(10 * 1024 * 1024, 'x');
        big.prepend("{\"events\": [\"");
        big.append("\"]}");
        QTest::newRow("10 MB body") << big << 413 << QString();
        QJsonArray many;
        for (int i = 0; i < 501; ++i)
            many.append(requestCreated(QStringLiteral("u_admin"), QStringLiteral("X%1").arg(i)));
        QTest::newRow("501 events")
            << batch(many).toJson(QJsonDocument::Compact) << 400 << QStringLiteral("events");
        // Text a store cannot keep exactly: the field is named, no SQL text comes back.
        const auto withText = [](const char *json) -> QByteArray {
            return QByteArray("{\"events\": [{\"id\": \"3f0e2a6c-8c4a-4a0e-9a57-2f6f3b1d0a11\", "
                              "\"entity_type\": \"request\", \"entity_id\": \"b\", \"kind\": "
                              "\"request.note_added\", \"actor\": \"u_admin\", \"client_time\": "
                              "1764000000000, ") +
                   json + "}]}";
        };
        QTest::newRow("NUL in the device")
            << withText("\"device\": \"D\\u0000X\", \"payload\": {\"text\": \"a\"}") << 400
            << QStringLiteral("events[0].device");
        QTest::newRow("lone surrogate in a note")
            << withText("\"device\": \"D\", \"payload\": {\"text\": \"a\\ud800b\"}") << 400
            << QStringLiteral("events[0].payload.text");
        QTest::newRow("byte-order mark first")
            << withText("\"device\": \"D\", \"payload\": {\"text\": \"\\ufeffhello\"}") << 400
            << QStringLiteral("events[0].payload.text");
        QTest::newRow("noncharacter")
            << withText("\"device\": \"D\", \"payload\": {\"text\": \"a\\uffffb\"}") << 400
            << QStringLiteral("events[0].payload.text");
    }

    void hostileInputChangesNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, field);
        const qint64 before = lastSeq();
        const auto r = m_server->request(
            QByteArrayLiteral("POST"), QStringLiteral("/api/v1/events"), body,
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
             {QByteArrayLiteral("Authorization"),
              "Bearer " + m_tokens[QStringLiteral("admin")].toLatin1()}});
        QCOMPARE(r.status, status);
        QCOMPARE(r.json()[u"error"][u"field"].toString(), field);
        QVERIFY(!r.json()[u"error"][u"message"].toString().isEmpty());
        QCOMPARE(lastSeq(), before);
    }

    // Each event is checked before anything is written: a place off the globe, a time that is
    // not a time.
    void impossiblePlacesAndTimesAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("latitude 1000") << QStringLiteral("latitude") << QJsonValue(1000);
        QTest::newRow("longitude -5000") << QStringLiteral("longitude") << QJsonValue(-5000);
        QTest::newRow("latitude as text")
            << QStringLiteral("latitude") << QJsonValue(QStringLiteral("north"));
        QTest::newRow("opened_at not a date")
            << QStringLiteral("opened_at") << QJsonValue(QStringLiteral("not a date"));
        QTest::newRow("due_at not a date")
            << QStringLiteral("due_at") << QJsonValue(QStringLiteral("soon"));
    }

    void impossiblePlacesAndTimesAreRefused()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject event = requestCreated(QStringLiteral("u_call_taker"), nextNumber());
        QJsonObject payload = event.value(u"payload").toObject();
        payload.insert(key, value);
        event.insert(QStringLiteral("payload"), payload);
        const qint64 before = lastSeq();
        const auto r = push({event}, QStringLiteral("call_taker"));
        QCOMPARE(r.status, 200);
        const QJsonObject rejected = r.json()[u"rejected"].toArray().first().toObject();
        QCOMPARE(rejected.value(u"code").toString(), QStringLiteral("validation"));
        QVERIFY2(rejected.value(u"message").toString().contains(key),
                 qPrintable(rejected.value(u"message").toString()));
        QVERIFY(!r.body.contains("SQL") && !r.body.contains("INSERT"));
        QCOMPARE(lastSeq(), before);
    }

    // Text no store keeps exactly is refused at sign-in and in queries too, never with SQL text.
    void unstorableTextInSignInAndQueries()
    {
        const auto login = m_server->request(
            QByteArrayLiteral("POST"), QStringLiteral("/api/v1/login"),
            QByteArrayLiteral("{\"username\": \"u_admin\\u0000\", \"password\": \"x\"}"),
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
        verifyError(login, 400, QStringLiteral("validation"));
        QCOMPARE(login.json()[u"error"][u"field"].toString(), QStringLiteral("username"));
        const auto query = m_server->get(QStringLiteral("/api/v1/requests?phone=617%00555"),
                                         m_tokens.value(QStringLiteral("admin")));
        verifyError(query, 400, QStringLiteral("validation"));
        QCOMPARE(query.json()[u"error"][u"field"].toString(), QStringLiteral("phone"));
    }

    // A known path asked with a method it does not answer: 405 and the methods it does.
    void wrongMethodIs405()
    {
        const auto me =
            m_server->request(QByteArrayLiteral("DELETE"), QStringLiteral("/api/v1/me"), {}, {});
        verifyError(me, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(me.header("Allow"), QByteArrayLiteral("GET"));
        const auto events =
            m_server->request(QByteArrayLiteral("PUT"), QStringLiteral("/api/v1/events"), {}, {});
        QCOMPARE(events.status, 405);
        QCOMPARE(events.header("Allow"), QByteArrayLiteral("GET, POST"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/nothing-here")).status, 404);
    }

    void sqlMetacharactersAreJustText()
    {
        const QString token = m_tokens[QStringLiteral("supervisor")];
        const QString evil = QStringLiteral("x'); DROP TABLE events; --");
        const auto q = m_server->get(QStringLiteral("/api/v1/requests?address=%1")
                                         .arg(QString::fromLatin1(QUrl::toPercentEncoding(evil))),
                                     token);
        QCOMPARE(q.status, 200);
        QCOMPARE(q.json()[u"requests"].toArray().size(), 0);
        const QString number = nextNumber();
        QJsonObject created = requestCreated(QStringLiteral("u_supervisor"), number);
        QJsonObject payload = created[u"payload"].toObject();
        payload.insert(QStringLiteral("description"), evil);
        created.insert(QStringLiteral("payload"), payload);
        QCOMPARE(push({created}, QStringLiteral("supervisor")).json()[u"accepted"].toArray().size(),
                 1);
        const auto back = m_server->get(u"/api/v1/requests?number=" + number, token);
        QCOMPARE(back.json()[u"requests"][0][u"description"].toString(), evil);
        QVERIFY(lastSeq() > 0);
    }

    void badQueryParametersAndPaths()
    {
        const QString token = m_tokens[QStringLiteral("call_taker")];
        verifyError(m_server->get(QStringLiteral("/api/v1/events?after=-1"), token), 400,
                    QStringLiteral("validation"));
        verifyError(m_server->get(QStringLiteral("/api/v1/events?limit=100000000"), token), 400,
                    QStringLiteral("validation"));
        verifyError(m_server->get(QStringLiteral("/api/v1/events?wait=3600"), token), 400,
                    QStringLiteral("validation"));
        verifyError(
            m_server->get(QStringLiteral("/api/v1/reference/..%2F..%2Fetc%2Fpasswd"), token), 404,
            QStringLiteral("not_found"));
        QCOMPARE(m_server->get(QStringLiteral("/api/v1/../../etc/passwd"), token).status, 404);
        QCOMPARE(m_server->get(QStringLiteral("/api/v2/events"), token).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestSyncApi)
#include "tst_syncapi.moc"

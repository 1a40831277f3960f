// Every endpoint of the real civicdesk-server (sync API, queries, reference, reviews, users,
// practice channel, Open311; SQLite or PostgreSQL, CIVICDESK_TEST_BACKEND) sent a corpus of
// hostile input: text no store keeps (NUL, a lone surrogate, a byte-order mark, a
// noncharacter), invalid UTF-8, SQL, format strings, 100,000 characters, in every field, query
// parameter, path segment and token; and bodies empty, cut in half, nested 100,000 deep or with
// a number no double holds. Each answer comes (the server never hangs or dies), is never a 5xx,
// never carries SQL or driver text, refuses in the documented error shape, and the store,
// dumped row by row before and after, is unchanged (issue 13, "Tests").

#include "tests/support/rawhttp.h"
#include "tests/support/serverfixture.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUrl>
#include <algorithm>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

// A request with `@` where the hostile value goes: in the path and query (percent-encoded), in
// the body (as JSON string content, or form-encoded), or as the bearer token.
struct Endpoint
{
    QByteArray method;
    QByteArray target;    // path and query
    QByteArray body = {}; // empty: none
    enum class Body
    {
        None,
        Json,
        Form
    } kind = Body::None;
    enum class Auth
    {
        Admin,  // the admin's token
        None,   // no token
        Hostile // the hostile value is the token
    } auth = Auth::Admin;
};

struct Hostile
{
    const char *name;
    QByteArray json; // inside a JSON string
    QByteArray url;  // percent-encoded, for paths, queries and forms
};

QList<Hostile> hostileValues()
{
    const QByteArray longText(100000, 'A');
    return {
        {"NUL", "a\\u0000b", "a%00b"},
        {"lone surrogate", "a\\ud800b", "a%ED%A0%80b"},
        {"byte-order mark first", "\\ufeffa", "%EF%BB%BFa"},
        {"noncharacter", "a\\uffffb", "a%EF%BF%BFb"},
        {"invalid UTF-8",
         "a\xff\xfe"
         "b",
         "a%FF%FEb"},
        {"SQL", "x'; DROP TABLE events; --", "x%27%3B%20DROP%20TABLE%20events%3B%20--"},
        {"format string", "%s%n%x%d", "%25s%25n%25x%25d"},
        {"100,000 characters", longText, longText},
        {"plain", "x", "x"},
    };
}

QList<Endpoint> endpoints()
{
    using B = Endpoint::Body;
    using A = Endpoint::Auth;
    return {
        {"POST", "/api/v1/login",
         R"({"username": "@", "password": "not the password", "device": "@"})", B::Json, A::None},
        {"POST", "/api/v1/logout", {}, B::None, A::Hostile},
        {"GET", "/api/v1/me", {}, B::None, A::Hostile},
        {"POST", "/api/v1/events",
         R"({"events": [{"id": "@", "entity_type": "@", "entity_id": "@", "kind": "@", )"
         R"("actor": "@", "device": "@", "client_time": 1764000000000, "payload": {"text": "@"}}]})",
         B::Json},
        {"GET", "/api/v1/events?after=@&limit=@&wait=0"},
        {"GET", "/api/v1/requests?number=@"},
        {"GET", "/api/v1/requests?phone=@"},
        {"GET", "/api/v1/requests?email=@"},
        {"GET", "/api/v1/requests?address=@"},
        {"GET", "/api/v1/requests?lat=@&lon=@&radius=@"},
        {"GET", "/api/v1/requests/@"},
        {"GET", "/api/v1/reference/@?after=@&page_size=@"},
        {"GET", "/api/v1/reference/addresses?after=@&page_size=@"},
        {"GET", "/api/v1/reviews?agent=@"},
        {"POST", "/api/v1/users", R"({"name": "@", "role": "@", "password": "@"})", B::Json},
        {"PATCH", "/api/v1/users/@", R"({"role": "@", "disabled": "@", "password": "@"})", B::Json},
        {"POST", "/api/v1/practice/sessions", R"({"scenario": "@", "title": "@"})", B::Json},
        {"POST", "/api/v1/practice/join", R"({"code": "@", "practice": true})", B::Json},
        {"POST", "/api/v1/practice/messages", R"({"session": "@", "kind": "@", "text": "@"})",
         B::Json},
        {"GET", "/api/v1/practice/messages?session=@&after=@&wait=0"},
        {"POST", "/api/v1/practice/close", R"({"session": "@"})", B::Json},
        {"GET", "/api/v1/practice/scenarios?after=@"},
        {"POST", "/api/v1/practice/scenarios",
         R"({"scenario": {"id": "@", "title": "@", "language": "@", "opening": "@"}, )"
         R"("replacing": "@"})",
         B::Json},
        {"DELETE", "/api/v1/practice/scenarios?id=@"},
        {"GET", "/api/v1/practice/runs?trainee=@"},
        {"POST", "/api/v1/practice/runs",
         R"({"runs": [{"id": "@", "trainee": "@", "scenario_id": "@", "scenario_title": "@", )"
         R"("language": "@", "finished_at": "@", "seconds": 1, "score": 50, "pass_mark": 80, )"
         R"("critical": ["@"], "criteria": []}]})",
         B::Json},
        {"GET", "/open311/v2/services.json?jurisdiction_id=@", {}, B::None, A::None},
        {"GET", "/open311/v2/services/@.json", {}, B::None, A::None},
        {"GET",
         "/open311/v2/requests.json?service_request_id=@&status=@&start_date=@",
         {},
         B::None,
         A::None},
        {"GET", "/open311/v2/requests/@.json", {}, B::None, A::None},
        {"GET", "/open311/v2/tokens/@.json", {}, B::None, A::None},
        {"POST", "/open311/v2/requests.json",
         "api_key=KEY&service_code=@&lat=@&long=@&first_name=@&email=@&description=@", B::Form,
         A::None},
        {"POST", "/open311/v2/requests.json",
         "api_key=@&service_code=BOS311GEN&lat=42.3601&long=-71.0589&description=@", B::Form,
         A::None},
    };
}

// Whole-body damage to a JSON endpoint's body (its `@` made plain first).
QList<std::pair<const char *, QByteArray>> damagedBodies(const QByteArray &body)
{
    return {{"empty", QByteArray()},
            {"cut in half", body.left(body.size() / 2)},
            {"nested 100,000 deep", QByteArray(100000, '[') + QByteArray(100000, ']')},
            {"a number no double holds", QByteArrayLiteral(R"({"events": 1e999, "name": 1e999})")},
            {"not JSON", QByteArrayLiteral("<xml>&lt;</xml>")}};
}

// What a response must never carry: the driver's or the database's own words.
bool carriesStoreText(const QByteArray &response)
{
    const QByteArray lower = response.toLower();
    for (const char *word : {"qsqlite", "qpsql", "sqlite_", "syntax error", "violates",
                             "constraint", "error:  ", "unrecognized token", "no such table",
                             "duplicate key", "invalid byte sequence"}) {
        if (lower.contains(word))
            return true;
    }
    return false;
}

} // namespace

class TestHostileEndpoints : public QObject
{
    Q_OBJECT

    ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QByteArray m_admin;
    QByteArray m_key;
    int m_sent = 0;

    // Every table but the sign-in attempts: a hostile sign-in is an attempt like any other, and
    // counting it towards the limits (in the store every process shares) is the point.
    QString dump()
    {
        auto store = Database::open(m_fixture.storeUrl());
        return store ? dumpStore(*store.value(), {QStringLiteral("signin_attempts")})
                     : u"(not opened) " + store.error().message;
    }

    QByteArray requestOf(const Endpoint &e, const QByteArray &target, const QByteArray &body,
                         const QByteArray &token)
    {
        QByteArray request = e.method + ' ' + target + " HTTP/1.1\r\nHost: test\r\n";
        const QByteArray bearer = e.auth == Endpoint::Auth::Admin ? m_admin : token;
        if (!bearer.isEmpty())
            request += "Authorization: Bearer " + bearer + "\r\n";
        if (e.kind != Endpoint::Body::None) {
            request +=
                e.kind == Endpoint::Body::Json
                    ? QByteArrayLiteral("Content-Type: application/json\r\n")
                    : QByteArrayLiteral("Content-Type: application/x-www-form-urlencoded\r\n");
        }
        if (e.method != "GET")
            request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        return request + "\r\n" + body;
    }

    // Sends one request on a connection of its own and checks its answer.
    void verifyRefusedCleanly(const QByteArray &what, const Endpoint &e, const QByteArray &request)
    {
        ++m_sent;
        RawConnection connection(m_fixture.server().port());
        QVERIFY2(connection.isOpen(), what.constData());
        connection.send(request);
        const QByteArray response = connection.response(30000);
        QVERIFY2(!response.isEmpty(), QByteArray("no answer in 30 s: " + what).constData());
        const int status = statusOf(response);
        const QByteArray head = what + " -> " + response.left(600);
        QVERIFY2(status >= 200 && status < 500, head.constData());
        QVERIFY2(!carriesStoreText(response), head.constData());
        // A write is never accepted (every seed is refused) but for a push, judged event by
        // event (200 with each refused), and a practice room, kept in memory only, whose
        // scenario is a free label of the trainer's; a read may find nothing.
        if (e.method != "GET" && e.target != "/api/v1/events" &&
            e.target != "/api/v1/practice/sessions")
            QVERIFY2(status >= 400, head.constData());
        if (status >= 400 && status != 405) {
            const QByteArray body = response.mid(response.indexOf("\r\n\r\n") + 4);
            const QJsonDocument json = QJsonDocument::fromJson(body);
            // Open311's shape on its paths, a head too large among them (it came in the sync
            // API's before: the guard did not know the path of a head it refused).
            const bool documented =
                e.target.startsWith("/open311")
                    ? json.isArray() && !json.array().first()[u"description"].toString().isEmpty()
                    : !json.object()[u"error"][u"code"].toString().isEmpty();
            QVERIFY2(documented, head.constData());
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_fixture.open() && m_fixture.importMiniCity() &&
                     m_fixture.addUsers({{QStringLiteral("root"), QStringLiteral("admin")}}),
                 qPrintable(m_fixture.error()));
        m_key = m_fixture.server().createApiKey(QStringLiteral("web form")).toLatin1();
        QVERIFY(!m_key.isEmpty());
        QVERIFY2(m_fixture.start() && m_fixture.signIn({QStringLiteral("root")}),
                 qPrintable(m_fixture.error()));
        m_admin = m_fixture.token(QStringLiteral("root")).toLatin1();
    }

    void cleanupTestCase() { m_fixture.stop(); }

    void everyEndpointRefusesHostileInputAndChangesNothing()
    {
        const QString before = dump();
        QVERIFY2(before.contains(u"== events"), qPrintable(before.left(300)));
        for (const Endpoint &e : endpoints()) {
            const QByteArray body = QByteArray(e.body).replace(
                "KEY", QUrl::toPercentEncoding(QString::fromLatin1(m_key)));
            for (const Hostile &h : hostileValues()) {
                const QByteArray what = e.method + ' ' + e.target + " with " + h.name;
                QByteArray target = e.target;
                target.replace('@', h.url);
                QByteArray filled = body;
                filled.replace('@', e.kind == Endpoint::Body::Json ? h.json : h.url);
                verifyRefusedCleanly(what, e, requestOf(e, target, filled, h.url));
                if (QTest::currentTestFailed())
                    return;
            }
            if (e.kind != Endpoint::Body::Json)
                continue;
            QByteArray target = e.target;
            target.replace('@', "x");
            for (const auto &[name, damaged] : damagedBodies(QByteArray(body).replace('@', "x"))) {
                const QByteArray what = e.method + ' ' + e.target + " with a body " + name;
                verifyRefusedCleanly(what, e, requestOf(e, target, damaged, "x"));
                if (QTest::currentTestFailed())
                    return;
            }
        }
        qInfo("%d hostile requests", m_sent);
        // The server is still there, the admin still signed in, and nothing was written.
        QCOMPARE(m_fixture.server()
                     .get(QStringLiteral("/api/v1/me"), QString::fromLatin1(m_admin))
                     .status,
                 200);
        const QString after = dump();
        if (after != before) {
            const QStringList a = before.split(u'\n');
            const QStringList b = after.split(u'\n');
            for (int i = 0; i < std::min(a.size(), b.size()); ++i)
                QVERIFY2(a.at(i) == b.at(i),
                         qPrintable(a.at(i).left(300) + u" -> " + b.at(i).left(300)));
            QCOMPARE(b.size(), a.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileEndpoints)
#include "tst_hostileendpoints.moc"

// The sync API against hostile input, on the real civicdesk-server (SQLite or PostgreSQL):
// malformed or oversized bodies, impossible places and times, unstorable text, wrong methods,
// SQL metacharacters and bad query parameters get the documented error and change nothing.

#include "tests/server/syncapitest.h"

using namespace civicdesk;
using namespace civicdesk::test;

class TestSyncApiHostile : public SyncApiTest
{
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

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
        const auto r = server().request(
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
        const auto login = server().request(
            QByteArrayLiteral("POST"), QStringLiteral("/api/v1/login"),
            QByteArrayLiteral("{\"username\": \"u_admin\\u0000\", \"password\": \"x\"}"),
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
        verifyError(login, 400, QStringLiteral("validation"));
        QCOMPARE(login.json()[u"error"][u"field"].toString(), QStringLiteral("username"));
        const auto query = server().get(QStringLiteral("/api/v1/requests?phone=617%00555"),
                                        m_tokens.value(QStringLiteral("admin")));
        verifyError(query, 400, QStringLiteral("validation"));
        QCOMPARE(query.json()[u"error"][u"field"].toString(), QStringLiteral("phone"));
    }

    // A known path asked with a method it does not answer: 405 and the methods it does.
    void wrongMethodIs405()
    {
        const auto me =
            server().request(QByteArrayLiteral("DELETE"), QStringLiteral("/api/v1/me"), {}, {});
        verifyError(me, 405, QStringLiteral("method_not_allowed"));
        QCOMPARE(me.header("Allow"), QByteArrayLiteral("GET"));
        const auto events =
            server().request(QByteArrayLiteral("PUT"), QStringLiteral("/api/v1/events"), {}, {});
        QCOMPARE(events.status, 405);
        QCOMPARE(events.header("Allow"), QByteArrayLiteral("GET, POST"));
        QCOMPARE(server().get(QStringLiteral("/api/v1/nothing-here")).status, 404);
    }

    void sqlMetacharactersAreJustText()
    {
        const QString token = m_tokens[QStringLiteral("supervisor")];
        const QString evil = QStringLiteral("x'); DROP TABLE events; --");
        const auto q = server().get(QStringLiteral("/api/v1/requests?address=%1")
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
        const auto back = server().get(u"/api/v1/requests?number=" + number, token);
        QCOMPARE(back.json()[u"requests"][0][u"description"].toString(), evil);
        QVERIFY(lastSeq() > 0);
    }

    void badQueryParametersAndPaths()
    {
        const QString token = m_tokens[QStringLiteral("call_taker")];
        verifyError(server().get(QStringLiteral("/api/v1/events?after=-1"), token), 400,
                    QStringLiteral("validation"));
        verifyError(server().get(QStringLiteral("/api/v1/events?limit=100000000"), token), 400,
                    QStringLiteral("validation"));
        verifyError(server().get(QStringLiteral("/api/v1/events?wait=3600"), token), 400,
                    QStringLiteral("validation"));
        verifyError(server().get(QStringLiteral("/api/v1/reference/..%2F..%2Fetc%2Fpasswd"), token),
                    404, QStringLiteral("not_found"));
        QCOMPARE(server().get(QStringLiteral("/api/v1/../../etc/passwd"), token).status, 404);
        QCOMPARE(server().get(QStringLiteral("/api/v2/events"), token).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestSyncApiHostile)
#include "tst_syncapihostile.moc"

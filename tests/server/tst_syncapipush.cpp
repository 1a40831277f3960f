// The sync API's push and pull, on the real civicdesk-server (SQLite or PostgreSQL): identical
// batches at once, shared pull answers, review events kept out of the pull, idempotent push, a
// bad event or a refusing projection not sinking the batch, long-poll wake-up, the queries
// beyond the local replica and the reference data in resumable pages.

#include "tests/server/syncapitest.h"

using namespace civicdesk;
using namespace civicdesk::test;

class TestSyncApiPush : public SyncApiTest
{
    Q_OBJECT

private slots:
    void initTestCase() { startServer(); }

    // The same batch sent to two server processes on one store at once (a workstation retrying
    // through a load balancer): both answer 200 with the same sequence numbers, never a 500.
    void concurrentIdenticalBatchesGetTheSameAnswer()
    {
        if (test::ServerStore::backend() != u"postgres")
            QSKIP("several server processes share a PostgreSQL store (tst_syncapipush_postgres)");
        ServerProcess second(QStringLiteral(CIVICDESK_SERVER), m_fixture.storeUrl());
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
            std::unique_ptr<QNetworkReply> a(post(server().baseUrl()));
            std::unique_ptr<QNetworkReply> b(post(second.baseUrl()));
            QTRY_VERIFY_WITH_TIMEOUT(a->isFinished() && b->isFinished(), 20000);
            // The same answer, word for word: the batch's events in the batch's order (the
            // process that found them stored by the other one meanwhile listed them backwards).
            QList<std::pair<QString, double>> answers[2];
            int i = 0;
            for (QNetworkReply *reply : {a.get(), b.get()}) {
                const QByteArray answer = reply->readAll();
                QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
                const QJsonObject json = QJsonDocument::fromJson(answer).object();
                QVERIFY2(json.value(u"rejected").toArray().isEmpty(), answer.constData());
                for (const QJsonValue &v : json.value(u"accepted").toArray())
                    answers[i].append({v[u"id"].toString(), v[u"seq"].toDouble()});
                ++i;
            }
            QCOMPARE(answers[0].size(), 200);
            QCOMPARE(answers[0], answers[1]);
            for (qsizetype n = 0; n < events.size(); ++n)
                QCOMPARE(answers[0].at(n).first, events.at(n)[u"id"].toString());
        }
        second.terminate();
    }

    // Pulls after the same number share one answer until a new event arrives (issue 13, item
    // 9); a shared answer never hides an event accepted since.
    void sharedPullAnswersNeverHideANewEvent()
    {
        const QString token = m_tokens.value(QStringLiteral("lobby"));
        const qint64 from = lastSeq();
        const auto pulled = [&](const QString &query) {
            const auto r = server().get(
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
        ServerProcess other(QStringLiteral(CIVICDESK_SERVER), m_fixture.storeUrl());
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
            const auto reply = server().get(
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
            server().get(QStringLiteral("/api/v1/events?after=%1&limit=1").arg(before + 1),
                         m_tokens[QStringLiteral("call_taker")]);
        QCOMPARE(next.json()[u"events"].toArray().size(), 0);
        QCOMPARE(qint64(next.json()[u"through"].toDouble()), before + 2);

        // Long polls waiting after the same number with the same limit share one answer, but
        // never across readers: the supervisor's answer holds the review, the call taker's not.
        const qint64 after = lastSeq();
        QNetworkAccessManager network;
        const auto waitAs = [&](const QString &role) {
            QNetworkRequest request(
                QUrl(server().baseUrl() +
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

    // An unanswered search without its language is refused by validation, saying "language",
    // not late by the knowledge_gaps table; the contact before it is kept.
    void anUnansweredSearchWithoutLanguageIsAValidationError()
    {
        const qint64 before = lastSeq();
        const QString contact = uuid();
        const auto r =
            push({makeEvent(QStringLiteral("u_call_taker"), QStringLiteral("contact"), contact,
                            QStringLiteral("contact.started"),
                            {{QStringLiteral("channel"), QStringLiteral("phone")}}),
                  makeEvent(QStringLiteral("u_call_taker"), QStringLiteral("contact"), contact,
                            QStringLiteral("contact.search_unanswered"),
                            {{QStringLiteral("query"), QStringLiteral("passport renewal")}})},
                 QStringLiteral("call_taker"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json()[u"accepted"].toArray().size(), 1);
        const QJsonArray rejected = r.json()[u"rejected"].toArray();
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.at(0)[u"code"].toString(), QStringLiteral("validation"));
        const QString message = rejected.at(0)[u"message"].toString();
        QVERIFY2(message.contains(u"\"language\" is missing"), qPrintable(message));
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
        verifyTakenNumber(r.json()[u"rejected"][0].toObject(), number);
        if (QTest::currentTestFailed())
            return;
        // In a later push, the number found in the store.
        const auto later =
            push({requestCreated(QStringLiteral("u_lobby"), number)}, QStringLiteral("lobby"));
        QCOMPARE(later.status, 200);
        QCOMPARE(later.json()[u"rejected"].toArray().size(), 1);
        verifyTakenNumber(later.json()[u"rejected"][0].toObject(), number);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(lastSeq(), before + 2);
    }

    void longPollWakesUpAtOnce()
    {
        const qint64 after = lastSeq();
        // A pull with nothing new waits...
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(server().baseUrl() +
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
            server().get(QStringLiteral("/api/v1/events?after=%1&wait=1").arg(after + 1),
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
            server().get(QStringLiteral("/api/v1/requests?phone=(617)%20555-0123"), token);
        QCOMPARE(byPhone.status, 200);
        QCOMPARE(byPhone.json()[u"requests"][0][u"number"].toString(), number);
        QCOMPARE(byPhone.json()[u"requests"][0][u"callers"][0][u"name"].toString(),
                 QStringLiteral("Rosa Díaz"));
        const auto byEmail =
            server().get(QStringLiteral("/api/v1/requests?email=ROSA@example.org"), token);
        QCOMPARE(byEmail.json()[u"requests"][0][u"number"].toString(), number);
        const auto byNumber = server().get(u"/api/v1/requests?number=" + number, token);
        QCOMPARE(byNumber.json()[u"requests"].toArray().size(), 1);
        const auto near = server().get(
            QStringLiteral("/api/v1/requests?lat=42.3604&lon=-71.0579&radius=50&limit=200"), token);
        QCOMPARE(near.status, 200);
        bool found = false;
        for (const QJsonValue &v : near.json()[u"requests"].toArray())
            found = found || v[u"number"].toString() == number;
        QVERIFY(found);
        const auto far = server().get(
            QStringLiteral("/api/v1/requests?lat=42.3000&lon=-71.2000&radius=50"), token);
        QCOMPARE(far.json()[u"requests"].toArray().size(), 0);
        const auto one = server().get(u"/api/v1/requests/" + number, token);
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json()[u"events"].toArray().size(), 2);
        verifyError(server().get(QStringLiteral("/api/v1/requests/NOPE-0000"), token), 404,
                    QStringLiteral("not_found"));
        verifyError(server().get(QStringLiteral("/api/v1/requests?phone=1&email=a@b.c"), token),
                    400, QStringLiteral("validation"));
        verifyError(
            server().get(QStringLiteral("/api/v1/requests?lat=42&lon=-71&radius=99999"), token),
            400, QStringLiteral("validation"));
    }

    void referenceDataInResumablePages()
    {
        const QString token = m_tokens[QStringLiteral("trainer")];
        const auto index = server().get(QStringLiteral("/api/v1/reference"), token);
        QCOMPARE(index.status, 200);
        QCOMPARE(index.json()[u"city"][u"city_name"].toString(), QStringLiteral("Mini Boston"));
        // Every workstation's lobby names the categories as the pack does (the kiosk's reasons).
        QVERIFY(index.json()[u"city"][u"city_category_names"].toString().contains(u"Animales"));
        // ... and every view of a type names it in the window's language.
        QVERIFY(
            index.json()[u"city"][u"city_service_names"].toString().contains(u"Ratas o ratones"));
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
            const auto page = server().get(
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
            server().get(QStringLiteral("/api/v1/reference/map_layers?page_size=1"), token);
        QCOMPARE(layers.status, 200);
        verifyError(server().get(QStringLiteral("/api/v1/reference/users"), token), 404,
                    QStringLiteral("not_found"));
        verifyError(
            server().get(QStringLiteral("/api/v1/reference/addresses?page_size=999999"), token),
            400, QStringLiteral("validation"));
    }

private:
    // The refusal says what clashes and names the field, never the driver's or SQL text (it
    // carried "INSERT INTO requests(...) failed: ... duplicate key value violates unique
    // constraint" on PostgreSQL, "UNIQUE constraint failed" on SQLite).
    static void verifyTakenNumber(const QJsonObject &rejected, const QString &number)
    {
        QCOMPARE(rejected.value(u"code").toString(), QStringLiteral("conflict"));
        QCOMPARE(rejected.value(u"field").toString(), QStringLiteral("payload.number"));
        const QString message = rejected.value(u"message").toString();
        QVERIFY2(message.contains(number) && message.contains(u"new number"), qPrintable(message));
        for (const char16_t *driverText :
             {u"INSERT", u"constraint", u"QPSQL", u"duplicate key", u"UNIQUE", u"failed"})
            QVERIFY2(!message.contains(QStringView(driverText), Qt::CaseInsensitive),
                     qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestSyncApiPush)
#include "tst_syncapipush.moc"

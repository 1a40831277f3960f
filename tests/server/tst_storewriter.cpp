// The real civicdesk-server writing pushes on its store writer thread (SQLite or PostgreSQL,
// CIVICDESK_TEST_BACKEND): a push that waits for the database (a write lock held by another
// connection) does not hold up a pull on another connection, and is answered once written;
// concurrent pushes, identical batches among them, keep sequence numbers unique, in commit order
// and the same for the same event, and every acknowledged event is in the next pull. Pushes that
// arrive while a commit is in flight are written in the next single transaction (group commit),
// each judged on its own, and every acknowledged event survives a SIGKILL right after the answers.

#include "models/domain/eventjson.h"
#include "tests/support/permissionmatrix.h"
#include "tests/support/rawhttp.h"
#include "tests/support/serverfixture.h"
#include "tests/support/storewritelock.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <memory>

using namespace civicdesk;
using test::RawConnection;
using test::ServerFixture;
using test::statusOf;
using WriteLock = test::StoreWriteLock;

namespace {

QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

QByteArray pushRequest(const QByteArray &token, const QJsonArray &events)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("events"), events}})
                                .toJson(QJsonDocument::Compact);
    return "POST /api/v1/events HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
           "Authorization: Bearer " +
           token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray pullRequest(const QByteArray &token, qint64 after, int limit = 1000)
{
    return "GET /api/v1/events?after=" + QByteArray::number(after) +
           "&limit=" + QByteArray::number(limit) + "&wait=0 HTTP/1.1\r\nHost: test\r\n" +
           "Authorization: Bearer " + token + "\r\n\r\n";
}

} // namespace

class TestStoreWriter : public QObject
{
    Q_OBJECT

    ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QByteArray m_token;
    int m_numbers = 0;

    QJsonObject newEvent()
    {
        return test::requestCreatedEvent(QStringLiteral("agent.w"),
                                         QStringLiteral("W%1").arg(++m_numbers, 9, 10, QChar(u'0')),
                                         QStringLiteral("TEST"));
    }

    quint16 port() { return m_fixture.server().port(); }

    // A fresh server process on the suite's store, with `arguments` added.
    bool restart(const QStringList &arguments = {}) { return m_fixture.start(arguments); }

    qint64 lastSeq()
    {
        RawConnection connection(port());
        connection.send(pullRequest(m_token, 0, 1));
        return qint64(bodyOf(connection.response()).value(u"last_seq").toDouble());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_fixture.setUp({{QStringLiteral("agent.w"), QStringLiteral("call_taker")}},
                                 ServerFixture::City::Mini, {QStringLiteral("agent.w")}),
                 qPrintable(m_fixture.error()));
        m_token = m_fixture.token(QStringLiteral("agent.w")).toLatin1();
    }

    void cleanupTestCase() { m_fixture.stop(); }

    // On PostgreSQL a push's commit ran on the event loop: while the database was slow, every
    // long-poll answer and every other request waited for it (issue 13, item 9).
    void aPushWaitingForTheStoreDoesNotHoldUpAPull()
    {
        RawConnection pusher(port());
        RawConnection puller(port());
        QVERIFY(pusher.isOpen() && puller.isOpen());
        const qint64 before = lastSeq();
        WriteLock lock(m_fixture.storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        const QJsonObject event = newEvent();
        pusher.send(pushRequest(m_token, {event}));
        QTest::qWait(300); // the push is with the store, waiting for the lock
        QElapsedTimer timer;
        timer.start();
        puller.send(pullRequest(m_token, before));
        const QByteArray pulled = puller.response(5000);
        const qint64 pullMs = timer.elapsed();
        QCOMPARE(statusOf(pulled), 200);
        QVERIFY2(pullMs < 1000,
                 qPrintable(QStringLiteral("the pull waited %1 ms for a push").arg(pullMs)));
        QCOMPARE(bodyOf(pulled).value(u"events").toArray().size(), 0);
        // Durability: the push is answered only once its batch is committed.
        QVERIFY2(pusher.response(200).isEmpty(), "the push was answered before it was written");
        lock.release();
        const QByteArray pushed = pusher.response(30000);
        QCOMPARE(statusOf(pushed), 200);
        const QJsonArray accepted = bodyOf(pushed).value(u"accepted").toArray();
        QCOMPARE(accepted.size(), 1);
        QCOMPARE(accepted.at(0)[u"id"].toString(), event.value(u"id").toString());
        const qint64 seq = qint64(accepted.at(0)[u"seq"].toDouble());
        QVERIFY(qint64(bodyOf(pushed).value(u"last_seq").toDouble()) >= seq);
        // The next pull has it.
        puller.send(pullRequest(m_token, before));
        const QJsonArray events = bodyOf(puller.response()).value(u"events").toArray();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.at(0)[u"id"].toString(), event.value(u"id").toString());
        QCOMPARE(qint64(events.at(0)[u"seq"].toDouble()), seq);
    }

    // Pushes beyond --push-queue waiting for the writer are refused at once, 503 busy with
    // Retry-After, nothing written; those taken are written once the store lets them.
    void aFullPushQueueIsA503()
    {
        QVERIFY2(restart({QStringLiteral("--push-queue"), QStringLiteral("1")}),
                 qPrintable(m_fixture.error()));
        RawConnection first(port());
        RawConnection second(port());
        RawConnection third(port());
        const qint64 before = lastSeq();
        WriteLock lock(m_fixture.storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        const QJsonObject writing = newEvent(); // with the writer, waiting for the lock
        first.send(pushRequest(m_token, {writing}));
        QTest::qWait(300);
        const QJsonObject waiting = newEvent(); // the one place in the queue
        second.send(pushRequest(m_token, {waiting}));
        QTest::qWait(300);
        const QJsonObject refused = newEvent();
        third.send(pushRequest(m_token, {refused}));
        const QByteArray busy = third.response(5000);
        QCOMPARE(statusOf(busy), 503);
        QCOMPARE(bodyOf(busy).value(u"error").toObject().value(u"code").toString(),
                 QStringLiteral("busy"));
        QVERIFY(test::headerOf(busy, "Retry-After").toInt() > 0);
        lock.release();
        QCOMPARE(statusOf(first.response()), 200);
        QCOMPARE(statusOf(second.response()), 200);
        // Sent again once the queue has room, it is written.
        third.send(pushRequest(m_token, {refused}));
        QCOMPARE(statusOf(third.response()), 200);
        first.send(pullRequest(m_token, before));
        QStringList ids;
        for (const QJsonValue &v : bodyOf(first.response()).value(u"events").toArray())
            ids.append(v[u"id"].toString());
        QCOMPARE(ids, (QStringList{writing.value(u"id").toString(), waiting.value(u"id").toString(),
                                   refused.value(u"id").toString()}));
        QVERIFY2(restart(), qPrintable(m_fixture.error()));
    }

    // SIGTERM while a push waits for the store: the push is written and answered, then the
    // process ends.
    void aPushQueuedAtShutdownIsWrittenAndAnswered()
    {
        RawConnection pusher(port());
        const qint64 before = lastSeq();
        {
            WriteLock lock(m_fixture.storeUrl());
            QVERIFY2(lock.held(), qPrintable(lock.error()));
            pusher.send(pushRequest(m_token, {newEvent()}));
            QTest::qWait(300);
            QCOMPARE(::kill(pid_t(m_fixture.server().processId()), SIGTERM), 0);
            QTest::qWait(300);
            QVERIFY2(pusher.response(100).isEmpty(), "answered before it was written");
        }
        const QByteArray answer = pusher.response();
        QCOMPARE(statusOf(answer), 200);
        const QJsonArray accepted = bodyOf(answer).value(u"accepted").toArray();
        QCOMPARE(accepted.size(), 1);
        QVERIFY(qint64(accepted.at(0)[u"seq"].toDouble()) > before);
        QVERIFY2(restart(), qPrintable(m_fixture.error()));
        QCOMPARE(lastSeq(), qint64(accepted.at(0)[u"seq"].toDouble()));
    }

    // Batches from many connections at once, each sent twice at the same time (a workstation
    // retrying after a lost answer): every answer 200, the same numbers for the same event,
    // numbers unique and increasing within a batch and from one round to the next, and the pull
    // holds exactly the acknowledged events in number order.
    void concurrentPushesKeepOrderAndIdempotency()
    {
        constexpr int Batches = 8;
        constexpr int PerBatch = 5;
        constexpr int Rounds = 4;
        const qint64 start = lastSeq();
        std::vector<std::unique_ptr<RawConnection>> connections;
        for (int i = 0; i < 2 * Batches; ++i) {
            connections.push_back(std::make_unique<RawConnection>(port()));
            QVERIFY(connections.back()->isOpen());
        }
        QMap<qint64, QString> all; // seq -> event id
        qint64 previousRoundMax = start;
        for (int round = 0; round < Rounds; ++round) {
            QList<QStringList> ids(Batches);
            for (int b = 0; b < Batches; ++b) {
                QJsonArray events;
                for (int e = 0; e < PerBatch; ++e) {
                    events.append(newEvent());
                    ids[b].append(events.last()[u"id"].toString());
                }
                const QByteArray request = pushRequest(m_token, events);
                connections[b]->socket().write(request);
                connections[Batches + b]->socket().write(request);
            }
            for (const auto &connection : connections)
                connection->socket().flush();
            qint64 roundMin = std::numeric_limits<qint64>::max();
            qint64 roundMax = 0;
            for (int b = 0; b < Batches; ++b) {
                QList<qint64> seqs[2];
                for (int copy = 0; copy < 2; ++copy) {
                    const QByteArray answer = connections[copy * Batches + b]->response();
                    QCOMPARE(statusOf(answer), 200);
                    const QJsonObject body = bodyOf(answer);
                    QVERIFY2(body.value(u"rejected").toArray().isEmpty(), answer.constData());
                    const QJsonArray accepted = body.value(u"accepted").toArray();
                    QCOMPARE(accepted.size(), PerBatch);
                    QMap<QString, qint64> byId;
                    for (const QJsonValue &v : accepted)
                        byId.insert(v[u"id"].toString(), qint64(v[u"seq"].toDouble()));
                    for (const QString &id : ids[b]) {
                        QVERIFY(byId.contains(id));
                        seqs[copy].append(byId.value(id));
                    }
                    QVERIFY(qint64(body.value(u"last_seq").toDouble()) >= seqs[copy].last());
                }
                QCOMPARE(seqs[0], seqs[1]);
                for (int e = 0; e < PerBatch; ++e) {
                    if (e > 0)
                        QVERIFY(seqs[0][e] > seqs[0][e - 1]);
                    QVERIFY2(!all.contains(seqs[0][e]), "one number given to two events");
                    all.insert(seqs[0][e], ids[b][e]);
                    roundMin = std::min(roundMin, seqs[0][e]);
                    roundMax = std::max(roundMax, seqs[0][e]);
                }
            }
            QVERIFY(roundMin > previousRoundMax);
            previousRoundMax = roundMax;
        }
        QCOMPARE(all.size(), Rounds * Batches * PerBatch);
        connections.front()->send(pullRequest(m_token, start));
        const QJsonArray pulled =
            bodyOf(connections.front()->response()).value(u"events").toArray();
        QCOMPARE(pulled.size(), all.size());
        auto expected = all.constBegin();
        for (const QJsonValue &v : pulled) {
            QCOMPARE(qint64(v[u"seq"].toDouble()), expected.key());
            QCOMPARE(v[u"id"].toString(), expected.value());
            ++expected;
        }
    }

    // Group commit under a SIGKILL: while the first push waits for the store, eleven more
    // arrive and are written together in the next transaction. One of them holds an event the
    // call taker may not write (listed as rejected, "forbidden", its other events accepted),
    // another reuses the first push's event id with other content ("conflict"); a malformed
    // batch is refused 400 at once. None is answered before its commit; the server is killed
    // right after the answers, and a new process on the store has every acknowledged event
    // with the number it was acknowledged with, and nothing refused.
    void acknowledgedPushesOfAGroupSurviveSigkill()
    {
        constexpr int Pushers = 12;
        constexpr int PerBatch = 3;
        QVERIFY2(restart(), qPrintable(m_fixture.error()));
        const qint64 start = lastSeq();
        std::vector<std::unique_ptr<RawConnection>> connections;
        for (int i = 0; i <= Pushers; ++i) {
            connections.push_back(std::make_unique<RawConnection>(port()));
            QVERIFY(connections.back()->isOpen());
        }
        QList<QJsonArray> batches(Pushers);
        for (int b = 0; b < Pushers; ++b) {
            for (int e = 0; e < PerBatch; ++e)
                batches[b].append(newEvent());
        }
        // Batch 3: a request created (allowed) and closed (a supervisor's decision).
        const auto cases = test::permissionCases(QStringLiteral("grp"), QStringLiteral("agent.w"));
        const auto close = std::find_if(cases.cbegin(), cases.cend(), [](const auto &c) {
            return c.name == u"request.status_changed close";
        });
        QVERIFY(close != cases.cend());
        QVERIFY(!close->allowed.contains(QStringLiteral("call_taker")));
        Event forbidden = close->event;
        forbidden.actor = QStringLiteral("agent.w");
        batches[3].append(eventToJson(close->setup.first()));
        batches[3].append(eventToJson(forbidden));
        // Batch 5: the first push's first event id with other content.
        QJsonObject conflicting = newEvent();
        conflicting.insert(QStringLiteral("id"), batches[0].at(0)[u"id"].toString());
        batches[5].append(conflicting);
        const QSet<QString> refusedIds{forbidden.id};

        WriteLock lock(m_fixture.storeUrl());
        QVERIFY2(lock.held(), qPrintable(lock.error()));
        connections[0]->send(pushRequest(m_token, batches[0])); // with the writer, waiting
        QTest::qWait(300);
        for (int b = 1; b < Pushers; ++b)
            connections[size_t(b)]->socket().write(pushRequest(m_token, batches[b]));
        QJsonObject malformed = newEvent();
        malformed.remove(QStringLiteral("kind"));
        connections[Pushers]->socket().write(pushRequest(m_token, {newEvent(), malformed}));
        for (const auto &connection : connections)
            connection->socket().flush();
        QCOMPARE(statusOf(connections[Pushers]->response(5000)), 400);
        QTest::qWait(300);
        for (int b = 0; b < Pushers; ++b)
            QVERIFY2(connections[size_t(b)]->response(50).isEmpty(),
                     "a push was answered before its commit");
        lock.release();

        QMap<qint64, QString> acknowledged; // seq -> event id
        qint64 firstMax = 0;
        qint64 groupMin = std::numeric_limits<qint64>::max();
        for (int b = 0; b < Pushers; ++b) {
            const QByteArray answer = connections[size_t(b)]->response();
            QCOMPARE(statusOf(answer), 200);
            const QJsonObject body = bodyOf(answer);
            QStringList rejected;
            for (const QJsonValue &r : body.value(u"rejected").toArray())
                rejected.append(r[u"id"].toString() + u' ' + r[u"code"].toString());
            const QJsonArray accepted = body.value(u"accepted").toArray();
            if (b == 3) {
                QCOMPARE(rejected, QStringList{forbidden.id + u" forbidden"});
                QCOMPARE(accepted.size(), PerBatch + 1);
            } else if (b == 5) {
                QCOMPARE(rejected, QStringList{conflicting[u"id"].toString() + u" conflict"});
                QCOMPARE(accepted.size(), PerBatch);
            } else {
                QVERIFY2(rejected.isEmpty(), answer.constData());
                QCOMPARE(accepted.size(), PerBatch);
            }
            qint64 previous = 0;
            for (const QJsonValue &v : accepted) {
                const qint64 seq = qint64(v[u"seq"].toDouble());
                QVERIFY2(seq > previous, "numbers out of order within a batch");
                previous = seq;
                QVERIFY2(!acknowledged.contains(seq), "one number given to two events");
                acknowledged.insert(seq, v[u"id"].toString());
                if (b == 0)
                    firstMax = std::max(firstMax, seq);
                else
                    groupMin = std::min(groupMin, seq);
            }
        }
        // The group was written after the push that held the writer.
        QVERIFY(groupMin > firstMax);
        m_fixture.server().kill(); // SIGKILL right after the answers
        QVERIFY2(restart(), qPrintable(m_fixture.error()));
        RawConnection reader(port());
        reader.send(pullRequest(m_token, start));
        const QJsonArray pulled = bodyOf(reader.response()).value(u"events").toArray();
        QCOMPARE(pulled.size(), acknowledged.size());
        auto expected = acknowledged.constBegin();
        for (const QJsonValue &v : pulled) {
            QCOMPARE(qint64(v[u"seq"].toDouble()), expected.key());
            QCOMPARE(v[u"id"].toString(), expected.value());
            QVERIFY(!refusedIds.contains(v[u"id"].toString()));
            ++expected;
        }
        // The stored event under the reused id is the first push's, not the conflicting one.
        QCOMPARE(pulled.at(0)[u"id"].toString(), batches[0].at(0)[u"id"].toString());
        QCOMPARE(pulled.at(0)[u"payload"].toObject(), batches[0].at(0)[u"payload"].toObject());
    }
};

QTEST_GUILESS_MAIN(TestStoreWriter)
#include "tst_storewriter.moc"

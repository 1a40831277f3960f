// The sync engine against a fake server injected through QNetworkAccessManager, with faults
// injected into chosen requests: push and acknowledgement, retries that never duplicate,
// backoff, rejections kept with their reason, pulls applied in sequence order, the agent's
// pending edits kept on top of remote ones, sign-in expiry, restart.

#include "tests/support/fakeserver.h"
#include "tests/support/syncworkstation.h"

#include <QSignalSpy>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;
using Fault = FakeServer::Fault;

namespace {

const QUrl serverUrl(QStringLiteral("http://central.test"));

// An event of another workstation, as the server would store it.
QJsonObject remoteEvent(const QString &entityId, const QString &kind, const QJsonObject &payload)
{
    return eventToJson(Event::make(QStringLiteral("request"), entityId, kind, payload,
                                   QStringLiteral("bob"), QStringLiteral("B0B0B"),
                                   QDateTime::currentDateTimeUtc()));
}

QJsonObject remoteDescription(const QString &entityId, const QString &after)
{
    return remoteEvent(entityId, QStringLiteral("request.field_changed"),
                       {{QStringLiteral("field"), QStringLiteral("description")},
                        {QStringLiteral("after"), after}});
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeServer> m_server;
    std::unique_ptr<SyncWorkstation> m_ws;

    void signIn(SyncWorkstation &ws)
    {
        bool done = false;
        bool ok = false;
        ws.client().login(QStringLiteral("ana"), QStringLiteral("secret"), ws.device(),
                          [&](Result<LoginResult> r) {
                              ok = r.ok();
                              done = true;
                          });
        QTRY_VERIFY(done);
        QVERIFY(ok);
    }

    int serverCountFor(const QString &entityId) const
    {
        int n = 0;
        for (const auto &e : m_server->events())
            n += e.json.value(u"entity_id").toString() == entityId;
        return n;
    }

    void checkNoDuplicates()
    {
        QSet<QString> ids;
        for (const auto &e : m_server->events()) {
            const QString id = e.json.value(u"id").toString();
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
        }
    }

private slots:
    void init()
    {
        m_server = std::make_unique<FakeServer>();
        m_server->addUser(QStringLiteral("ana"), QStringLiteral("secret"),
                          QStringLiteral("call_taker"));
        m_ws = std::make_unique<SyncWorkstation>(m_server->network(), serverUrl);
        m_ws->engine().setLongPollSeconds(1);
        m_ws->client().setTimeout(300);
        m_ws->engine().scheduler().setMinimumPollInterval(50);
        signIn(*m_ws);
    }

    void cleanup()
    {
        m_ws.reset();
        m_server.reset();
    }

    void pushAcknowledgesAndEmptiesTheOutbox()
    {
        const QString a = m_ws->createRequest(QStringLiteral("deep pothole"));
        const QString b = m_ws->createRequest(QStringLiteral("another"));
        QCOMPARE(m_ws->sync().pendingCount(), 2);
        QCOMPARE(m_ws->sync().deliveryOf(QStringLiteral("request"), a).state, DeliveryState::Local);
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
        QCOMPARE(m_server->events().size(), 2);
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events WHERE server_seq IS "
                                             "NOT NULL")),
                 2);
        QCOMPARE(m_ws->sync().deliveryOf(QStringLiteral("request"), b).state,
                 DeliveryState::Central);
        QTRY_VERIFY(m_ws->sync().lastSuccess().isValid());
        QCOMPARE(m_ws->engine().status().connection, SyncStatus::Connection::Online);
        // A change made while running goes out on its own (the local-change trigger).
        m_ws->changeDescription(a, QStringLiteral("deep pothole"), QStringLiteral("deeper"));
        QTRY_COMPARE(m_server->events().size(), 3);
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
    }

    void batchesOfAtMost500InLocalOrder()
    {
        QStringList local;
        for (int i = 0; i < 1201; ++i)
            m_ws->createRequest(QStringLiteral("r%1").arg(i));
        QSqlQuery q(QSqlDatabase::database(m_ws->db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT id FROM events ORDER BY seq")));
        while (q.next())
            local.append(q.value(0).toString());
        m_ws->engine().start();
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->sync().pendingCount(), 0, 20000);
        QCOMPARE(m_server->pushSizes(), (QList<int>{500, 500, 201}));
        QStringList remote;
        for (const auto &e : m_server->events())
            remote.append(e.json.value(u"id").toString());
        QCOMPARE(remote, local);
    }

    void retriesNeverDuplicate_data()
    {
        QTest::addColumn<int>("fault");
        QTest::newRow("refused") << int(Fault::Refuse);
        QTest::newRow("timeout") << int(Fault::Hang);
        QTest::newRow("500") << int(Fault::ServerError);
        QTest::newRow("truncated") << int(Fault::Truncate);
        QTest::newRow("accepted then dropped") << int(Fault::AcceptThenDrop);
    }

    void retriesNeverDuplicate()
    {
        QFETCH(int, fault);
        // The first push fails this way; the events must arrive exactly once.
        m_server->addFault(QStringLiteral("POST /api/v1/events"), 1, Fault(fault));
        m_ws->engine().setBatchSize(3);
        QStringList ids;
        for (int i = 0; i < 5; ++i)
            ids.append(m_ws->createRequest(QStringLiteral("r%1").arg(i)));
        m_ws->engine().start();
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->sync().pendingCount(), 0, 10000);
        QCOMPARE(m_server->events().size(), 5);
        checkNoDuplicates();
        for (const QString &id : ids)
            QCOMPARE(serverCountFor(id), 1);
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events WHERE server_seq IS "
                                             "NULL")),
                 0);
        QCOMPARE(m_ws->requestCount(), 5);
    }

    void faultsInPullsAreRetried_data() { retriesNeverDuplicate_data(); }

    void faultsInPullsAreRetried()
    {
        QFETCH(int, fault);
        const QString id = Event::newId();
        m_server->inject(remoteEvent(id, QStringLiteral("request.created"),
                                     {{QStringLiteral("number"), QStringLiteral("B0B0B-0001")},
                                      {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                                      {QStringLiteral("description"), QStringLiteral("remote")}}));
        m_server->addFault(QStringLiteral("GET /api/v1/events"), 1, Fault(fault));
        m_ws->engine().start();
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->description(id), QStringLiteral("remote"), 10000);
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events")), 1);
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT origin = 'remote' FROM requests")), 1);
    }

    void backoffGrowsCappedAndNeverSpins()
    {
        Backoff probe(100, 1600, 7);
        QList<int> delays;
        for (int i = 0; i < 8; ++i)
            delays.append(probe.next());
        for (int i = 0; i < delays.size(); ++i) {
            const int top = std::min(100 << i, 1600);
            QVERIFY2(delays.at(i) >= top / 2 && delays.at(i) <= top,
                     qPrintable(QStringLiteral("%1: %2").arg(i).arg(delays.at(i))));
        }
        // Offline: the engine keeps trying, but a bounded number of times.
        m_server->setOnline(false);
        m_ws->createRequest(QStringLiteral("during the outage"));
        const qsizetype before = m_server->log().size();
        m_ws->engine().start();
        QTest::qWait(3000);
        const qsizetype attempts = m_server->log().size() - before;
        // Default base 500 ms: at most ~4 pushes and ~4 pulls in 3 s (a busy loop would be
        // thousands).
        QVERIFY2(attempts >= 4 && attempts <= 12, qPrintable(QString::number(attempts)));
        QCOMPARE(m_ws->engine().status().connection, SyncStatus::Connection::Offline);
        QCOMPARE(m_ws->engine().status().waiting, 1);
        QVERIFY(m_ws->engine().scheduler().pushFailures() >= 2);
        QVERIFY(m_ws->scalar(QStringLiteral("SELECT attempts FROM outbox")) >= 2);
        // Back online: the reconnect trigger pushes without waiting out the backoff.
        m_server->setOnline(true);
        m_ws->engine().notifyReconnected();
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->sync().pendingCount(), 0, 1000);
        QCOMPARE(m_server->events().size(), 1);
        QTRY_COMPARE(m_ws->engine().status().connection, SyncStatus::Connection::Online);
    }

    // A store that cannot be reached is a 503 with Retry-After: the workstation keeps its
    // session and waits what the server asked before trying again (it retried after 0.25-0.5 s,
    // its own backoff, however long the server asked).
    void unavailableWaitsForRetryAfterAndKeepsTheSession_data()
    {
        QTest::addColumn<QString>("request");
        QTest::newRow("push") << QStringLiteral("POST /api/v1/events");
        QTest::newRow("pull") << QStringLiteral("GET /api/v1/events");
    }

    void unavailableWaitsForRetryAfterAndKeepsTheSession()
    {
        QFETCH(QString, request);
        const bool push = request.startsWith(u"POST");
        m_server->addFault(request, 1, Fault::Unavailable); // Retry-After: 2
        QSignalSpy auth(&m_ws->engine(), &SyncEngine::authenticationRequired);
        const QString token = m_ws->client().token();
        const QString id = m_ws->createRequest(QStringLiteral("typed while the store is down"));
        m_ws->engine().start();
        SyncScheduler &scheduler = m_ws->engine().scheduler();
        QTRY_COMPARE_WITH_TIMEOUT(push ? scheduler.pushFailures() : scheduler.pullFailures(), 1,
                                  5000);
        const int delay = push ? scheduler.pushDelay() : scheduler.pullDelay();
        QVERIFY2(delay >= 1500 && delay <= 2000,
                 qPrintable(QStringLiteral("retry in %1 ms, the server asked 2 s").arg(delay)));
        QCOMPARE(auth.size(), 0);
        QVERIFY(m_ws->engine().status().connection != SyncStatus::Connection::SignedOut);
        // Then it goes through on the same session: the request once on the server.
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->sync().pendingCount(), 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(push ? scheduler.pushFailures() : scheduler.pullFailures(), 0,
                                  5000);
        QCOMPARE(serverCountFor(id), 1);
        QCOMPARE(m_ws->client().token(), token);
        QCOMPARE(auth.size(), 0);
    }

    void rejectedEventIsKeptWithItsReasonAndCanBeResent()
    {
        m_server->setRejectRule([](const QJsonObject &event) -> std::optional<QJsonObject> {
            if (event.value(u"payload").toObject().value(u"after").toString().contains(u"<b>"))
                return QJsonObject{{QStringLiteral("code"), QStringLiteral("validation")},
                                   {QStringLiteral("message"),
                                    QStringLiteral("markup is not allowed in a description")},
                                   {QStringLiteral("field"), QStringLiteral("payload.after")}};
            return std::nullopt;
        });
        const QString id = m_ws->createRequest(QStringLiteral("plain"));
        const Event bad =
            m_ws->changeDescription(id, QStringLiteral("plain"), QStringLiteral("<b>bold</b>"));
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().rejectedCount(), 1);
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
        QCOMPARE(m_server->events().size(), 1);
        const Delivery delivery = m_ws->sync().deliveryOf(QStringLiteral("request"), id);
        QCOMPARE(delivery.state, DeliveryState::Rejected);
        QVERIFY(delivery.reason.contains(u"markup is not allowed"));
        QCOMPARE(delivery.rejectedId, bad.id);
        const QList<RejectedEvent> rejected = m_ws->sync().rejected();
        QCOMPARE(rejected.size(), 1);
        QCOMPARE(rejected.first().reason.field, QStringLiteral("payload.after"));
        // Still in the log (the timeline shows it) and never pushed again.
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events WHERE id = ?"), {bad.id}),
                 1);
        const qsizetype pushes = m_server->pushSizes().size();
        m_ws->createRequest(QStringLiteral("unrelated"));
        QTRY_COMPARE(m_server->events().size(), 2);
        QCOMPARE(m_server->pushSizes().size(), pushes + 1);
        QCOMPARE(m_server->pushSizes().last(), 1);
        // The agent corrects and resends: a new event, accepted; the rejection is resolved.
        QJsonObject corrected = bad.payload;
        corrected.insert(QStringLiteral("after"), QStringLiteral("bold"));
        auto resent = m_ws->sync().resend(m_ws->events(), bad.id, corrected);
        QVERIFY(resent.ok());
        QTRY_COMPARE(m_server->countOf(resent.value()), 1);
        QTRY_COMPARE(m_ws->sync().deliveryOf(QStringLiteral("request"), id).state,
                     DeliveryState::Central);
        QCOMPARE(m_ws->sync().rejectedCount(), 0);
        QCOMPARE(m_ws->description(id), QStringLiteral("bold"));
    }

    void pullAppliesInSequenceOrderAcrossPages()
    {
        const QString id = Event::newId();
        m_server->inject(remoteEvent(id, QStringLiteral("request.created"),
                                     {{QStringLiteral("number"), QStringLiteral("B0B0B-0002")},
                                      {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                                      {QStringLiteral("description"), QStringLiteral("v0")}}));
        for (int i = 1; i <= 7; ++i)
            m_server->inject(remoteDescription(id, QStringLiteral("v%1").arg(i)));
        m_ws->engine().setPullLimit(3);
        QSignalSpy applied(&m_ws->engine(), &SyncEngine::remoteApplied);
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().cursor(), qint64(8));
        QCOMPARE(m_ws->description(id), QStringLiteral("v7"));
        QCOMPARE(applied.size(), 3); // pages of 3, 3, 2
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events WHERE server_seq IS "
                                             "NOT NULL")),
                 8);
        // Local order follows the server's.
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events a JOIN events b ON "
                                             "a.seq < b.seq WHERE a.server_seq > b.server_seq")),
                 0);
    }

    void longPollBringsARemoteChangeAtOnce()
    {
        m_ws->engine().setLongPollSeconds(20);
        m_ws->engine().start();
        QTRY_COMPARE(m_server->heldPolls(), 1);
        const qsizetype requests = m_server->log().size();
        const QString id = Event::newId();
        QElapsedTimer clock;
        clock.start();
        m_server->inject(remoteEvent(id, QStringLiteral("request.created"),
                                     {{QStringLiteral("number"), QStringLiteral("B0B0B-0003")},
                                      {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                                      {QStringLiteral("description"), QStringLiteral("new")}}));
        QTRY_COMPARE(m_ws->description(id), QStringLiteral("new"));
        QVERIFY(clock.elapsed() < 1000);
        QTRY_COMPARE(m_server->heldPolls(), 1);
        // One answered poll and the next one held: no polling in between.
        QTest::qWait(300);
        QVERIFY(m_server->log().size() - requests <= 2);
    }

    void ownPendingEditsStayOnTopOfRemoteOnes()
    {
        const QString id = m_ws->createRequest(QStringLiteral("original"));
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
        m_ws->engine().stop();
        // Offline, the agent edits; meanwhile someone else edits the same field centrally.
        m_ws->changeDescription(id, QStringLiteral("original"), QStringLiteral("mine"));
        m_server->inject(remoteDescription(id, QStringLiteral("theirs")));
        // The pushes fail for a while, the pull works: the remote edit arrives first.
        for (int i = 1; i <= 3; ++i)
            m_server->addFault(QStringLiteral("POST /api/v1/events"), 1, Fault::Refuse);
        QStringList seen;
        connect(&m_ws->engine(), &SyncEngine::remoteApplied, this,
                [&] { seen.append(m_ws->description(id)); });
        m_ws->engine().start();
        QTRY_VERIFY(!seen.isEmpty());
        // Applied, then the agent's pending edit re-applied on top: it never flickered away.
        QCOMPARE(seen.first(), QStringLiteral("mine"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->sync().pendingCount(), 0, 10000);
        QCOMPARE(m_ws->description(id), QStringLiteral("mine"));
        // Both versions are in the local log (the timeline), in the server's order.
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT count(*) FROM events WHERE entity_id = ? "
                                             "AND kind = 'request.field_changed'"),
                              {id}),
                 2);
        QCOMPARE(m_server->events().last().json.value(u"payload").toObject().value(u"after"),
                 QJsonValue(QStringLiteral("mine")));
    }

    void ownPendingArticleEditStaysOnTop()
    {
        const QString article = Event::newId();
        auto articleEvent = [&](const QString &kind, const QString &title, const QString &actor,
                                const QString &device) {
            return Event::make(QStringLiteral("article"), article, kind,
                               {{QStringLiteral("fields"),
                                 QJsonObject{{QStringLiteral("title"), title},
                                             {QStringLiteral("body"), QString(title + u" body")}}}},
                               actor, device, QDateTime::currentDateTimeUtc());
        };
        m_server->inject(eventToJson(articleEvent(QStringLiteral("article.created"),
                                                  QStringLiteral("Bulk item pickup"),
                                                  QStringLiteral("bob"), QStringLiteral("B0B0B"))));
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().cursor(), qint64(1));
        m_ws->engine().stop();
        QVERIFY(m_ws->events().append(articleEvent(QStringLiteral("article.edited"),
                                                   QStringLiteral("Bulk items: mine"),
                                                   m_ws->actor(), m_ws->device())));
        m_server->inject(eventToJson(articleEvent(QStringLiteral("article.edited"),
                                                  QStringLiteral("Bulk items: theirs"),
                                                  QStringLiteral("bob"), QStringLiteral("B0B0B"))));
        m_server->addFault(QStringLiteral("POST /api/v1/events"), 1, Fault::Refuse);
        QStringList seen;
        connect(&m_ws->engine(), &SyncEngine::remoteApplied, this, [&] {
            seen.append(QString::number(m_ws->scalar(
                QStringLiteral("SELECT title = 'Bulk items: mine' FROM articles WHERE id = ?"),
                {article})));
        });
        m_ws->engine().start();
        QTRY_VERIFY(!seen.isEmpty());
        QCOMPARE(seen.first(), QStringLiteral("1"));
        QTRY_COMPARE_WITH_TIMEOUT(m_ws->sync().pendingCount(), 0, 10000);
        QCOMPARE(m_ws->scalar(QStringLiteral("SELECT title = 'Bulk items: mine' FROM articles "
                                             "WHERE id = ?"),
                              {article}),
                 1);
    }

    void ownAcknowledgedLaterEditWinsOverAnEarlierRemoteOne()
    {
        // B's edit reaches the server first (seq 2), ours right after (seq 3) before we pull:
        // pulling seq 2 must not overwrite our later edit.
        const QString id = Event::newId();
        m_server->inject(remoteEvent(id, QStringLiteral("request.created"),
                                     {{QStringLiteral("number"), QStringLiteral("B0B0B-0004")},
                                      {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                                      {QStringLiteral("description"), QStringLiteral("v0")}}));
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->description(id), QStringLiteral("v0"));
        m_ws->engine().stop();
        m_server->inject(remoteDescription(id, QStringLiteral("theirs")));
        m_ws->changeDescription(id, QStringLiteral("v0"), QStringLiteral("mine"));
        m_server->addFault(QStringLiteral("GET /api/v1/events"), 1, Fault::Refuse);
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().cursor(), qint64(3));
        QCOMPARE(m_server->events().last().json.value(u"payload").toObject().value(u"after"),
                 QJsonValue(QStringLiteral("mine")));
        QCOMPARE(m_ws->description(id), QStringLiteral("mine"));
    }

    void expiredTokenAsksForSignInAndKeepsTheWork()
    {
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->engine().status().connection, SyncStatus::Connection::Online);
        m_server->expireTokens();
        QSignalSpy auth(&m_ws->engine(), &SyncEngine::authenticationRequired);
        const QString id = m_ws->createRequest(QStringLiteral("typed while signed out"));
        QTRY_VERIFY(auth.size() >= 1);
        QCOMPARE(m_ws->engine().status().connection, SyncStatus::Connection::SignedOut);
        QVERIFY(!m_ws->engine().isRunning());
        QCOMPARE(m_ws->sync().pendingCount(), 1);
        QCOMPARE(m_ws->description(id), QStringLiteral("typed while signed out"));
        signIn(*m_ws);
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
        QCOMPARE(serverCountFor(id), 1);
    }

    void restartCarriesOnFromTheStoredCursorAndOutbox()
    {
        for (int i = 0; i < 5; ++i)
            m_server->inject(
                remoteEvent(Event::newId(), QStringLiteral("request.created"),
                            {{QStringLiteral("number"), QStringLiteral("B0B0B-01%1").arg(i)},
                             {QStringLiteral("type_name"), QStringLiteral("Pothole")}}));
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().cursor(), qint64(5));
        m_ws->engine().stop();
        m_ws->createRequest(QStringLiteral("queued before the restart"));
        m_ws->restart();
        QCOMPARE(m_ws->sync().cursor(), qint64(5));
        QCOMPARE(m_ws->sync().pendingCount(), 1);
        signIn(*m_ws);
        const qsizetype from = m_server->log().size();
        m_ws->engine().start();
        QTRY_COMPARE(m_ws->sync().pendingCount(), 0);
        QTRY_COMPARE(m_ws->sync().cursor(), qint64(6));
        bool pulledFromCursor = false;
        for (qsizetype i = from; i < m_server->log().size(); ++i) {
            const QString line = m_server->log().at(i);
            QVERIFY2(!line.contains(u"after=0&"), qPrintable(line));
            pulledFromCursor |= line.contains(u"after=5&");
        }
        QVERIFY(pulledFromCursor);
        QCOMPARE(m_ws->requestCount(), 6);
        QCOMPARE(m_server->events().size(), 6);
    }
};

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"

// packaging/nginx/civicdesk.conf run for real: Debian's nginx with a self-signed certificate on
// loopback in front of two civicdesk-server processes on one PostgreSQL store (issue 13). A
// sign-in through nginx, a push through nginx that reaches a long-poll held on each process,
// a pull through nginx, both processes used, and X-Forwarded-For: the server counts sign-ins per
// client behind nginx, never per nginx, in the store both processes share (one limit for the
// two), and a client cannot forge its address.

#include "tests/server/nginxworkstation.h"
#include "tests/support/nginxproxy.h"
#include "tests/support/pgcluster.h"
#include "tests/support/rawhttp.h"
#include "tests/support/serverprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <algorithm>
#include <memory>
#include <vector>

using namespace civicdesk;
using test::ServerProcess;

namespace {

const QHostAddress FirstClient(QStringLiteral("127.0.0.2"));
const QHostAddress SecondClient(QStringLiteral("127.0.0.3"));

QByteArray loginRequest(const QByteArray &extraHeaders = {})
{
    const QByteArray body = R"({"username":"front.desk","password":"correct horse battery"})";
    return "POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
           extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

} // namespace

class TestNginx : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::PgCluster> m_cluster;
    std::unique_ptr<ServerProcess> m_servers[2];
    std::unique_ptr<test::NginxProxy> m_nginx;

    QByteArray viaNginx(const QByteArray &request, const QHostAddress &from = FirstClient)
    {
        return test::httpsRequest(m_nginx->httpsPort(), m_nginx->certificate(), request, from);
    }

    // Signed in on server `index` itself, as from `client` behind a trusted proxy; the token.
    QByteArray signInDirectly(int index, const QByteArray &name, const QByteArray &client)
    {
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("username"), QString::fromLatin1(name)},
                                      {QStringLiteral("password"), test::testPassword()}})
                .toJson(QJsonDocument::Compact);
        const auto reply = m_servers[index]->request(
            QByteArrayLiteral("POST"), QStringLiteral("/api/v1/login"), body,
            {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
             {QByteArrayLiteral("X-Forwarded-For"), client}});
        return reply.json().object().value(u"token").toString().toLatin1();
    }

private slots:
    void initTestCase()
    {
        if (const QString why = test::NginxProxy::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(u"two server processes share a PostgreSQL store, and " + why));
        m_cluster = std::make_unique<test::PgCluster>();
        QVERIFY2(m_cluster->isRunning(), qPrintable(m_cluster->error()));
        const QString database = m_cluster->createDatabase();
        QVERIFY2(!database.isEmpty(), qPrintable(m_cluster->error()));
        QList<quint16> ports;
        for (auto &server : m_servers) {
            server = std::make_unique<ServerProcess>(QStringLiteral(CIVICDESK_SERVER), database);
            // As civicdesk-server@.service runs behind nginx on the same machine; one sign-in a
            // minute per client address (counted in the store both processes share), so that a
            // second is refused by the server itself, whichever process nginx gives it to.
            server->setServerArguments(
                {QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1,::1"),
                 QStringLiteral("--sign-ins-per-address"), QStringLiteral("1"),
                 QStringLiteral("--sign-ins-per-account"), QStringLiteral("100")});
        }
        QVERIFY(m_servers[0]->addUser(QStringLiteral("front.desk"), QStringLiteral("call_taker")));
        QVERIFY(m_servers[0]->addUser(QStringLiteral("tina"), QStringLiteral("trainer")));
        QVERIFY(m_servers[0]->addUser(QStringLiteral("ana"), QStringLiteral("call_taker")));
        QVERIFY(m_servers[0]->addUser(QStringLiteral("lee"), QStringLiteral("call_taker")));
        for (auto &server : m_servers) {
            QVERIFY(server->start());
            ports.append(server->port());
        }
        m_nginx = std::make_unique<test::NginxProxy>();
        QVERIFY2(m_nginx->start(ports), qPrintable(m_nginx->error()));
    }

    void cleanupTestCase()
    {
        if (m_nginx)
            m_nginx->stop();
        for (auto &server : m_servers) {
            if (server)
                server->terminate();
        }
    }

    void signInPushAndPullThroughNginx()
    {
        // Signing in through nginx over TLS (the certificate made for this test is the only one
        // trusted), with the configuration's own headers on the answer.
        const QByteArray login = viaNginx(loginRequest());
        QCOMPARE(test::statusOf(login), 200);
        QVERIFY(test::headerOf(login, "Strict-Transport-Security").startsWith("max-age="));
        const QByteArray token = bodyOf(login).value(u"token").toString().toLatin1();
        QVERIFY(!token.isEmpty());
        const QByteArray bearer = "Authorization: Bearer " + token + "\r\n";
        const QByteArray first = viaNginx("GET /api/v1/events?after=0&limit=1 HTTP/1.1\r\nHost: "
                                          "localhost\r\n" +
                                          bearer + "\r\n");
        QCOMPARE(test::statusOf(first), 200);
        const qint64 last = qint64(bodyOf(first).value(u"last_seq").toDouble());

        // A long-poll held on each process: whichever process nginx gives the push to, the
        // other one must wake its poller from the shared store.
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> held[2];
        for (int i = 0; i < 2; ++i) {
            QNetworkRequest request(
                QUrl(m_servers[i]->baseUrl() +
                     QStringLiteral("/api/v1/events?after=%1&wait=30").arg(last)));
            request.setRawHeader("Authorization", "Bearer " + token);
            held[i].reset(network.get(request));
        }
        QTest::qWait(300);
        QVERIFY(!held[0]->isFinished() && !held[1]->isFinished());

        const QJsonObject event = test::requestCreatedEvent(
            QStringLiteral("front.desk"), QStringLiteral("NGX000001"), QStringLiteral("NGINX1"));
        const QString id = event.value(u"id").toString();
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("events"), QJsonArray{event}}})
                .toJson(QJsonDocument::Compact);
        const QByteArray pushed = viaNginx(
            "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
            "application/json\r\n" +
            bearer + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QCOMPARE(test::statusOf(pushed), 200);
        QCOMPARE(bodyOf(pushed).value(u"accepted").toArray().size(), 1);

        for (int i = 0; i < 2; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(held[i]->isFinished(), 10000);
            const QJsonArray events =
                QJsonDocument::fromJson(held[i]->readAll()).object().value(u"events").toArray();
            QCOMPARE(events.size(), 1);
            QCOMPARE(events.at(0)[u"id"].toString(), id);
        }
        // And pulled back through nginx.
        const QByteArray pulled = viaNginx("GET /api/v1/events?after=" + QByteArray::number(last) +
                                           " HTTP/1.1\r\nHost: localhost\r\n" + bearer + "\r\n");
        QCOMPARE(test::statusOf(pulled), 200);
        QCOMPARE(bodyOf(pulled).value(u"events").toArray().at(0)[u"id"].toString(), id);

        // nginx spread the requests over both processes (it logs a request after answering it).
        for (const auto &server : m_servers)
            QTRY_VERIFY2(m_nginx->accessLog().contains(
                             QByteArray("up=127.0.0.1:" + QByteArray::number(server->port()))),
                         m_nginx->accessLog().constData());
    }

    // Behind nginx every request comes from 127.0.0.1; the server counts sign-ins per client
    // (nginx's X-Forwarded-For, trusted from 127.0.0.1 only), not per proxy.
    void signInLimitCountsTheClientBehindNginx()
    {
        // One sign-in a minute per address (the first client signed in once above, on one of
        // the two processes): four more from it, none passes on either process.
        int passed = 0;
        int refused = 0;
        for (int i = 0; i < 4; ++i) {
            const QByteArray answer = viaNginx(loginRequest());
            if (test::statusOf(answer) == 200) {
                ++passed;
                continue;
            }
            QCOMPARE(test::statusOf(answer), 429);
            // The server's refusal, not nginx's own rate limit.
            QVERIFY2(bodyOf(answer)[u"error"][u"message"].toString().contains(u"sign-in"),
                     answer.constData());
            QVERIFY(test::headerOf(answer, "Retry-After").toInt() > 0);
            ++refused;
        }
        QCOMPARE(passed, 0);
        QCOMPARE(refused, 4);
        // An address the client makes up is not believed: nginx sets the header anew.
        for (const QByteArray &fake :
             {QByteArrayLiteral("10.1.2.3"), QByteArrayLiteral("10.1.2.4")})
            QCOMPARE(test::statusOf(viaNginx(loginRequest("X-Forwarded-For: " + fake + "\r\n"))),
                     429);
        // Another client behind the same nginx signs in: its own count.
        const QByteArray other = viaNginx(loginRequest(), SecondClient);
        QCOMPARE(test::statusOf(other), 200);
        QVERIFY(!bodyOf(other).value(u"token").toString().isEmpty());
        // The access log names each client, never only the proxy. nginx writes a request's line
        // after it has sent the answer, so the last one may land a moment later.
        QTRY_VERIFY(m_nginx->accessLog().contains("127.0.0.2 ["));
        QTRY_VERIFY(m_nginx->accessLog().contains("127.0.0.3 ["));
    }

    // Each process counted sign-ins itself: nginx spreading one client's attempts over two
    // processes let two through a limit of one a minute. Counted in the store they share, one.
    void aBurstFromOneClientSpreadOverBothProcessesIsRefusedAtTheLimit()
    {
        const QHostAddress client(QStringLiteral("127.0.0.70"));
        const qsizetype logBefore = m_nginx->accessLog().size();
        // Five: within nginx's own limit for one client (10 a minute, 5 more at once).
        int passed = 0;
        for (int i = 0; i < 5; ++i) {
            const QByteArray answer = viaNginx(loginRequest(), client);
            if (test::statusOf(answer) == 200) {
                ++passed;
                continue;
            }
            QCOMPARE(test::statusOf(answer), 429);
            QCOMPARE(bodyOf(answer)[u"error"][u"code"].toString(), QStringLiteral("rate_limited"));
            QVERIFY(test::headerOf(answer, "Retry-After").toInt() > 0);
        }
        QCOMPARE(passed, 1);
        // nginx gave the attempts to both processes.
        QTRY_COMPARE(m_nginx->accessLog().mid(logBefore).count("/api/v1/login"), qsizetype(5));
        for (const auto &server : m_servers)
            QVERIFY2(m_nginx->accessLog().mid(logBefore).contains(
                         QByteArray("up=127.0.0.1:" + QByteArray::number(server->port()))),
                     m_nginx->accessLog().mid(logBefore).constData());
    }

    // A live practice call lives in one server process's memory (never in the store): behind
    // nginx every practice request reaches the same process, so the trainee joins the call the
    // trainer opened whichever processes nginx gives the rest to (issue 17, item 6). With the
    // practice channel spread like the rest, joins landed on the other process: "no such call".
    void aLivePracticeCallThroughNginx()
    {
        // Signed in on each process directly, each from an address of its own (one sign-in a
        // minute per address, whichever the process).
        const QByteArray trainer = signInDirectly(0, "tina", "127.0.0.60");
        const QByteArray trainee = signInDirectly(1, "ana", "127.0.0.61");
        QVERIFY(!trainer.isEmpty() && !trainee.isEmpty());
        const auto post = [](const QByteArray &path, const QByteArray &token,
                             const QByteArray &body) -> QByteArray {
            return "POST " + path +
                   " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                   "Authorization: Bearer " +
                   token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" +
                   body;
        };
        for (int i = 0; i < 4; ++i) {
            const QByteArray opened = viaNginx(
                post("/api/v1/practice/sessions", trainer,
                     R"({"scenario":"pothole-en","title":"Pothole in a Dorchester street"})"),
                FirstClient);
            QCOMPARE(test::statusOf(opened), 201);
            const QByteArray code = bodyOf(opened).value(u"code").toString().toLatin1();
            const QByteArray session = bodyOf(opened).value(u"session").toString().toLatin1();
            QVERIFY(!code.isEmpty());
            const QByteArray joined =
                viaNginx(post("/api/v1/practice/join", trainee,
                              R"({"code":")" + code + R"(","practice":true})"),
                         SecondClient);
            QVERIFY2(test::statusOf(joined) == 200, joined.constData());
            QCOMPARE(bodyOf(joined).value(u"session").toString().toLatin1(), session);
            QCOMPARE(test::statusOf(viaNginx(post("/api/v1/practice/close", trainer,
                                                  R"({"session":")" + session + R"("})"),
                                             FirstClient)),
                     204);
        }
        // Every practice request went to the first process (the home of every live call).
        const QByteArray home = "up=127.0.0.1:" + QByteArray::number(m_servers[0]->port());
        QTRY_COMPARE(m_nginx->accessLog().count("/api/v1/practice/"), qsizetype(12));
        for (const QByteArray &line : m_nginx->accessLog().split('\n')) {
            if (line.contains("/api/v1/practice/"))
                QVERIFY2(line.contains(home), line.constData());
        }
    }

    // Per account behind nginx: the lock after five wrong passwords is the store's (as the
    // sign-in limits are), so password guesses spread by nginx over both processes (from five
    // client addresses) lock the account for all of them.
    void wrongPasswordsThroughNginxLockTheAccountOnEveryProcess()
    {
        const qsizetype logBefore = m_nginx->accessLog().size();
        const auto signIn = [&](const QByteArray &password, int client) {
            const QByteArray body = "{\"username\":\"lee\",\"password\":\"" + password + "\"}";
            return viaNginx("POST /api/v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                            "application/json\r\nContent-Length: " +
                                QByteArray::number(body.size()) + "\r\n\r\n" + body,
                            QHostAddress(QStringLiteral("127.0.0.%1").arg(client)));
        };
        for (int i = 0; i < 5; ++i)
            QCOMPARE(test::statusOf(signIn("not the password " + QByteArray::number(i), 40 + i)),
                     401);
        // Both processes were asked.
        QTRY_COMPARE(m_nginx->accessLog().mid(logBefore).count("/api/v1/login"), qsizetype(5));
        for (const auto &server : m_servers)
            QVERIFY2(m_nginx->accessLog().mid(logBefore).contains(
                         QByteArray("up=127.0.0.1:" + QByteArray::number(server->port()))),
                     m_nginx->accessLog().mid(logBefore).constData());
        // The right password, from new addresses, through either process: locked.
        for (int i = 0; i < 2; ++i) {
            const QByteArray locked = signIn("correct horse battery", 50 + i);
            QCOMPARE(test::statusOf(locked), 429);
            QVERIFY(test::headerOf(locked, "Retry-After").toInt() > 0);
            QVERIFY(bodyOf(locked).value(u"token").isUndefined());
        }
    }

    // Several workstations push through nginx while each long-polls through it, and one of the
    // two server processes is SIGKILLed and started again in the middle: every acknowledged event
    // reaches every workstation exactly once and in sequence order, and the long-polls held on
    // the killed process go on through nginx (moved by nginx, or sent again) missing nothing.
    void everyAcknowledgedEventReachesEveryWorkstationThroughAKill()
    {
        constexpr int Workstations = 4;
        constexpr int EventsEach = 25;
        std::vector<std::unique_ptr<test::NginxWorkstation>> desks;
        for (int i = 0; i < Workstations; ++i) {
            // Each workstation signs in from its own address (one sign-in a minute each).
            const QHostAddress address(QStringLiteral("127.0.0.%1").arg(20 + i));
            const QByteArray login = viaNginx(loginRequest(), address);
            QVERIFY2(test::statusOf(login) == 200, login.constData());
            desks.push_back(std::make_unique<test::NginxWorkstation>(
                m_nginx->httpsPort(), m_nginx->certificate(), address,
                bodyOf(login).value(u"token").toString().toLatin1()));
        }
        const quint16 killedPort = m_servers[1]->port();
        const QByteArray killed = "up=127.0.0.1:" + QByteArray::number(killedPort);
        const qsizetype logBefore = m_nginx->accessLog().size();
        const QString token = QString::fromLatin1(desks.front()->token());
        const qint64 start = m_servers[0]->lastSeq(token);
        QVERIFY(start > 0);
        for (auto &desk : desks)
            desk->startPolling(start);
        // The long-polls are held, spread over both processes (least_conn).
        QTest::qWait(500);
        for (int i = 0; i < Workstations; ++i) {
            QList<QJsonObject> events;
            for (int n = 0; n < EventsEach; ++n)
                events.append(test::requestCreatedEvent(
                    QStringLiteral("front.desk"),
                    QStringLiteral("NGK%1%2").arg(i).arg(n, 5, 10, QLatin1Char('0')),
                    QStringLiteral("NGINXK%1").arg(i)));
            desks[size_t(i)]->push(events);
        }
        const auto acknowledged = [&] {
            QHash<QString, qint64> all;
            for (const auto &desk : desks)
                all.insert(desk->acknowledged());
            return all;
        };
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged().size() >= Workstations * EventsEach / 3, 60000);
        m_servers[1]->kill();
        QTest::qWait(1000);
        QVERIFY(m_servers[1]->start(killedPort));
        const auto allPushed = [&] {
            return std::all_of(desks.begin(), desks.end(),
                               [](const auto &desk) { return desk->pushesDone(); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(allPushed(), 120000);
        const QHash<QString, qint64> acked = acknowledged();
        QCOMPARE(acked.size(), Workstations * EventsEach);
        const auto everyoneHasAll = [&] {
            return std::all_of(desks.begin(), desks.end(), [&](const auto &desk) {
                return std::all_of(acked.keyBegin(), acked.keyEnd(),
                                   [&](const QString &id) { return desk->hasReceived(id); });
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(everyoneHasAll(), 60000);
        for (auto &desk : desks)
            desk->stopPolling();

        // What the store holds after `start`, in its order (nothing else was pushed meanwhile).
        QList<std::pair<qint64, QString>> stored;
        for (const QJsonObject &event : m_servers[0]->allEvents(token)) {
            if (qint64(event[u"seq"].toDouble()) > start)
                stored.append({qint64(event[u"seq"].toDouble()), event[u"id"].toString()});
        }
        QCOMPARE(stored.size(), acked.size());
        int resent = 0;
        for (const auto &desk : desks) {
            QVERIFY2(desk->problems().isEmpty(), qPrintable(desk->problems().join(u'\n')));
            // Exactly the store's events, each once, in sequence order, with the acknowledged
            // numbers.
            QCOMPARE(desk->received(), stored);
            for (const auto &[seq, id] : desk->received())
                QCOMPARE(acked.value(id), seq);
            resent += desk->resentPulls() + desk->resentPushes();
        }
        // The kill was felt: a request was sent again by a workstation, or nginx moved a request
        // from the killed process to the other one (it logs both upstreams, the killed first).
        const QByteArray log = m_nginx->accessLog().mid(logBefore);
        int resentPushes = 0;
        for (const auto &desk : desks)
            resentPushes += desk->resentPushes();
        qInfo("%d events; sent again after the kill: %d pushes, %d pulls; moved by nginx: %lld "
              "requests",
              int(acked.size()), resentPushes, resent - resentPushes,
              qint64(log.count(QByteArray(killed + ", "))));
        QVERIFY2(resent > 0 || log.contains(QByteArray(killed + ", ")), log.constData());
        // Long-polls were held on the process that was killed.
        const QList<QByteArray> lines = log.split('\n');
        QVERIFY2(std::any_of(lines.begin(), lines.end(),
                             [&](const QByteArray &line) {
                                 return line.contains("\"GET /api/v1/events\"") &&
                                        (line.contains(QByteArray(killed + ' ')) ||
                                         line.contains(QByteArray(killed + ',')));
                             }),
                 log.constData());
    }
};

QTEST_GUILESS_MAIN(TestNginx)
#include "tst_nginx.moc"

// Long-polls held by the real civicdesk-server (SQLite or PostgreSQL, CIVICDESK_TEST_BACKEND) on
// its epoll event dispatcher: hundreds of parked pollers all hear one push, pollers that hang up
// while parked are dropped without harm, and a client that never reads its answers holds up
// nobody else.

#include "tests/support/rawhttp.h"
#include "tests/support/serverfixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <algorithm>
#include <memory>
#include <sys/resource.h>
#include <vector>

using namespace civicdesk;
using test::RawConnection;
using test::responseLength;
using test::statusOf;

namespace {

constexpr int Pollers = 400;
constexpr int HangUps = 100; // of them, gone while parked

QByteArray pullRequest(const QString &token, qint64 after, int wait)
{
    return "GET /api/v1/events?after=" + QByteArray::number(after) +
           "&wait=" + QByteArray::number(wait) +
           "&limit=1000 HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token.toLatin1() +
           "\r\n\r\n";
}

QByteArray pushRequest(const QString &token, const QJsonArray &events)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("events"), events}})
                                .toJson(QJsonDocument::Compact);
    return "POST /api/v1/events HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
           "Authorization: Bearer " +
           token.toLatin1() + "\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

// A poller read by the event loop: every whole answer it has received.
struct Poller
{
    std::unique_ptr<QTcpSocket> socket;
    QByteArray in;
    QList<QByteArray> answers;
};

} // namespace

class TestLongPollFanout : public QObject
{
    Q_OBJECT

    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QString m_token;

    QJsonArray newEvents(int count)
    {
        QJsonArray events;
        for (int i = 0; i < count; ++i)
            events.append(test::requestCreatedEvent(QStringLiteral("agent.a"),
                                                    QStringLiteral("FAN%1").arg(++m_numbers)));
        return events;
    }
    int m_numbers = 0;

    // Pushes `events` on a connection of its own; the store's last sequence number after it.
    qint64 push(const QJsonArray &events)
    {
        RawConnection pusher(m_fixture.server().port());
        pusher.send(pushRequest(m_token, events));
        const QByteArray answer = pusher.response();
        if (statusOf(answer) != 200)
            return -1;
        return qint64(QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4))
                          .object()
                          .value(u"last_seq")
                          .toDouble(-1));
    }

private slots:
    void initTestCase()
    {
        rlimit limit{};
        ::getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        QVERIFY2(m_fixture.setUp({{QStringLiteral("agent.a"), QStringLiteral("call_taker")}},
                                 test::ServerFixture::City::None, {QStringLiteral("agent.a")}),
                 qPrintable(m_fixture.error()));
        m_token = m_fixture.token(QStringLiteral("agent.a"));
    }

    void cleanupTestCase() { m_fixture.stop(); }

    void everyParkedPollerHearsAPushAndHangUpsAreDropped()
    {
        const qint64 last = push(newEvents(1));
        QVERIFY(last > 0);
        // A client that asks for the whole log over and over and never reads an answer: its
        // answers pile up in the server's buffers, nobody else's.
        for (int i = 0; i < 20; ++i)
            push(newEvents(50));
        RawConnection stuck(m_fixture.server().port());
        stuck.socket().setReadBufferSize(1);
        QByteArray pipelined;
        for (int i = 0; i < 40; ++i)
            pipelined += pullRequest(m_token, 0, 0);
        stuck.socket().write(pipelined);
        const qint64 before = push(newEvents(1));
        QVERIFY(before > last);

        std::vector<Poller> pollers(static_cast<size_t>(Pollers));
        for (Poller &poller : pollers) {
            poller.socket = std::make_unique<QTcpSocket>();
            poller.socket->connectToHost(QHostAddress::LocalHost, m_fixture.server().port());
            QVERIFY(poller.socket->waitForConnected(10000));
            Poller *p = &poller;
            connect(p->socket.get(), &QTcpSocket::readyRead, this, [p] {
                p->in += p->socket->readAll();
                for (qsizetype length = responseLength(p->in); length > 0;
                     length = responseLength(p->in)) {
                    p->answers.append(p->in.left(length));
                    p->in.remove(0, length);
                }
            });
            poller.socket->write(pullRequest(m_token, before, 30));
        }
        // Parked: nothing to answer yet.
        QTest::qWait(500);
        for (const Poller &poller : pollers)
            QVERIFY2(poller.answers.isEmpty(), poller.answers.value(0).left(200).constData());
        // Some go away while they wait, abruptly or politely.
        for (int i = 0; i < HangUps; ++i) {
            if (i % 2)
                pollers[size_t(i)].socket->abort();
            else
                pollers[size_t(i)].socket->disconnectFromHost();
        }
        QTest::qWait(200);

        const QJsonArray event = newEvents(1);
        const QByteArray id = event.first().toObject().value(u"id").toString().toLatin1();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(push(event) > before);
        const auto heard = [&] {
            return std::count_if(pollers.begin() + HangUps, pollers.end(),
                                 [](const Poller &p) { return !p.answers.isEmpty(); });
        };
        QTRY_COMPARE_WITH_TIMEOUT(heard(), Pollers - HangUps, 20000);
        qInfo("%d parked pollers heard the push in %lld ms", Pollers - HangUps, clock.elapsed());
        for (size_t i = HangUps; i < pollers.size(); ++i) {
            QCOMPARE(pollers[i].answers.size(), 1);
            QCOMPARE(statusOf(pollers[i].answers.first()), 200);
            QVERIFY(pollers[i].answers.first().contains(QByteArray("\"id\":\"" + id + '"')));
        }

        // The server answers a newcomer at once, the stuck client still unread.
        RawConnection newcomer(m_fixture.server().port());
        clock.restart();
        newcomer.send(pullRequest(m_token, 0, 0).replace("limit=1000", "limit=1"));
        QCOMPARE(statusOf(newcomer.response(10000)), 200);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(stuck.isOpen());
    }

    void aPollerThatHangsUpIsNeverAnswered()
    {
        // Parked, gone, then the event: the server writes to no dead connection and carries on.
        const qint64 before = push(newEvents(1));
        QVERIFY(before > 0);
        for (int round = 0; round < 3; ++round) {
            {
                RawConnection gone(m_fixture.server().port());
                gone.send(pullRequest(m_token, before, 30));
                QTest::qWait(100);
            } // closed while parked
            QVERIFY(push(newEvents(1)) > before);
        }
        RawConnection poller(m_fixture.server().port());
        poller.send(pullRequest(m_token, before, 30));
        const QByteArray answer = poller.response(10000);
        QCOMPARE(statusOf(answer), 200);
        QCOMPARE(QJsonDocument::fromJson(answer.mid(answer.indexOf("\r\n\r\n") + 4))
                     .object()
                     .value(u"events")
                     .toArray()
                     .size(),
                 3);
    }
};

QTEST_GUILESS_MAIN(TestLongPollFanout)
#include "tst_longpollfanout.moc"

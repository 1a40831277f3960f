// The server's epoll event dispatcher (app/server/epolldispatcher) under Qt's own objects: timers
// (order, interval, 0 ms, stopped by another, nested loops), a thousand sockets, a socket closed
// while it waits, a notifier deleted while others are activated, a slow reader, wake-ups and
// quits from other threads, notifiers left out of a pass, and a regular file. The whole program
// runs on the dispatcher (installed before the application object, as civicdesk-server does).

#include "app/server/epolldispatcher.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <memory>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace civicdesk;

namespace {

EpollDispatcher *mainDispatcher()
{
    return dynamic_cast<EpollDispatcher *>(QCoreApplication::eventDispatcher());
}

// A connected pair on loopback: the client's socket and the server's side of it.
struct Pair
{
    std::unique_ptr<QTcpSocket> client;
    std::unique_ptr<QTcpSocket> served;
};

std::vector<Pair> connectPairs(QTcpServer &server, int count)
{
    std::vector<Pair> pairs(static_cast<size_t>(count));
    // In steps no larger than the listening socket's backlog (Qt asks for 50): SYNs beyond it are
    // dropped and retried seconds later.
    constexpr int Step = 40;
    for (int from = 0; from < count; from += Step) {
        const int to = std::min(count, from + Step);
        for (int i = from; i < to; ++i) {
            pairs[size_t(i)].client = std::make_unique<QTcpSocket>();
            pairs[size_t(i)].client->connectToHost(QHostAddress::LocalHost, server.serverPort());
        }
        int accepted = from;
        QElapsedTimer waited;
        waited.start();
        while (accepted < to && waited.elapsed() < 30000) {
            server.waitForNewConnection(10);
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                socket->setParent(nullptr);
                pairs[size_t(accepted++)].served.reset(socket);
            }
            QCoreApplication::processEvents();
        }
    }
    return pairs;
}

// One connected pair on a listening socket of its own; null when it could not be made.
struct OnePair
{
    QTcpServer server;
    Pair pair;
};

std::unique_ptr<OnePair> connectOne()
{
    auto one = std::make_unique<OnePair>();
    if (!one->server.listen(QHostAddress::LocalHost))
        return {};
    one->pair = std::move(connectPairs(one->server, 1).front());
    return one->pair.served ? std::move(one) : nullptr;
}

// Two ends of a UNIX socket pair with a read notifier on the first.
struct NotifiedPair
{
    int fds[2] = {-1, -1};
    std::unique_ptr<QSocketNotifier> notifier;
    NotifiedPair()
    {
        ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, fds);
        notifier = std::make_unique<QSocketNotifier>(fds[0], QSocketNotifier::Read);
    }
    ~NotifiedPair()
    {
        notifier.reset();
        ::close(fds[0]);
        ::close(fds[1]);
    }
    void send() const { [[maybe_unused]] const auto n = ::write(fds[1], "x", 1); }
};

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(mainDispatcher(), "the application does not run on the epoll dispatcher");
        QVERIFY(mainDispatcher()->isValid());
        // 1,000 connections are 2,000 descriptors in this one process.
        rlimit limit{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }

    void timersFireInOrderAndNeverEarly()
    {
        QElapsedTimer clock;
        clock.start();
        QList<int> order;
        QList<qint64> at;
        for (const int ms : {60, 20, 40}) {
            QTimer::singleShot(ms, Qt::PreciseTimer, this, [&, ms] {
                order.append(ms);
                at.append(clock.elapsed());
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 5000);
        QCOMPARE(order, (QList<int>{20, 40, 60}));
        for (int i = 0; i < 3; ++i)
            QVERIFY2(
                at[i] >= order[i],
                qPrintable(QStringLiteral("%1 ms timer fired at %2 ms").arg(order[i]).arg(at[i])));
    }

    void aRepeatingTimerKeepsItsInterval()
    {
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(20);
        int fired = 0;
        connect(&timer, &QTimer::timeout, this, [&] { ++fired; });
        timer.start();
        const QList<QAbstractEventDispatcher::TimerInfo> listed =
            mainDispatcher()->registeredTimers(&timer);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.first().interval, 20);
        QCOMPARE(listed.first().timerType, Qt::PreciseTimer);
        const int left = timer.remainingTime();
        QVERIFY2(left >= 0 && left <= 20, qPrintable(QString::number(left)));
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(fired >= 10, 5000);
        // Ten intervals of 20 ms take at least 200 ms (a loaded machine may take longer).
        QVERIFY2(clock.elapsed() >= 190, qPrintable(QString::number(clock.elapsed())));
        timer.stop();
        QVERIFY(mainDispatcher()->registeredTimers(&timer).isEmpty());
        QCOMPARE(timer.remainingTime(), -1);
    }

    void aZeroTimerDoesNotStarveSockets()
    {
        const std::unique_ptr<OnePair> one = connectOne();
        QVERIFY(one);
        QTcpSocket &client = *one->pair.client;
        QTcpSocket &served = *one->pair.served;
        connect(&served, &QTcpSocket::readyRead, this, [&] { served.write(served.readAll()); });
        int exchanged = 0;
        connect(&client, &QTcpSocket::readyRead, this, [&] {
            client.readAll();
            if (++exchanged < 100)
                client.write("ping");
        });
        QTimer busy; // fires on every pass, as LongPoll's "answer after this event" does
        busy.setInterval(0);
        int passes = 0;
        connect(&busy, &QTimer::timeout, this, [&] { ++passes; });
        busy.start();
        client.write("ping");
        QTRY_COMPARE_WITH_TIMEOUT(exchanged, 100, 10000);
        QVERIFY(passes >= 100);
    }

    void aTimerStoppedByAnotherNeverFires()
    {
        QTimer first;
        QTimer second;
        for (QTimer *timer : {&first, &second}) {
            timer->setSingleShot(true);
            timer->setInterval(10);
        }
        int fired = 0;
        // Both are due in the same pass; whichever fires first stops the other.
        connect(&first, &QTimer::timeout, this, [&] {
            ++fired;
            second.stop();
        });
        connect(&second, &QTimer::timeout, this, [&] {
            ++fired;
            first.stop();
        });
        first.start();
        second.start();
        QTest::qWait(200);
        QCOMPARE(fired, 1);
    }

    void aNestedLoopDoesNotFireTheTimerInItsHandler()
    {
        QTimer zero;
        zero.setInterval(0);
        int fired = 0;
        int firedInside = 0;
        bool inside = false;
        bool otherFiredInside = false;
        connect(&zero, &QTimer::timeout, this, [&] {
            if (inside)
                ++firedInside;
            if (fired++ > 0)
                return;
            inside = true;
            // Another timer still fires in the nested loop.
            QTimer::singleShot(10, this, [&] { otherFiredInside = inside; });
            QEventLoop nested;
            QTimer::singleShot(60, &nested, &QEventLoop::quit);
            nested.exec();
            inside = false;
        });
        zero.start();
        QTRY_VERIFY_WITH_TIMEOUT(fired >= 3, 5000);
        zero.stop();
        QCOMPARE(firedInside, 0);
        QVERIFY(otherFiredInside);
    }

    void aThousandSocketsEachGetTheirAnswer()
    {
        const int before = mainDispatcher()->watchedDescriptors();
        QTcpServer server;
        server.setMaxPendingConnections(1000);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        std::vector<Pair> pairs = connectPairs(server, 1000);
        int answered = 0;
        for (size_t i = 0; i < pairs.size(); ++i) {
            QVERIFY2(pairs[i].served,
                     qPrintable(QStringLiteral("connection %1 not accepted").arg(i)));
            QTcpSocket *served = pairs[i].served.get();
            connect(served, &QTcpSocket::readyRead, this,
                    [served] { served->write("answer to " + served->readAll()); });
            QTcpSocket *client = pairs[i].client.get();
            connect(client, &QTcpSocket::readyRead, this, [&answered, client, i] {
                if (client->bytesAvailable() >= 10 + 6) {
                    const QByteArray got = client->readAll();
                    if (got == "answer to " + QByteArray::number(100000 + int(i)))
                        ++answered;
                }
            });
        }
        // Every socket with a read notifier, plus the listening one.
        QVERIFY(mainDispatcher()->watchedDescriptors() >= before + 2000);
        for (size_t i = 0; i < pairs.size(); ++i)
            pairs[i].client->write(QByteArray::number(100000 + int(i)));
        QTRY_COMPARE_WITH_TIMEOUT(answered, 1000, 30000);
        pairs.clear();
        server.close();
        QCOMPARE(mainDispatcher()->watchedDescriptors(), before);
    }

    void aSocketClosedWhileItWaitsIsNoticed()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        std::vector<Pair> pairs = connectPairs(server, 2);
        QVERIFY(pairs[0].served && pairs[1].served);
        int disconnected = 0;
        for (Pair &pair : pairs)
            connect(pair.served.get(), &QTcpSocket::disconnected, this, [&] { ++disconnected; });
        // One peer goes away abruptly, the other politely; the other end of each is told.
        pairs[0].client->abort();
        pairs[1].client->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected, 2, 5000);
    }

    void aNotifierDeletedWhileAnotherIsActivatedNeverFires()
    {
        auto a = std::make_unique<NotifiedPair>();
        auto b = std::make_unique<NotifiedPair>();
        int activated = 0;
        // Both become readable before the loop runs: both are in the same epoll answer. The
        // first handler takes its byte and deletes the other's notifier (and closes its
        // descriptor).
        const auto take = [](const NotifiedPair &pair) {
            char byte = 0;
            [[maybe_unused]] const auto n = ::read(pair.fds[0], &byte, 1);
        };
        connect(a->notifier.get(), &QSocketNotifier::activated, this, [&] {
            ++activated;
            take(*a);
            b.reset();
        });
        connect(b->notifier.get(), &QSocketNotifier::activated, this, [&] {
            ++activated;
            take(*b);
            a.reset();
        });
        a->send();
        b->send();
        QTest::qWait(100);
        QCOMPARE(activated, 1);
        QVERIFY(!a || !b);
    }

    void aSlowReaderGetsEveryByteInOrder()
    {
        const std::unique_ptr<OnePair> one = connectOne();
        QVERIFY(one);
        QTcpSocket &writer = *one->pair.served;
        QTcpSocket &reader = *one->pair.client;
        // A full read buffer makes Qt stop watching the socket until the reader takes some, and
        // the writer's kernel buffer fills: both notifiers come and go many times.
        reader.setReadBufferSize(16 * 1024);
        QByteArray sent;
        for (int i = 0; i < 4 * 1024 * 1024 / 16; ++i)
            sent += QByteArray::number(1000000000000000LL + i);
        writer.write(sent);
        QByteArray received;
        QTimer slow;
        slow.setInterval(1);
        connect(&slow, &QTimer::timeout, this, [&] { received += reader.read(64 * 1024); });
        slow.start();
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), sent.size(), 60000);
        QCOMPARE(QCryptographicHash::hash(received, QCryptographicHash::Sha256),
                 QCryptographicHash::hash(sent, QCryptographicHash::Sha256));
        QCOMPARE(writer.bytesToWrite(), 0);
    }

    void anEventPostedFromAnotherThreadWakesTheLoop()
    {
        QEventLoop loop;
        bool delivered = false;
        QTimer::singleShot(10000, &loop, &QEventLoop::quit); // only if the wake-up is lost
        QElapsedTimer clock;
        clock.start();
        std::thread poster([&] {
            QThread::msleep(50);
            QMetaObject::invokeMethod(
                &loop,
                [&] {
                    delivered = true;
                    loop.quit();
                },
                Qt::QueuedConnection);
        });
        loop.exec();
        poster.join();
        QVERIFY(delivered);
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    }

    void aThreadOnTheDispatcherQuitsWhenAsked()
    {
        QThread thread;
        auto *dispatcher = new EpollDispatcher;
        QVERIFY(dispatcher->isValid());
        thread.setEventDispatcher(dispatcher);
        QAtomicInt ticks = 0;
        QTimer *timer = nullptr;
        connect(&thread, &QThread::started, [&] {
            timer = new QTimer;
            timer->setInterval(5);
            QObject::connect(timer, &QTimer::timeout, timer, [&] { ticks.ref(); });
            QObject::connect(&thread, &QThread::finished, timer, &QObject::deleteLater);
            timer->start();
        });
        thread.start();
        QTRY_VERIFY_WITH_TIMEOUT(ticks.loadRelaxed() >= 3, 5000);
        QElapsedTimer clock;
        clock.start();
        thread.quit(); // interrupt() from this thread
        QVERIFY(thread.wait(5000));
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void notifiersLeftOutOfAPassFireInTheNext()
    {
        NotifiedPair pair;
        int activated = 0;
        connect(pair.notifier.get(), &QSocketNotifier::activated, this, [&] {
            ++activated;
            char byte = 0;
            [[maybe_unused]] const auto n = ::read(pair.fds[0], &byte, 1);
        });
        pair.send();
        QThread::msleep(20);
        QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(activated, 0);
        QTRY_COMPARE_WITH_TIMEOUT(activated, 1, 5000);
    }

    void aRegularFileIsAlwaysReady()
    {
        // epoll refuses regular files; poll() calls them always ready and so must this.
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("data");
        file.flush();
        QSocketNotifier notifier(file.handle(), QSocketNotifier::Read);
        int activated = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            if (++activated == 3)
                notifier.setEnabled(false);
        });
        QTRY_COMPARE_WITH_TIMEOUT(activated, 3, 5000);
        QTest::qWait(20);
        QCOMPARE(activated, 3);
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication::setEventDispatcher(new EpollDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"

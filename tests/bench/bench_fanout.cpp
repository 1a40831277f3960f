// Long-poll fan-out at the size of issue 13: 1,000 workstations holding a long-poll while 20
// others push single events (200 a second in all, or as fast as they are answered), for 10 s.
// Figures: change -> every poller (p50/p99), the push's answer (p50/p99, timed on the pushers'
// own thread, as the workstation that pushed would see it), deliveries, each beside a bare
// baseline run in the same program (a plain QTcpServer answering the same long-polls and
// pushes from memory on its own thread: no HTTP server library, no store, no token) and the
// machine's load. Variants: one civicdesk-server on SQLite and on PostgreSQL 15 (fsync on), and
// 1, 2 or 4 processes on one PostgreSQL behind Debian's nginx running packaging/nginx (TLS).

#include "app/server/epolldispatcher.h"
#include "tests/bench/barelongpollserver.h"
#include "tests/bench/fanoutwire.h"
#include "tests/bench/percentile.h"
#include "tests/support/nginxproxy.h"
#include "tests/support/pgcluster.h"
#include "tests/support/rawhttp.h"
#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <atomic>
#include <benchmark/benchmark.h>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace civicdesk;
using namespace civicdesk::bench;

namespace {

constexpr int Pollers = 1000; // behind nginx
constexpr int Pushers = 20;
constexpr int Seconds = 10;

// 1,000 pollers and 20 pushers need more descriptors than a shell's usual 1,024.
void raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// The server measured: this build's, or another (CIVICDESK_BENCH_SERVER, e.g. an earlier
// build's) to compare two back to back with the same client.
QString serverExecutable()
{
    return qEnvironmentVariable("CIVICDESK_BENCH_SERVER", QStringLiteral(CIVICDESK_SERVER));
}

// CPU seconds (user + system) used so far by process `pid` (0: this process).
double cpuSeconds(qint64 pid)
{
    QFile file(pid ? QStringLiteral("/proc/%1/stat").arg(pid) : QStringLiteral("/proc/self/stat"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    // After the command name in parentheses: state is field 3, utime 14 and stime 15.
    const QByteArray stat = file.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 13 ? double(fields[11].toLongLong() + fields[12].toLongLong()) /
                                    double(::sysconf(_SC_CLK_TCK))
                              : 0;
}

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').first().toDouble() : -1;
}

// How a client reaches the server: plain TCP to a port, or TLS to nginx.
using Connect = std::function<std::unique_ptr<QTcpSocket>()>;

Connect plain(quint16 port)
{
    return [port] {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        socket->waitForConnected(10000);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return socket;
    };
}

Connect tls(quint16 port, const QSslCertificate &certificate)
{
    return [port, certificate]() -> std::unique_ptr<QTcpSocket> {
        auto socket = std::make_unique<QSslSocket>();
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({certificate});
        socket->setSslConfiguration(configuration);
        socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port,
                                       QStringLiteral("localhost"));
        socket->waitForEncrypted(30000);
        return socket;
    };
}

struct Figures
{
    int pollers = 0;
    int pushed = 0;
    int pushesAnswered = 0;
    qint64 received = 0;
    int pollErrors = 0;                   // answers to pollers other than 200
    std::map<int, int> pollErrorStatuses; // those answers by status
    int silentPollers = 0;                // pollers that received none of the events
    double seconds = 0;
    std::vector<double> latencies;
    std::vector<double> pushLatencies;
    double load = 0;
    double serverCpuSeconds = 0; // the server process's CPU during the run (0: not measured)
    double clientCpuSeconds = 0; // this program's (the pollers, pushers and any bare server)
};

// The load client's threads run on the epoll dispatcher too: on Qt's own, a thousand client
// sockets in one thread made the client, not the server, the bottleneck.
std::unique_ptr<QThread> startOnEpoll(std::function<void()> work)
{
    std::unique_ptr<QThread> thread(QThread::create(std::move(work)));
    thread->setEventDispatcher(new EpollDispatcher);
    thread->start();
    return thread;
}

// Runs this thread's loop until `done`: it reads the servers' logs (a server whose log pipe is
// full stops).
void runUntil(const std::function<bool()> &done)
{
    QEventLoop loop;
    QTimer check;
    check.setInterval(20);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start();
    if (!done())
        loop.exec();
}

// `pollerCount` pollers on a thread of their own; `perSecond` pushes a second in all (by free
// pushers: one still waiting for its answer is passed over), or with 0 each pusher sends its next
// push as soon as the last is answered.
Figures fanout(const Connect &connect, const QByteArray &token, int perSecond, int pollerCount,
               qint64 serverPid = 0)
{
    raiseDescriptorLimit();
    Figures figures;
    figures.pollers = pollerCount;
    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, qint64> sentAt; // event id -> ns, written by the pushers' thread
    QMutex sentMutex;
    figures.latencies.reserve(size_t(pollerCount) * 4000);
    // Every poller waits after the store's current sequence number.
    qint64 start = 0;
    {
        std::unique_ptr<QTcpSocket> probe = connect();
        probe->write(pullRequest(token, 0, 0).replace("limit=1000", "limit=1"));
        QByteArray in;
        while (messageLength(in) < 0 && probe->waitForReadyRead(30000))
            in += probe->readAll();
        start = scan(in).lastSeq;
    }
    std::vector<int> perPoller(static_cast<size_t>(pollerCount));
    std::atomic<bool> connected = false;
    std::atomic<qint64> stopAt = std::numeric_limits<qint64>::max();
    std::unique_ptr<QThread> polling = startOnEpoll([&] {
        std::vector<std::unique_ptr<QTcpSocket>> pollers;
        std::vector<QByteArray> in(static_cast<size_t>(pollerCount));
        std::vector<qint64> cursor(static_cast<size_t>(pollerCount), start);
        for (int i = 0; i < pollerCount; ++i) {
            std::unique_ptr<QTcpSocket> socket = connect();
            QTcpSocket *s = socket.get();
            QObject::connect(s, &QTcpSocket::readyRead, s, [&, s, i] {
                QByteArray &buffer = in[size_t(i)];
                buffer += s->readAll();
                for (qsizetype length = messageLength(buffer); length > 0;
                     length = messageLength(buffer)) {
                    const qint64 now = clock.nsecsElapsed();
                    if (!buffer.startsWith("HTTP/1.1 200")) {
                        // As a workstation: the same pull again after the answer's Retry-After
                        // (nginx's 503 when it could not reach a process). It pulled again after
                        // -1 before, and every answer after that was a 400.
                        ++figures.pollErrors;
                        ++figures.pollErrorStatuses[buffer.mid(9, 3).toInt()];
                        const int seconds =
                            std::max(1, test::headerOf(buffer.left(length), "Retry-After").toInt());
                        buffer.remove(0, length);
                        QTimer::singleShot(seconds * 1000, s, [&, s, i] {
                            s->write(pullRequest(token, cursor[size_t(i)], 30));
                        });
                        continue;
                    }
                    const Pulled pulled = scan(buffer.left(length));
                    buffer.remove(0, length);
                    const QMutexLocker locked(&sentMutex);
                    for (const QByteArray &id : pulled.ids) {
                        const auto sent = sentAt.constFind(id);
                        if (sent != sentAt.cend()) {
                            figures.latencies.push_back(double(now - *sent) / 1e6);
                            ++figures.received;
                            ++perPoller[size_t(i)];
                        }
                    }
                    cursor[size_t(i)] = pulled.ids.empty() ? pulled.lastSeq : pulled.maxSeq;
                    s->write(pullRequest(token, cursor[size_t(i)], 30));
                }
            });
            // Sent now, not when the event loop first runs: connecting 1,000 pollers on a
            // loaded machine takes longer than the server's --header-timeout (10 s), which
            // closes a connection whose first request has not arrived by then (those pollers
            // then heard nothing at all: "silent_pollers").
            s->write(pullRequest(token, start, 30));
            s->flush();
            pollers.push_back(std::move(socket));
        }
        connected = true;
        QEventLoop loop;
        QTimer check;
        check.setInterval(50);
        QObject::connect(&check, &QTimer::timeout, &loop, [&] {
            if (clock.nsecsElapsed() > stopAt)
                loop.quit();
        });
        check.start();
        loop.exec();
    });
    runUntil([&] { return connected || polling->isFinished(); });
    // The pushers are other workstations: their sockets, their clock ticks and their answers
    // are on a thread of their own, so a push's answer is timed when it arrives, not when the
    // pollers' loop gets to it between a thousand answers.
    const qint64 end = clock.nsecsElapsed() + Seconds * 1000000000LL;
    figures.load = loadAverage();
    const double serverCpu = serverPid ? cpuSeconds(serverPid) : 0;
    const double clientCpu = cpuSeconds(0);
    std::unique_ptr<QThread> pushing = startOnEpoll([&] {
        struct Pusher
        {
            std::unique_ptr<QTcpSocket> socket;
            QByteArray in;
            bool inFlight = false;
            qint64 start = 0;
        };
        std::vector<std::unique_ptr<Pusher>> pushers;
        const auto send = [&](Pusher &p) {
            QByteArray id;
            const QByteArray request = pushRequest(token, ++figures.pushed, &id);
            p.start = clock.nsecsElapsed();
            {
                const QMutexLocker locked(&sentMutex);
                sentAt.insert(id, p.start);
            }
            p.inFlight = true;
            p.socket->write(request);
        };
        for (int i = 0; i < Pushers; ++i) {
            auto pusher = std::make_unique<Pusher>();
            Pusher *p = pusher.get();
            p->socket = connect();
            QObject::connect(p->socket.get(), &QTcpSocket::readyRead, p->socket.get(), [&, p] {
                p->in += p->socket->readAll();
                const qsizetype length = messageLength(p->in);
                if (length <= 0)
                    return;
                p->in.remove(0, length);
                figures.pushLatencies.push_back(double(clock.nsecsElapsed() - p->start) / 1e6);
                ++figures.pushesAnswered;
                p->inFlight = false;
                if (perSecond == 0 && clock.nsecsElapsed() < end)
                    send(*p);
            });
            pushers.push_back(std::move(pusher));
        }
        QEventLoop loop;
        QTimer tick;
        tick.setTimerType(Qt::PreciseTimer);
        tick.setInterval(perSecond > 0 ? 1000 / perSecond : 100);
        int turn = 0;
        qint64 sentAtRate = 0; // pushes sent by the clock so far
        const qint64 began = clock.nsecsElapsed();
        QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
            if (clock.nsecsElapsed() > end) {
                tick.stop();
                figures.seconds = double(clock.nsecsElapsed() - began) / 1e9;
                // Time for the last pushes to be answered.
                QTimer::singleShot(5000, &loop, &QEventLoop::quit);
                return;
            }
            if (perSecond == 0) {
                for (auto &p : pushers) {
                    if (!p->inFlight)
                        send(*p);
                }
                return;
            }
            // What the clock says is due by now, by the pushers free now: a tick that woke late
            // (a busy machine) sends what it owes instead of losing it.
            const qint64 due = (clock.nsecsElapsed() - began) * perSecond / 1000000000LL;
            for (int tried = 0; sentAtRate < due && tried < int(pushers.size()); ++tried) {
                Pusher &p = *pushers[size_t(turn++ % int(pushers.size()))];
                if (!p.inFlight) {
                    send(p);
                    ++sentAtRate;
                }
            }
        });
        tick.start();
        loop.exec();
    });
    // Time for the last events to arrive everywhere.
    stopAt = end + 5000000000LL;
    runUntil([&] { return polling->isFinished() && pushing->isFinished(); });
    polling->wait();
    pushing->wait();
    if (serverPid)
        figures.serverCpuSeconds = cpuSeconds(serverPid) - serverCpu;
    figures.clientCpuSeconds = cpuSeconds(0) - clientCpu;
    figures.load = std::max(figures.load, loadAverage());
    figures.silentPollers = int(std::count(perPoller.begin(), perPoller.end(), 0));
    return figures;
}

void report(benchmark::State &state, const Figures &f, const Figures *bare)
{
    const double p50 = percentile(f.latencies, 0.5);
    const double p99 = percentile(f.latencies, 0.99);
    state.counters["pollers"] = f.pollers;
    state.counters["events_pushed"] = f.pushed;
    state.counters["pushes_per_s"] = double(f.pushesAnswered) / std::max(1.0, f.seconds);
    state.counters["deliveries_pct"] =
        100.0 * double(f.received) / double(std::max(1, f.pushed * f.pollers));
    state.counters["deliveries_per_s"] = double(f.received) / std::max(1.0, f.seconds);
    state.counters["poll_errors"] = f.pollErrors;
    for (const auto &[status, count] : f.pollErrorStatuses)
        state.counters["poll_errors_" + std::to_string(status)] = count;
    state.counters["silent_pollers"] = f.silentPollers;
    state.counters["change_p50_ms"] = p50;
    state.counters["change_p99_ms"] = p99;
    state.counters["push_p50_ms"] = percentile(f.pushLatencies, 0.5);
    state.counters["push_p99_ms"] = percentile(f.pushLatencies, 0.99);
    state.counters["load"] = f.load;
    // CPU per delivered event, independent of how busy the machine was.
    const double deliveries = double(std::max<qint64>(1, f.received));
    if (f.serverCpuSeconds > 0)
        state.counters["server_cpu_us_per_delivery"] = f.serverCpuSeconds * 1e6 / deliveries;
    state.counters["client_cpu_us_per_delivery"] = f.clientCpuSeconds * 1e6 / deliveries;
    if (bare) {
        const double bareP50 = percentile(bare->latencies, 0.5);
        const double bareP99 = percentile(bare->latencies, 0.99);
        state.counters["bare_change_p50_ms"] = bareP50;
        state.counters["bare_change_p99_ms"] = bareP99;
        state.counters["ratio_p50"] = bareP50 > 0 ? p50 / bareP50 : 0;
        state.counters["ratio_p99"] = bareP99 > 0 ? p99 / bareP99 : 0;
        const double barePushP50 = percentile(bare->pushLatencies, 0.5);
        const double barePushP99 = percentile(bare->pushLatencies, 0.99);
        state.counters["bare_push_p50_ms"] = barePushP50;
        state.counters["bare_push_p99_ms"] = barePushP99;
        state.counters["ratio_push_p50"] =
            barePushP50 > 0 ? percentile(f.pushLatencies, 0.5) / barePushP50 : 0;
        state.counters["ratio_push_p99"] =
            barePushP99 > 0 ? percentile(f.pushLatencies, 0.99) / barePushP99 : 0;
    }
}

// The bare baseline at a rate, measured once per program run.
const Figures &bareFigures(int perSecond, int pollers)
{
    static std::map<std::pair<int, int>, Figures> measured;
    auto found = measured.find({perSecond, pollers});
    if (found == measured.end()) {
        BareLongPollServer bare;
        found = measured
                    .emplace(std::pair(perSecond, pollers),
                             fanout(plain(bare.port()), "bare", perSecond, pollers))
                    .first;
    }
    return found->second;
}

// One civicdesk-server; range(0): 0 SQLite, 1 PostgreSQL; range(1): pushes a second in all;
// range(2): long-polling workstations.
void BM_LongPollFanout(benchmark::State &state)
{
    const bool postgres = state.range(0) == 1;
    const int perSecond = int(state.range(1));
    const int pollers = int(state.range(2));
    QTemporaryDir dir;
    std::unique_ptr<test::PgCluster> cluster;
    QString database = dir.filePath(QStringLiteral("fanout.sqlite"));
    if (postgres) {
        if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty()) {
            state.SkipWithError(qPrintable(why));
            return;
        }
        cluster = std::make_unique<test::PgCluster>(true);
        database = cluster->createDatabase();
    }
    test::ServerProcess server(serverExecutable(), database);
    if (!server.addUser(QStringLiteral("bench"), QStringLiteral("call_taker")) || !server.start()) {
        state.SkipWithError("cannot start civicdesk-server");
        return;
    }
    const QByteArray token = server.login(QStringLiteral("bench")).toLatin1();
    const Figures &bare = bareFigures(perSecond, pollers);
    for (auto _ : state)
        report(state, fanout(plain(server.port()), token, perSecond, pollers, server.processId()),
               &bare);
    server.terminate();
}

// range(0) server processes on one PostgreSQL store behind nginx (TLS), pushing as fast as
// they are answered: what the arrangement carries.
void BM_LongPollFanoutNginx(benchmark::State &state)
{
    const int processes = int(state.range(0));
    if (const QString why =
            test::PgCluster::unavailableReason() + test::NginxProxy::unavailableReason();
        !why.isEmpty()) {
        state.SkipWithError(qPrintable(why));
        return;
    }
    test::PgCluster cluster(true);
    const QString database = cluster.createDatabase();
    std::vector<std::unique_ptr<test::ServerProcess>> servers;
    QList<quint16> ports;
    for (int i = 0; i < processes; ++i) {
        servers.push_back(std::make_unique<test::ServerProcess>(serverExecutable(), database));
        if (i == 0 &&
            !servers.back()->addUser(QStringLiteral("bench"), QStringLiteral("call_taker"))) {
            state.SkipWithError("cannot add the user");
            return;
        }
        servers.back()->setServerArguments(
            {QStringLiteral("--trusted-proxies"), QStringLiteral("127.0.0.1")});
        if (!servers.back()->start()) {
            state.SkipWithError("cannot start civicdesk-server");
            return;
        }
        ports.append(servers.back()->port());
    }
    test::NginxProxy nginx;
    if (!nginx.start(ports, 2)) {
        state.SkipWithError(qPrintable(nginx.error()));
        return;
    }
    const QByteArray token = servers.front()->login(QStringLiteral("bench")).toLatin1();
    for (auto _ : state)
        report(state, fanout(tls(nginx.httpsPort(), nginx.certificate()), token, 0, Pollers),
               nullptr);
    nginx.stop();
    for (auto &server : servers)
        server->terminate();
}

} // namespace

BENCHMARK(BM_LongPollFanout)
    ->Args({0, 200, 1000})
    ->Args({1, 200, 1000})
    ->Args({0, 200, 200})
    ->Args({1, 200, 200})
    ->Args({0, 20, 1000})
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();
BENCHMARK(BM_LongPollFanoutNginx)
    ->Arg(1)
    ->Arg(2)
    ->Arg(4)
    ->Unit(benchmark::kSecond)
    ->Iterations(1)
    ->UseRealTime();

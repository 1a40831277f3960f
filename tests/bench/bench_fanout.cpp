// Long-poll fan-out at the size of issue 13: 1,000 workstations holding a long-poll while 20
// others push single events (200 a second in all, or as fast as they are answered), for 10 s.
// Figures: change -> every poller (p50/p99), the push's answer (p50/p99, timed on the pushers'
// own thread, as the workstation that pushed would see it), deliveries, each beside a bare
// baseline run in the same program (a plain QTcpServer answering the same long-polls and
// pushes from memory on its own thread: no HTTP server library, no store, no token) and the
// machine's load. Variants: one civicdesk-server on SQLite and on PostgreSQL 15 (fsync on), and
// 1, 2 or 4 processes on one PostgreSQL behind Debian's nginx running packaging/nginx (TLS).

#include "tests/bench/percentile.h"
#include "tests/support/nginxproxy.h"
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <functional>
#include <map>
#include <memory>
#include <sys/resource.h>
#include <vector>

using namespace civicdesk;
using bench::percentile;

namespace {

constexpr int Pollers = 1000;
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

double loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readAll().split(' ').first().toDouble() : -1;
}

QByteArray pushRequest(const QByteArray &token, int n, QByteArray *id)
{
    const QJsonObject event = test::requestCreatedEvent(
        QStringLiteral("bench"), QStringLiteral("F%1").arg(n, 9, 10, QLatin1Char('0')));
    *id = event.value(u"id").toString().toLatin1();
    const QByteArray body =
        QJsonDocument(QJsonObject{{QStringLiteral("events"), QJsonArray{event}}})
            .toJson(QJsonDocument::Compact);
    return "POST /api/v1/events HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
           "Authorization: Bearer " +
           token + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray pullRequest(const QByteArray &token, qint64 after, int wait)
{
    return "GET /api/v1/events?after=" + QByteArray::number(after) +
           "&wait=" + QByteArray::number(wait) +
           "&limit=1000 HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token + "\r\n\r\n";
}

// The length of the whole response at the front of `bytes` (-1 while incomplete), read cheaply:
// this client must not be what the benchmark measures.
qsizetype responseLength(const QByteArray &bytes)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    qsizetype at = bytes.indexOf("\r\nContent-Length:", 0);
    if (at < 0 || at > headEnd)
        at = bytes.indexOf("\r\ncontent-length:", 0);
    if (at < 0 || at > headEnd)
        return headEnd + 4;
    const qsizetype end = bytes.indexOf("\r\n", at + 17);
    const qint64 length = bytes.mid(at + 17, end - at - 17).trimmed().toLongLong();
    return bytes.size() >= headEnd + 4 + length ? headEnd + 4 + length : -1;
}

// The event ids, the highest "seq" and "last_seq" of a pull's answer, by scanning its text
// (the server writes compact JSON; "id" is only an event's own key).
struct Pulled
{
    std::vector<QByteArray> ids;
    qint64 maxSeq = 0;
    qint64 lastSeq = -1;
};

qint64 numberAfter(const QByteArray &text, qsizetype at)
{
    qsizetype end = at;
    while (end < text.size() && (std::isdigit(uchar(text.at(end))) || text.at(end) == '.'))
        ++end;
    return qint64(text.mid(at, end - at).toDouble());
}

Pulled scan(const QByteArray &response)
{
    Pulled pulled;
    const qsizetype body = response.indexOf("\r\n\r\n") + 4;
    for (qsizetype at = response.indexOf("\"id\":\"", body); at >= 0;
         at = response.indexOf("\"id\":\"", at + 6)) {
        const qsizetype end = response.indexOf('"', at + 6);
        pulled.ids.push_back(response.mid(at + 6, end - at - 6));
    }
    for (qsizetype at = response.indexOf("\"seq\":", body); at >= 0;
         at = response.indexOf("\"seq\":", at + 6))
        pulled.maxSeq = std::max(pulled.maxSeq, numberAfter(response, at + 6));
    if (const qsizetype at = response.indexOf("\"last_seq\":", body); at >= 0)
        pulled.lastSeq = numberAfter(response, at + 11);
    return pulled;
}

// How a client reaches the server: plain TCP to a port, or TLS to nginx.
using Connect = std::function<std::unique_ptr<QTcpSocket>()>;

Connect plain(quint16 port)
{
    return [port] {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        socket->waitForConnected(10000);
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
    int pushed = 0;
    int pushesAnswered = 0;
    qint64 received = 0;
    int pollErrors = 0;    // answers to pollers other than 200
    int silentPollers = 0; // pollers that received none of the events
    double seconds = 0;
    std::vector<double> latencies;
    std::vector<double> pushLatencies;
    double load = 0;
};

// `perSecond` pushes a second in all (a tick whose pusher still waits is skipped), or with 0 each
// pusher sends its next push as soon as the last is answered.
Figures fanout(const Connect &connect, const QByteArray &token, int perSecond)
{
    raiseDescriptorLimit();
    Figures figures;
    QElapsedTimer clock;
    clock.start();
    QHash<QByteArray, qint64> sentAt; // event id -> ns, written by the pushers' thread
    QMutex sentMutex;
    figures.latencies.reserve(size_t(Pollers) * 4000);
    // Every poller waits after the store's current sequence number.
    qint64 start = 0;
    {
        std::unique_ptr<QTcpSocket> probe = connect();
        probe->write(pullRequest(token, 0, 0).replace("limit=1000", "limit=1"));
        QByteArray in;
        while (responseLength(in) < 0 && probe->waitForReadyRead(30000))
            in += probe->readAll();
        start = scan(in).lastSeq;
    }
    std::vector<std::unique_ptr<QTcpSocket>> pollers;
    std::vector<QByteArray> in(Pollers);
    std::vector<int> perPoller(Pollers);
    for (int i = 0; i < Pollers; ++i) {
        std::unique_ptr<QTcpSocket> socket = connect();
        QTcpSocket *s = socket.get();
        QObject::connect(s, &QTcpSocket::readyRead, s, [&, s, i] {
            QByteArray &buffer = in[size_t(i)];
            buffer += s->readAll();
            for (qsizetype length = responseLength(buffer); length > 0;
                 length = responseLength(buffer)) {
                const qint64 now = clock.nsecsElapsed();
                if (!buffer.startsWith("HTTP/1.1 200"))
                    ++figures.pollErrors;
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
                s->write(
                    pullRequest(token, pulled.ids.empty() ? pulled.lastSeq : pulled.maxSeq, 30));
            }
        });
        // Sent now, not when the event loop first runs: connecting 1,000 pollers on a loaded
        // machine takes longer than the server's --header-timeout (10 s), which closes a
        // connection whose first request has not arrived by then (those pollers then heard
        // nothing at all: "silent_pollers").
        s->write(pullRequest(token, start, 30));
        s->flush();
        pollers.push_back(std::move(socket));
    }
    // The pushers are other workstations: their sockets, their clock ticks and their answers
    // are on a thread of their own, so a push's answer is timed when it arrives, not when this
    // thread's loop gets to it between a thousand pollers' answers.
    const qint64 end = clock.nsecsElapsed() + Seconds * 1000000000LL;
    std::unique_ptr<QThread> pushing(QThread::create([&] {
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
                const qsizetype length = responseLength(p->in);
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
            Pusher &p = *pushers[size_t(turn++ % int(pushers.size()))];
            if (!p.inFlight)
                send(p);
        });
        tick.start();
        loop.exec();
    }));
    figures.load = loadAverage();
    pushing->start();
    // Time for the last events to arrive everywhere.
    QEventLoop loop;
    QTimer::singleShot(int((end - clock.nsecsElapsed()) / 1000000) + 5000, &loop,
                       &QEventLoop::quit);
    loop.exec();
    pushing->wait();
    figures.load = std::max(figures.load, loadAverage());
    figures.silentPollers = int(std::count(perPoller.begin(), perPoller.end(), 0));
    return figures;
}

// The bare baseline: the same exchange answered from memory by a plain QTcpServer on a thread
// of its own (what the client, loopback TCP and Qt's sockets cost without any server logic).
class BareServer
{
public:
    BareServer()
    {
        m_thread.reset(QThread::create([this] {
            QTcpServer server;
            server.listen(QHostAddress::LocalHost, 0);
            QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
                while (QTcpSocket *socket = server.nextPendingConnection())
                    accept(socket);
            });
            m_port.storeRelease(server.serverPort());
            QEventLoop loop;
            m_loop = &loop;
            m_ready.storeRelease(1);
            loop.exec();
            m_waiting.clear();
            m_loop = nullptr;
        }));
        m_thread->start();
        while (!m_ready.loadAcquire())
            QThread::msleep(5);
    }
    ~BareServer()
    {
        QMetaObject::invokeMethod(m_loop, "quit", Qt::QueuedConnection);
        m_thread->wait();
    }
    quint16 port() const { return quint16(m_port.loadAcquire()); }

private:
    struct Waiting
    {
        QTcpSocket *socket;
        qint64 after;
    };

    QByteArray answer(qint64 after) const
    {
        QByteArray body = "{\"events\":[";
        const auto from = m_events.upper_bound(after);
        int n = 0;
        for (auto it = from; it != m_events.end() && n < 1000; ++it, ++n)
            body += (n ? "," : "") + it->second;
        body += "],\"last_seq\":" + QByteArray::number(m_last) + ",\"more\":false}";
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
               QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }

    void accept(QTcpSocket *socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            *buffer += socket->readAll();
            for (qsizetype length = responseLength(*buffer); length > 0;
                 length = responseLength(*buffer)) {
                const QByteArray request = buffer->left(length);
                buffer->remove(0, length);
                handle(socket, request);
            }
        });
    }

    void handle(QTcpSocket *socket, const QByteArray &request)
    {
        if (request.startsWith("POST")) {
            const qsizetype open = request.indexOf('[', request.indexOf("\r\n\r\n"));
            const qsizetype close = request.lastIndexOf(']');
            const QByteArray event = request.mid(open + 1, close - open - 1);
            ++m_last;
            m_events.emplace(m_last, "{\"seq\":" + QByteArray::number(m_last) + "," + event.mid(1));
            const QByteArray body =
                "{\"accepted\":[],\"rejected\":[],\"last_seq\":" + QByteArray::number(m_last) + "}";
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\n\r\n" + body);
            std::map<qint64, QByteArray> built;
            for (const Waiting &w : std::exchange(m_waiting, {})) {
                auto found = built.find(w.after);
                if (found == built.end())
                    found = built.emplace(w.after, answer(w.after)).first;
                w.socket->write(found->second);
            }
            return;
        }
        const qsizetype at = request.indexOf("after=");
        const qint64 after = request.mid(at + 6, request.indexOf('&', at) - at - 6).toLongLong();
        if (m_last > after || request.contains("wait=0"))
            socket->write(answer(after));
        else
            m_waiting.push_back(Waiting{socket, after});
    }

    std::unique_ptr<QThread> m_thread;
    QAtomicInt m_port = 0;
    QAtomicInt m_ready = 0;
    QEventLoop *m_loop = nullptr;
    std::map<qint64, QByteArray> m_events;
    qint64 m_last = 0;
    std::vector<Waiting> m_waiting;
};

void report(benchmark::State &state, const Figures &f, const Figures *bare)
{
    const double p50 = percentile(f.latencies, 0.5);
    const double p99 = percentile(f.latencies, 0.99);
    state.counters["pollers"] = Pollers;
    state.counters["events_pushed"] = f.pushed;
    state.counters["pushes_per_s"] = double(f.pushesAnswered) / std::max(1.0, f.seconds);
    state.counters["deliveries_pct"] =
        100.0 * double(f.received) / double(std::max(1, f.pushed * Pollers));
    state.counters["deliveries_per_s"] = double(f.received) / std::max(1.0, f.seconds);
    state.counters["poll_errors"] = f.pollErrors;
    state.counters["silent_pollers"] = f.silentPollers;
    state.counters["change_p50_ms"] = p50;
    state.counters["change_p99_ms"] = p99;
    state.counters["push_p50_ms"] = percentile(f.pushLatencies, 0.5);
    state.counters["push_p99_ms"] = percentile(f.pushLatencies, 0.99);
    state.counters["load"] = f.load;
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
const Figures &bareFigures(int perSecond)
{
    static std::map<int, Figures> measured;
    auto found = measured.find(perSecond);
    if (found == measured.end()) {
        BareServer bare;
        found = measured.emplace(perSecond, fanout(plain(bare.port()), "bare", perSecond)).first;
    }
    return found->second;
}

// One civicdesk-server; range(0): 0 SQLite, 1 PostgreSQL; range(1): pushes a second in all.
void BM_LongPollFanout(benchmark::State &state)
{
    const bool postgres = state.range(0) == 1;
    const int perSecond = int(state.range(1));
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
    test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), database);
    if (!server.addUser(QStringLiteral("bench"), QStringLiteral("call_taker")) || !server.start()) {
        state.SkipWithError("cannot start civicdesk-server");
        return;
    }
    const QByteArray token = server.login(QStringLiteral("bench")).toLatin1();
    const Figures &bare = bareFigures(perSecond);
    for (auto _ : state)
        report(state, fanout(plain(server.port()), token, perSecond), &bare);
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
        servers.push_back(
            std::make_unique<test::ServerProcess>(QStringLiteral(CIVICDESK_SERVER), database));
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
        report(state, fanout(tls(nginx.httpsPort(), nginx.certificate()), token, 0), nullptr);
    nginx.stop();
    for (auto &server : servers)
        server->terminate();
}

} // namespace

BENCHMARK(BM_LongPollFanout)
    ->Args({0, 200})
    ->Args({1, 200})
    ->Args({0, 20})
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

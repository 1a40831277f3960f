// civicdesk-server against hostile clients and load, on SQLite and on PostgreSQL (fsync on): the
// server's memory (VmRSS, VmHWM) with 1,000 idle kept-alive connections and then eight 256 MB
// bodies sent by clients without a sign-in (four with Content-Length, four chunked), beside the
// idle process's; and a signed-in GET's latency (p50/p99) during a burst of 50 sign-ins (Argon2id
// on the worker threads, each attempt counted in the store) beside the same GET alone (the
// baseline) and their ratio. Figures are printed as counters (MB, milliseconds).

#include "tests/bench/percentile.h"
#include "tests/bench/postgresbench.h"
#include "tests/support/rawhttp.h"
#include "tests/support/serverprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>
#include <QUuid>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <memory>
#include <vector>

using namespace civicdesk;
using bench::percentile;
using test::RawConnection;

namespace {

// A line of /proc/PID/status ("VmRSS", "VmHWM") in MB.
double memoryMb(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':')))
            return line.mid(field.size() + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

QByteArray meRequest(const QString &token)
{
    return "GET /api/v1/me HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer " + token.toLatin1() +
           "\r\n\r\n";
}

QByteArray loginRequest()
{
    const QByteArray body =
        QJsonDocument(
            QJsonObject{{QStringLiteral("username"), QStringLiteral("bench")},
                        {QStringLiteral("password"), QStringLiteral("correct horse battery")}})
            .toJson(QJsonDocument::Compact);
    return "POST /api/v1/login HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Sends hostile bodies on `count` connections at once until the server cuts each (or 256 MB
// went out); returns the most bytes any of them got out.
qint64 sendHostileBodies(quint16 port, int count, bool chunked)
{
    constexpr qint64 Total = 256LL * 1024 * 1024;
    const QByteArray block(1024 * 1024, 'x');
    const QByteArray chunk = "100000\r\n" + block + "\r\n";
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<qint64> sent(size_t(count), 0);
    QEventLoop loop;
    int open = count;
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = socket.get();
        const auto pump = [s, &sent, i, &block, &chunk, chunked] {
            while (s->state() == QAbstractSocket::ConnectedState &&
                   s->bytesToWrite() < 4 * 1024 * 1024 && sent[size_t(i)] < Total) {
                s->write(chunked ? chunk : block);
                sent[size_t(i)] += block.size();
            }
        };
        QObject::connect(s, &QTcpSocket::connected, s, [s, chunked, pump] {
            s->write("POST /api/v1/events HTTP/1.1\r\nHost: bench\r\nContent-Type: "
                     "application/json\r\n" +
                     (chunked ? QByteArrayLiteral("Transfer-Encoding: chunked\r\n")
                              : "Content-Length: " + QByteArray::number(Total) + "\r\n") +
                     "\r\n");
            pump();
        });
        QObject::connect(s, &QTcpSocket::bytesWritten, s, pump);
        QObject::connect(s, &QTcpSocket::readyRead, s, [s] { s->readAll(); });
        QObject::connect(s, &QTcpSocket::stateChanged, &loop,
                         [&open, &loop](QAbstractSocket::SocketState state) {
                             if (state == QAbstractSocket::UnconnectedState && --open == 0)
                                 loop.quit();
                         });
        s->connectToHost(QHostAddress::LocalHost, port);
        sockets.push_back(std::move(socket));
    }
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    return *std::max_element(sent.begin(), sent.end());
}

// GET /api/v1/me on one kept-alive connection, one after another, until `until` says stop;
// the latency of each in milliseconds.
std::vector<double> timeGets(quint16 port, const QString &token, const std::function<bool()> &until)
{
    RawConnection client(port);
    std::vector<double> latencies;
    QElapsedTimer timer;
    while (!until()) {
        timer.start();
        client.send(meRequest(token));
        if (test::statusOf(client.response()) != 200)
            break;
        latencies.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return latencies;
}

void runLimits(benchmark::State &state, const QString &database)
{
    test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), database);
    server.setServerArguments({QStringLiteral("--sign-ins-per-account"), QStringLiteral("1000"),
                               QStringLiteral("--sign-ins-per-address"), QStringLiteral("1000")});
    if (!server.addUser(QStringLiteral("bench"), QStringLiteral("call_taker")) || !server.start()) {
        state.SkipWithError("cannot start civicdesk-server");
        return;
    }
    const QString token = server.login(QStringLiteral("bench"));
    const qint64 pid = server.processId();
    for (auto _ : state) {
        state.counters["rss_start_mb"] = memoryMb(pid, "VmRSS");
        // 1,000 workstations connected and idle between requests.
        std::vector<std::unique_ptr<RawConnection>> idle;
        for (int i = 0; i < 1000; ++i) {
            idle.push_back(std::make_unique<RawConnection>(server.port()));
            idle.back()->send(meRequest(token));
            if (test::statusOf(idle.back()->response()) != 200) {
                state.SkipWithError("an idle connection was not served");
                return;
            }
        }
        state.counters["rss_1000_idle_mb"] = memoryMb(pid, "VmRSS");
        // Hostile bodies while the idle ones stay connected.
        state.counters["hostile_sent_max_mb"] =
            double(std::max(sendHostileBodies(server.port(), 4, false),
                            sendHostileBodies(server.port(), 4, true))) /
            (1024.0 * 1024.0);
        state.counters["rss_after_hostile_mb"] = memoryMb(pid, "VmRSS");
        state.counters["hwm_mb"] = memoryMb(pid, "VmHWM");
        idle.clear();

        // A signed-in GET alone, then during a burst of 50 sign-ins.
        int baseline = 0; // 3,000 GETs: a p99 of its own, not the third slowest of 300
        const std::vector<double> quiet =
            timeGets(server.port(), token, [&] { return ++baseline > 3000; });
        std::vector<std::unique_ptr<RawConnection>> burst;
        for (int i = 0; i < 50; ++i)
            burst.push_back(std::make_unique<RawConnection>(server.port()));
        QElapsedTimer burstTimer;
        burstTimer.start();
        for (const auto &client : burst) {
            client->socket().write(loginRequest());
            client->socket().flush();
        }
        int answered = 0;
        std::vector<QByteArray> in(burst.size());
        const std::vector<double> busy = timeGets(server.port(), token, [&] {
            QCoreApplication::processEvents(); // the sign-in answers reach their sockets
            for (size_t i = 0; i < burst.size(); ++i) {
                if (in[i].isEmpty() || test::responseLength(in[i]) < 0) {
                    in[i] += burst[i]->socket().readAll();
                    if (test::responseLength(in[i]) > 0)
                        ++answered;
                }
            }
            return answered == int(burst.size()) || burstTimer.elapsed() > 120000;
        });
        state.counters["signin_burst_s"] = double(burstTimer.elapsed()) / 1000.0;
        state.counters["get_quiet_p50_ms"] = percentile(quiet, 0.5);
        state.counters["get_quiet_p99_ms"] = percentile(quiet, 0.99);
        state.counters["get_burst_p50_ms"] = percentile(busy, 0.5);
        state.counters["get_burst_p99_ms"] = percentile(busy, 0.99);
        state.counters["get_burst_p99_ratio"] =
            percentile(busy, 0.99) / std::max(percentile(quiet, 0.99), 1e-6);
        state.counters["get_burst_n"] = double(busy.size());
        state.counters["signins_answered"] = answered;
    }
    server.terminate();
}

void BM_ServerLimits(benchmark::State &state)
{
    QTemporaryDir dir;
    runLimits(state, dir.filePath(QStringLiteral("limits.sqlite")));
}

void BM_ServerLimitsPostgres(benchmark::State &state)
{
    std::unique_ptr<test::PgCluster> cluster;
    if (const QString url = bench::durablePostgres(state, cluster); !url.isEmpty())
        runLimits(state, url);
}

} // namespace

BENCHMARK(BM_ServerLimits)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_ServerLimitsPostgres)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

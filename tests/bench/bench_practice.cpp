// A live practice call's delivery time over the practice channel's long-poll (issue 17, item 6):
// a real civicdesk-server on SQLite, the trainer and the trainee each the workstation's own
// PracticeChannel; the time from the trainer's say() until the trainee's caller panel would have
// the line (lineReceived), and from the trainee's ask() until the trainer has the question, 100
// of each (under the channel's 120 a minute per participant), one at a time. The bare engine: one
// authenticated HTTP round trip to the same server (GET /api/v1/me) through a
// QNetworkAccessManager. Printed as counters: median, p99 (ms), and the line median's ratio to
// the bare round trip's.

#include "models/practice/practicechannel.h"
#include "tests/bench/percentile.h"
#include "tests/support/serverprocess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTimer>
#include <benchmark/benchmark.h>
#include <optional>

using namespace civicdesk;
using bench::percentile;

namespace {

// Runs the event loop until `done` or 10 s.
bool waitUntil(const std::function<bool()> &done)
{
    QElapsedTimer clock;
    clock.start();
    while (!done() && clock.elapsed() < 10000) {
        QEventLoop loop;
        QTimer::singleShot(1, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

void BM_PracticeLine(benchmark::State &state)
{
    QTemporaryDir dir;
    test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER),
                               dir.filePath(QStringLiteral("central.sqlite")));
    if (!server.addUser(QStringLiteral("tina"), QStringLiteral("trainer")) ||
        !server.addUser(QStringLiteral("ana"), QStringLiteral("call_taker")) || !server.start()) {
        state.SkipWithError("cannot start civicdesk-server");
        return;
    }
    const QString trainerToken = server.login(QStringLiteral("tina"));
    const QString traineeToken = server.login(QStringLiteral("ana"));
    const QUrl url(server.baseUrl());
    for (auto _ : state) {
        QNetworkAccessManager trainerNetwork;
        QNetworkAccessManager traineeNetwork;
        PracticeChannel trainer(trainerNetwork, url, trainerToken);
        PracticeChannel trainee(traineeNetwork, url, traineeToken);
        std::optional<Result<PracticeCallInfo>> opened;
        std::optional<Result<PracticeCallInfo>> joined;
        trainer.open(QStringLiteral("pothole-en"), QStringLiteral("Pothole"),
                     [&](Result<PracticeCallInfo> r) { opened = r; });
        if (!waitUntil([&] { return opened.has_value(); }) || !opened->ok()) {
            state.SkipWithError("the call was not opened");
            return;
        }
        trainee.join(opened->value().code, [&](Result<PracticeCallInfo> r) { joined = r; });
        if (!waitUntil([&] { return joined.has_value(); }) || !joined->ok()) {
            state.SkipWithError("the call was not joined");
            return;
        }
        int lines = 0;
        int questions = 0;
        QObject::connect(&trainee, &PracticeChannel::lineReceived, [&] { ++lines; });
        QObject::connect(&trainer, &PracticeChannel::questionReceived, [&] { ++questions; });
        waitUntil([] { return false; }); // both pulls waiting (10 s: settled)
        // Under the channel's 120 messages a minute per participant.
        constexpr int Messages = 100;
        std::vector<double> line;
        std::vector<double> question;
        QElapsedTimer clock;
        for (int i = 0; i < Messages; ++i) {
            clock.start();
            trainer.say(QStringLiteral("Line %1: it's in front of number 40.").arg(i));
            if (!waitUntil([&] { return lines == i + 1; }))
                return state.SkipWithError("a line did not arrive in 10 s");
            line.push_back(double(clock.nsecsElapsed()) / 1e6);
            clock.start();
            trainee.ask(QStringLiteral("Question %1: where is it?").arg(i));
            if (!waitUntil([&] { return questions == i + 1; }))
                return state.SkipWithError("a question did not arrive in 10 s");
            question.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
        // The bare engine: one authenticated round trip to the same server.
        std::vector<double> bare;
        for (int i = 0; i < Messages; ++i) {
            QNetworkRequest request(QUrl(server.baseUrl() + QStringLiteral("/api/v1/me")));
            request.setRawHeader("Authorization", "Bearer " + traineeToken.toLatin1());
            clock.start();
            QNetworkReply *reply = trainerNetwork.get(request);
            waitUntil([reply] { return reply->isFinished(); });
            bare.push_back(double(clock.nsecsElapsed()) / 1e6);
            reply->deleteLater();
        }
        trainer.close();
        const double bareMedian = percentile(bare, 0.5);
        state.counters["line_p50_ms"] = percentile(line, 0.5);
        state.counters["line_p99_ms"] = percentile(line, 0.99);
        state.counters["question_p50_ms"] = percentile(question, 0.5);
        state.counters["question_p99_ms"] = percentile(question, 0.99);
        state.counters["bare_roundtrip_p50_ms"] = bareMedian;
        state.counters["bare_roundtrip_p99_ms"] = percentile(bare, 0.99);
        state.counters["line_ratio_to_bare"] =
            bareMedian > 0 ? percentile(line, 0.5) / bareMedian : 0;
    }
}

} // namespace

BENCHMARK(BM_PracticeLine)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();

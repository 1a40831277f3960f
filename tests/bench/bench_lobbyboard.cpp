// The lobby's call through the real civicdesk-server (issue 18): counter 1 presses "call next";
// how long until the display board's PC and counter 2's PC hold the call (the board repaints on
// that store change; counter 2 no longer sees the ticket waiting). Three headless workstations
// on loopback: counter 1 calls through its call arbiter (the store decides), the board and
// counter 2 pull. Beside it, the bare engine: a plain event appended on counter 1 until it is in
// the board's store. Prints median, p95 and p99 of each and the ratio of the call's median to
// the bare event's (goal: the call on the board within 1 s at p95).
//
//   build/bin/civicdesk-bench --benchmark_filter=LobbyCall

#include "models/lobby/lobbyservice.h"
#include "models/sync/synccallarbiter.h"
#include "tests/bench/percentile.h"
#include "tests/bench/spin.h"
#include "tests/support/serverfixture.h"
#include "tests/support/syncworkstation.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <benchmark/benchmark.h>

using namespace civicdesk;
using bench::spinUntil;

namespace {

bool hasEvent(Database &db, const QString &id)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.prepare(QStringLiteral("SELECT 1 FROM events WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() && q.next();
}

void BM_LobbyCallReachesBoardAndCounter(benchmark::State &state)
{
    test::ServerFixture fixture{QStringLiteral(CIVICDESK_SERVER)};
    if (!fixture.setUp({{QStringLiteral("ana"), QStringLiteral("lobby")},
                        {QStringLiteral("board"), QStringLiteral("lobby")},
                        {QStringLiteral("bob"), QStringLiteral("lobby")}})) {
        state.SkipWithError(qPrintable(fixture.error()));
        return;
    }
    QNetworkAccessManager networkA;
    QNetworkAccessManager networkBoard;
    QNetworkAccessManager networkB;
    const QUrl server(fixture.baseUrl());
    const QString password = test::testPassword();
    auto counter1 = test::signedInWorkstation(networkA, server, QStringLiteral("AAAA2"),
                                              QStringLiteral("ana"), password, AgentRole::Lobby);
    auto board = test::signedInWorkstation(networkBoard, server, QStringLiteral("BBBB3"),
                                           QStringLiteral("board"), password, AgentRole::Lobby);
    auto counter2 = test::signedInWorkstation(networkB, server, QStringLiteral("CCCC4"),
                                              QStringLiteral("bob"), password, AgentRole::Lobby);
    if (!counter1 || !board || !counter2) {
        state.SkipWithError("cannot sign the three workstations in");
        return;
    }
    // Tickets are issued on counter 1 without the store deciding (their numbers do not matter
    // here), then called through the store like any counter does.
    LobbyService issuer(counter1->db(), counter1->events(), QStringLiteral("ana"));
    LobbyService lobby(counter1->db(), counter1->events(), QStringLiteral("ana"));
    SyncCallArbiter arbiter(counter1->client());
    const QStringList categories = {QStringLiteral("Animals"), QStringLiteral("Food")};
    issuer.setCategories(categories);
    lobby.setCategories(categories);
    lobby.setArbiter(&arbiter);
    LobbyRepository onBoard(board->db());
    LobbyRepository atCounter2(counter2->db());
    spinUntil([] { return false; }, 500); // all three settle into their long polls

    const int rounds = int(state.range(0));
    std::vector<double> toBoard;
    std::vector<double> toCounter2;
    std::vector<double> bare;
    for (auto _ : state) {
        toBoard.clear();
        toCounter2.clear();
        bare.clear();
        for (int i = 0; i < rounds; ++i) {
            auto issued = issuer.issue({categories.at(i % 2), {}, QStringLiteral("en"), {}, {}});
            if (!issued) {
                state.SkipWithError(qPrintable(issued.error().message));
                return;
            }
            const QString id = issued.value().ticket.id;
            if (!spinUntil([&] { return atCounter2.ticket(id) && onBoard.ticket(id); }, 10000)) {
                state.SkipWithError("a ticket did not reach the other PCs within 10 s");
                return;
            }
            QElapsedTimer clock;
            clock.start();
            bool answered = false;
            lobby.callNext({QStringLiteral("1"), {}}, [&](Result<LobbyTicket> r) {
                answered = true;
                if (!r || r.value().id != id)
                    state.SkipWithError("counter 1 did not get its ticket");
            });
            double boardMs = -1;
            double counter2Ms = -1;
            const bool arrived = spinUntil(
                [&] {
                    if (boardMs < 0) {
                        const auto now = onBoard.recentlyCalled(1);
                        if (!now.isEmpty() && now.first().id == id)
                            boardMs = double(clock.nsecsElapsed()) / 1e6;
                    }
                    if (counter2Ms < 0 && atCounter2.ticket(id)->state != TicketState::Waiting)
                        counter2Ms = double(clock.nsecsElapsed()) / 1e6;
                    return answered && boardMs >= 0 && counter2Ms >= 0;
                },
                10000);
            if (!arrived) {
                state.SkipWithError("a call did not reach the board and counter 2 within 10 s");
                return;
            }
            toBoard.push_back(boardMs);
            toCounter2.push_back(counter2Ms);
            if (!lobby.serve(QStringLiteral("1"), Outcome::InformationGiven, {}, {}, {})) {
                state.SkipWithError("finishing the visit failed");
                return;
            }
            // The bare engine: one plain event from counter 1 to the board's store.
            const QString entity = Event::newId();
            const Event plain = counter1->make(
                entity, QStringLiteral("request.created"),
                {{QStringLiteral("number"), QStringLiteral("AAAA2-L%1").arg(i)},
                 {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                 {QStringLiteral("description"), QStringLiteral("bench %1").arg(i)}});
            clock.restart();
            if (!counter1->events().append(plain)) {
                state.SkipWithError("append failed");
                return;
            }
            if (!spinUntil([&] { return hasEvent(board->db(), plain.id); }, 10000)) {
                state.SkipWithError("an event did not reach the board within 10 s");
                return;
            }
            bare.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
    }
    using bench::percentile;
    state.counters["calls"] = rounds;
    state.counters["board_median_ms"] = percentile(toBoard, 0.5);
    state.counters["board_p95_ms"] = percentile(toBoard, 0.95);
    state.counters["board_p99_ms"] = percentile(toBoard, 0.99);
    state.counters["counter2_median_ms"] = percentile(toCounter2, 0.5);
    state.counters["counter2_p95_ms"] = percentile(toCounter2, 0.95);
    state.counters["counter2_p99_ms"] = percentile(toCounter2, 0.99);
    state.counters["bare_median_ms"] = percentile(bare, 0.5);
    state.counters["bare_p95_ms"] = percentile(bare, 0.95);
    const double bareMedian = percentile(bare, 0.5);
    state.counters["ratio_to_bare"] = bareMedian > 0 ? percentile(toBoard, 0.5) / bareMedian : 0;
}

} // namespace

BENCHMARK(BM_LobbyCallReachesBoardAndCounter)
    ->Arg(200)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Two counters on one queue through the real civicdesk-server (SQLite, and PostgreSQL in the
// _postgres run): both press "call next" at the same moment 1,000 times and never get the same
// ticket, and the central store's log holds exactly one call per ticket; a counter cut off from
// the store keeps calling the tickets issued on its own PC, and its calls reach the store and
// the other counter when it is back. Two check-in PCs issuing together never give one number,
// also when each talks to another server process on one PostgreSQL store.

#include "models/lobby/lobbyservice.h"
#include "models/sync/synccallarbiter.h"
#include "tests/support/serverfixture.h"
#include "tests/support/syncworkstation.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

const QString password = testPassword();
const QStringList Categories = {QStringLiteral("Animals"), QStringLiteral("Food")};
constexpr int Rounds = 1000;
constexpr int IssueRounds = 100;

// Counts the store's refusals (a call another counter got first).
class CountingArbiter : public CallArbiter
{
public:
    explicit CountingArbiter(CallArbiter &inner) : m_inner(inner) {}
    int refused = 0;
    void submit(const Event &call, Done done) override
    {
        m_inner.submit(call, [this, done](Answer answer) {
            if (answer.verdict == Verdict::Refused)
                ++refused;
            done(answer);
        });
    }

private:
    CallArbiter &m_inner;
};

struct Counter
{
    std::unique_ptr<SyncWorkstation> ws;
    std::unique_ptr<SyncCallArbiter> arbiter;
    std::unique_ptr<CountingArbiter> counting;
    std::unique_ptr<LobbyService> lobby;
    CounterProfile profile;
};

} // namespace

class TestLobbyEndToEnd : public QObject
{
    Q_OBJECT

    ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};

    ServerProcess &server() { return m_fixture.server(); }
    QString m_adminToken;
    QNetworkAccessManager m_networkA;
    QNetworkAccessManager m_networkB;
    Counter m_a;
    Counter m_b;

    void build(Counter &c, QNetworkAccessManager &network, const QString &device,
               const QString &actor, const QString &counter, QString server = {})
    {
        QString why;
        if (server.isEmpty())
            server = m_fixture.baseUrl();
        c.ws = signedInWorkstation(network, server, device, actor, password, &why);
        QVERIFY2(c.ws, qPrintable(why));
        c.arbiter = std::make_unique<SyncCallArbiter>(c.ws->client());
        c.counting = std::make_unique<CountingArbiter>(*c.arbiter);
        c.ws->events().setRole(AgentRole::Lobby);
        c.lobby = std::make_unique<LobbyService>(c.ws->db(), c.ws->events(), actor);
        c.lobby->setCategories(Categories);
        c.lobby->setArbiter(c.counting.get());
        c.profile = {counter, {}};
        c.ws->engine().start();
    }

    // Every ticket.called event in the central store.
    QList<QJsonObject> serverCalls()
    {
        QList<QJsonObject> calls;
        for (const QJsonObject &e : server().allEvents(m_adminToken)) {
            if (e.value(u"kind").toString() == u"ticket.called")
                calls.append(e);
        }
        return calls;
    }

    qint64 serverLastSeq() { return server().lastSeq(m_adminToken); }

    // Tickets issued on A as its check-in would, appended in one go.
    void issueOnA(int count)
    {
        const QString device = m_a.ws->db().deviceCode().value();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QString day = now.toLocalTime().date().toString(Qt::ISODate);
        static int seq = 0;
        for (int i = 0; i < count; ++i) {
            ++seq;
            const QString category = Categories.at(seq % 2);
            const Event e = Event::make(
                QStringLiteral("ticket"), Event::newId(), QStringLiteral("ticket.issued"),
                {{QStringLiteral("number"),
                  QStringLiteral("%1%2")
                      .arg(seq % 2 ? QStringLiteral("B") : QStringLiteral("A"))
                      .arg(seq, 4, 10, QLatin1Char('0'))},
                 {QStringLiteral("category"), category},
                 {QStringLiteral("seq"), seq},
                 {QStringLiteral("day"), day},
                 {QStringLiteral("language"), QStringLiteral("en")},
                 {QStringLiteral("accessibility"),
                  seq % 7 == 0 ? QStringLiteral("wheelchair") : QString()}},
                m_a.ws->actor(), device, now.addMSecs(seq));
            QVERIFY(m_a.ws->events().append(e).ok());
        }
    }

    template <typename T> static Result<T> waitFor(std::optional<Result<T>> &answer)
    {
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 20000))
            return makeError(QStringLiteral("test"), QStringLiteral("no answer in 20 s"));
        return *answer;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_fixture.setUp({{QStringLiteral("ana"), QStringLiteral("lobby")},
                                  {QStringLiteral("bob"), QStringLiteral("lobby")},
                                  {QStringLiteral("root"), QStringLiteral("admin")}},
                                 ServerFixture::City::None, {QStringLiteral("root")}),
                 qPrintable(m_fixture.error()));
        m_adminToken = m_fixture.token(QStringLiteral("root"));
        build(m_a, m_networkA, QStringLiteral("AAAA2"), QStringLiteral("ana"), QStringLiteral("1"));
        build(m_b, m_networkB, QStringLiteral("BBBB3"), QStringLiteral("bob"), QStringLiteral("2"));
    }

    void cleanupTestCase()
    {
        m_a = {};
        m_b = {};
        m_fixture.stop();
    }

    void twoCountersPressingCallNextTogetherNeverGetTheSameTicket()
    {
        issueOnA(2 * Rounds + 4);
        QTRY_COMPARE_WITH_TIMEOUT(m_a.ws->sync().pendingCount(), 0, 60000);
        const qint64 last = serverLastSeq();
        QTRY_VERIFY_WITH_TIMEOUT(m_b.ws->sync().cursor() >= last, 60000);
        QCOMPARE(m_b.lobby->repository().waiting().size(), 2 * Rounds + 4);

        QSet<QString> called;
        QElapsedTimer timer;
        timer.start();
        for (int round = 0; round < Rounds; ++round) {
            std::optional<Result<LobbyTicket>> a;
            std::optional<Result<LobbyTicket>> b;
            // Both presses before either answer: the two calls are in flight together.
            m_a.lobby->callNext(m_a.profile, [&a](Result<LobbyTicket> r) { a = std::move(r); });
            m_b.lobby->callNext(m_b.profile, [&b](Result<LobbyTicket> r) { b = std::move(r); });
            const auto gotA = waitFor(a);
            const auto gotB = waitFor(b);
            QVERIFY2(gotA.ok(), qPrintable(gotA ? QString() : gotA.error().message));
            QVERIFY2(gotB.ok(), qPrintable(gotB ? QString() : gotB.error().message));
            QVERIFY2(
                gotA.value().id != gotB.value().id,
                qPrintable(
                    QStringLiteral("round %1: both got %2").arg(round).arg(gotA.value().number)));
            QVERIFY2(!called.contains(gotA.value().id), qPrintable(gotA.value().number));
            QVERIFY2(!called.contains(gotB.value().id), qPrintable(gotB.value().number));
            called.insert(gotA.value().id);
            called.insert(gotB.value().id);
            QVERIFY(
                m_a.lobby->serve(m_a.profile.counter, Outcome::InformationGiven, {}, {}, {}).ok());
            QVERIFY(
                m_b.lobby->serve(m_b.profile.counter, Outcome::InformationGiven, {}, {}, {}).ok());
        }
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(called.size(), 2 * Rounds);
        // The central store's log: one call per ticket, each ticket called there is one of ours.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_a.ws->sync().pendingCount() == 0 && m_b.ws->sync().pendingCount() == 0, 60000);
        QHash<QString, int> perTicket;
        for (const QJsonObject &call : serverCalls())
            ++perTicket[call.value(u"entity_id").toString()];
        QCOMPARE(perTicket.size(), 2 * Rounds);
        for (auto it = perTicket.cbegin(); it != perTicket.cend(); ++it) {
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
            QVERIFY(called.contains(it.key()));
        }
        qInfo("%d rounds of two simultaneous calls in %lld ms (%.1f ms a round); the store "
              "refused %d contested calls (A %d, B %d)",
              Rounds, elapsed, double(elapsed) / Rounds,
              m_a.counting->refused + m_b.counting->refused, m_a.counting->refused,
              m_b.counting->refused);
        QVERIFY(m_a.counting->refused + m_b.counting->refused > 0); // they did contend
    }

    void anOfflineCounterServesItsOwnTicketsAndReconciles()
    {
        // Four synced tickets are left from the rounds above.
        QTRY_COMPARE_WITH_TIMEOUT(m_a.lobby->repository().waiting().size(), 4, 10000);
        setOnline(m_networkA, *m_a.ws, false);
        std::optional<Result<LobbyTicket>> answer;
        m_a.lobby->callNext(m_a.profile,
                            [&answer](Result<LobbyTicket> r) { answer = std::move(r); });
        QCOMPARE(waitFor(answer).error().code, QStringLiteral("lobby.offline_empty"));

        // A greeter on A's PC issues a ticket while offline; A calls it.
        auto issued = m_a.lobby->issue({QStringLiteral("Food"), {}, QStringLiteral("es"), {}, {}});
        QVERIFY(issued.ok());
        const LobbyTicket own = issued.value().ticket;
        answer.reset();
        m_a.lobby->callNext(m_a.profile,
                            [&answer](Result<LobbyTicket> r) { answer = std::move(r); });
        const auto got = waitFor(answer);
        QVERIFY2(got.ok(), qPrintable(got ? QString() : got.error().message));
        QCOMPARE(got.value().id, own.id);
        // B, online, serves the synced queue meanwhile and never sees A's offline ticket.
        answer.reset();
        m_b.lobby->callNext(m_b.profile,
                            [&answer](Result<LobbyTicket> r) { answer = std::move(r); });
        QVERIFY(waitFor(answer).ok());
        QVERIFY(!m_b.lobby->repository().ticket(own.id));
        QVERIFY(m_a.lobby->serve(m_a.profile.counter, Outcome::RequestCreated, {}, {}, {}).ok());

        // Back online: A's ticket, its call and its end reach the store and counter 2.
        setOnline(m_networkA, *m_a.ws, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_a.ws->sync().pendingCount(), 0, 30000);
        QCOMPARE(m_a.ws->sync().rejectedCount(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_b.lobby->repository().ticket(own.id).has_value(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_b.lobby->repository().ticket(own.id)->state,
                                  TicketState::Served, 10000);
        QCOMPARE(m_b.lobby->repository().ticket(own.id)->counter, QStringLiteral("1"));
        int callsOfOwn = 0;
        for (const QJsonObject &call : serverCalls())
            callsOfOwn += call.value(u"entity_id").toString() == own.id;
        QCOMPARE(callsOfOwn, 1);
    }

private:
    // `rounds` presses on two check-in PCs, each press in flight before either answers, so
    // neither has pulled the other's ticket when it asks for a number: every number once, in
    // the answers and in the central store's log.
    void issueTogether(Counter &one, Counter &two, int rounds)
    {
        QTRY_COMPARE_WITH_TIMEOUT(one.ws->sync().pendingCount(), 0, 30000);
        const CheckIn food{QStringLiteral("Food"), {}, QStringLiteral("en"), {}, {}};
        const int refusedBefore = one.counting->refused + two.counting->refused;
        QElapsedTimer timer;
        timer.start();
        QSet<QString> numbers;
        QString day;
        for (int round = 0; round < rounds; ++round) {
            std::optional<Result<IssuedTicket>> a;
            std::optional<Result<IssuedTicket>> b;
            one.lobby->issue(food, [&a](Result<IssuedTicket> r) { a = std::move(r); });
            two.lobby->issue(food, [&b](Result<IssuedTicket> r) { b = std::move(r); });
            const auto gotA = waitFor(a);
            const auto gotB = waitFor(b);
            QVERIFY2(gotA.ok(), qPrintable(gotA ? QString() : gotA.error().message));
            QVERIFY2(gotB.ok(), qPrintable(gotB ? QString() : gotB.error().message));
            const QString na = gotA.value().ticket.number;
            const QString nb = gotB.value().ticket.number;
            QVERIFY2(na != nb,
                     qPrintable(QStringLiteral("round %1: both gave %2").arg(round).arg(na)));
            QVERIFY2(!numbers.contains(na), qPrintable(na));
            QVERIFY2(!numbers.contains(nb), qPrintable(nb));
            // Online, a number is the store's: never the offline form with a PC's code.
            QVERIFY2(!na.contains(u'-') && !nb.contains(u'-'), qPrintable(na + u' ' + nb));
            numbers.insert(na);
            numbers.insert(nb);
            day = gotA.value().ticket.day;
        }
        // The central store's log: each number once.
        QTRY_VERIFY_WITH_TIMEOUT(
            one.ws->sync().pendingCount() == 0 && two.ws->sync().pendingCount() == 0, 60000);
        QCOMPARE(one.ws->sync().rejectedCount(), 0);
        QCOMPARE(two.ws->sync().rejectedCount(), 0);
        QHash<QString, int> perNumber;
        for (const QJsonObject &e : server().allEvents(m_adminToken)) {
            if (e.value(u"kind").toString() != u"ticket.issued")
                continue;
            const QJsonObject payload = e.value(u"payload").toObject();
            ++perNumber[payload.value(u"day").toString() + u' ' +
                        payload.value(u"number").toString()];
        }
        for (auto it = perNumber.cbegin(); it != perNumber.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(it.key()));
        for (const QString &n : std::as_const(numbers))
            QVERIFY2(perNumber.contains(day + u' ' + n), qPrintable(n));
        qInfo("%d rounds of two simultaneous check-ins in %lld ms: %lld numbers, the store "
              "refused %d numbers another PC had given first",
              rounds, timer.elapsed(), qint64(numbers.size()),
              one.counting->refused + two.counting->refused - refusedBefore);
    }

private slots:
    void twoKiosksIssuingTogetherNeverGiveTheSameNumber() { issueTogether(m_a, m_b, IssueRounds); }

    // A lobby whose central store runs as several server processes on one PostgreSQL (behind a
    // load balancer): two kiosks, each talking to another process, still never give one number
    // (the store's unique index on the day's numbers; tst_postgres_store shows the race).
    void kiosksOnTwoServerProcessesNeverGiveTheSameNumber()
    {
        if (test::ServerStore::backend() != u"postgres")
            QSKIP("several server processes share a PostgreSQL store (tst_lobbyend2end_postgres)");
        ServerProcess second(QStringLiteral(CIVICDESK_SERVER), m_fixture.storeUrl());
        QVERIFY2(second.start(), second.log().constData());
        QNetworkAccessManager network;
        Counter kiosk;
        build(kiosk, network, QStringLiteral("CCCC4"), QStringLiteral("bob"), QStringLiteral("3"),
              second.baseUrl());
        issueTogether(m_a, kiosk, IssueRounds);
        kiosk = {};
        second.terminate();
    }
};

QTEST_GUILESS_MAIN(TestLobbyEndToEnd)
#include "tst_lobbyend2end.moc"

// The lobby queue's commands on a real store: each one an event (and nothing written for bad
// input), the projection it gives, call next with and without the central store's arbitration,
// and the offline partition (a counter that cannot reach the store calls only the tickets
// issued on its own PC that the store has never seen).

#include "models/lobby/lobbyservice.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>
#include <deque>

using namespace civicdesk;

namespace {

// Answers calls from a script, after returning (as the network would).
class ScriptedArbiter : public CallArbiter
{
public:
    std::deque<Verdict> verdicts;
    QStringList submitted; // ticket ids
    void submit(const Event &call, Done done) override
    {
        submitted.append(call.entityId);
        const Verdict verdict = verdicts.empty() ? Verdict::Accepted : verdicts.front();
        if (!verdicts.empty())
            verdicts.pop_front();
        QTimer::singleShot(0, [verdict, done] { done({verdict, QStringLiteral("scripted")}); });
    }
};

const QStringList Categories = {QStringLiteral("Animals"), QStringLiteral("Food"),
                                QStringLiteral("Trash-Graffiti")};

} // namespace

class TestLobbyService : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<LobbyService> m_lobby;
    QDateTime m_now;

    CheckIn checkIn(const QString &category, const QString &accessibility = {})
    {
        return {category, {}, QStringLiteral("en"), accessibility, {}};
    }

    LobbyTicket issue(const QString &category, const QString &accessibility = {})
    {
        auto issued = m_lobby->issue(checkIn(category, accessibility));
        if (!issued)
            qFatal("issue failed: %s", qPrintable(issued.error().message));
        m_now = m_now.addSecs(60);
        return issued.value().ticket;
    }

    Result<LobbyTicket> call(const CounterProfile &counter)
    {
        std::optional<Result<LobbyTicket>> answer;
        m_lobby->callNext(counter, [&answer](Result<LobbyTicket> r) { answer = std::move(r); });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000))
            return makeError(QStringLiteral("test"), QStringLiteral("no answer"));
        if (!answer->ok())
            qWarning("call at %s: %s", qPrintable(counter.counter),
                     qPrintable(answer->error().message));
        return *answer;
    }

    qint64 events() const { return m_events->eventCount(); }

    void markPushed(const QString &ticketId)
    {
        // As the sync engine does when the central store acknowledges the event.
        static qint64 seq = 1000;
        QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
        q.prepare(QStringLiteral("UPDATE events SET server_seq = ? WHERE entity_id = ?"));
        q.addBindValue(++seq);
        q.addBindValue(ticketId);
        QVERIFY(q.exec());
    }

private slots:
    void init()
    {
        m_lobby.reset();
        m_events.reset();
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
        m_events->setRole(AgentRole::Lobby);
        m_lobby = std::make_unique<LobbyService>(m_store->db(), *m_events, QStringLiteral("lena"));
        m_now = QDateTime(QDate(2026, 12, 7), QTime(14, 0), Qt::UTC); // 9:00 in Boston
        m_lobby->setClock([this] { return m_now; });
        m_lobby->setCategories(Categories);
    }

    void ticketsAreNumberedPerCategoryAndDay()
    {
        QCOMPARE(issue(QStringLiteral("Food")).number, QStringLiteral("B001"));
        QCOMPARE(issue(QStringLiteral("Food")).number, QStringLiteral("B002"));
        const LobbyTicket animals = issue(QStringLiteral("Animals"));
        QCOMPARE(animals.number, QStringLiteral("A001"));
        QCOMPARE(animals.state, TicketState::Waiting);
        QCOMPARE(animals.day, QStringLiteral("2026-12-07"));
        QVERIFY(animals.issuedHere);
        m_now = m_now.addDays(1);
        QCOMPARE(issue(QStringLiteral("Food")).number, QStringLiteral("B001"));
    }

    void aNumberIsGivenOncePerDay()
    {
        // Another PC's ticket with a number this one gave: the store refuses it, whoever asks.
        const LobbyTicket mine = issue(QStringLiteral("Food"));
        const qint64 before = events();
        const Event other =
            Event::make(QStringLiteral("ticket"), Event::newId(), QStringLiteral("ticket.issued"),
                        {{QStringLiteral("number"), mine.number},
                         {QStringLiteral("category"), QStringLiteral("Food")},
                         {QStringLiteral("seq"), 1},
                         {QStringLiteral("day"), mine.day},
                         {QStringLiteral("language"), QStringLiteral("en")}},
                        QStringLiteral("kiosk2"), QStringLiteral("K7QMX"), m_now);
        const auto refused = m_events->append(other);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("conflict"));
        QCOMPARE(events(), before);
        QVERIFY(!m_lobby->repository().ticket(other.entityId));
    }

    void withACentralStoreTheStoreDecidesTheNumber()
    {
        ScriptedArbiter arbiter;
        m_lobby->setArbiter(&arbiter);
        // B001 and B002 were given by other kiosks a moment ago (not pulled here yet).
        arbiter.verdicts = {CallArbiter::Verdict::Refused, CallArbiter::Verdict::Refused,
                            CallArbiter::Verdict::Accepted};
        const qint64 before = events();
        std::optional<Result<IssuedTicket>> answer;
        m_lobby->issue(checkIn(QStringLiteral("Food")),
                       [&answer](Result<IssuedTicket> r) { answer = std::move(r); });
        QVERIFY(QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000));
        QVERIFY2(answer->ok(), qPrintable(answer->ok() ? QString() : answer->error().message));
        QCOMPARE(answer->value().ticket.number, QStringLiteral("B003"));
        QCOMPARE(arbiter.submitted.size(), 3);
        QCOMPARE(events(), before + 1); // only the number the store accepted is in the log
        QCOMPARE(m_lobby->repository().waiting().size(), 1);

        // The store does not answer: the kiosk gives a number of its own, marked with its code,
        // that no other PC can give.
        arbiter.verdicts = {CallArbiter::Verdict::Unreachable};
        answer.reset();
        m_lobby->issue(checkIn(QStringLiteral("Food")),
                       [&answer](Result<IssuedTicket> r) { answer = std::move(r); });
        QVERIFY(QTest::qWaitFor([&answer] { return answer.has_value(); }, 5000));
        QVERIFY(answer->ok());
        const QString device = m_store->db().deviceCode().value();
        QCOMPARE(answer->value().ticket.number, QString(QStringLiteral("B004-") + device));
        QVERIFY(answer->value().ticket.issuedHere);

        // Bad input asks nobody and writes nothing.
        arbiter.submitted.clear();
        answer.reset();
        m_lobby->issue(checkIn(QStringLiteral("Parking tickets")),
                       [&answer](Result<IssuedTicket> r) { answer = std::move(r); });
        QVERIFY(answer.has_value());
        QCOMPARE(answer->error().code, QStringLiteral("lobby.category"));
        QVERIFY(arbiter.submitted.isEmpty());
    }

    void aStoreThatRefusesEveryNumberIsAClearError()
    {
        ScriptedArbiter arbiter;
        m_lobby->setArbiter(&arbiter);
        arbiter.verdicts.assign(60, CallArbiter::Verdict::Refused);
        const qint64 before = events();
        std::optional<Result<IssuedTicket>> answer;
        m_lobby->issue(checkIn(QStringLiteral("Food")),
                       [&answer](Result<IssuedTicket> r) { answer = std::move(r); });
        QVERIFY(QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000));
        QCOMPARE(answer->error().code, QStringLiteral("lobby.number"));
        QVERIFY(answer->error().message.contains(u"scripted"));
        QCOMPARE(events(), before);
    }

    void badCheckInWritesNothing()
    {
        const qint64 before = events();
        QCOMPARE(m_lobby->issue(checkIn(QStringLiteral("Parking tickets"))).error().code,
                 QStringLiteral("lobby.category"));
        CheckIn french = checkIn(QStringLiteral("Food"));
        french.language = QStringLiteral("fr");
        QCOMPARE(m_lobby->issue(french).error().code, QStringLiteral("lobby.language"));
        QCOMPARE(
            m_lobby->issue(checkIn(QStringLiteral("Food"), QStringLiteral("stairs"))).error().code,
            QStringLiteral("lobby.accessibility"));
        CheckIn longName = checkIn(QStringLiteral("Food"));
        longName.name = QString(101, u'x');
        QCOMPARE(m_lobby->issue(longName).error().code, QStringLiteral("lobby.name"));
        QCOMPARE(events(), before);
    }

    void callNextTakesAccessibilityFirstThenArrivalInTheCountersCategories()
    {
        const LobbyTicket a1 = issue(QStringLiteral("Animals"));
        const LobbyTicket b1 = issue(QStringLiteral("Food"));
        const LobbyTicket a2 = issue(QStringLiteral("Animals"), QStringLiteral("wheelchair"));
        const LobbyTicket b2 = issue(QStringLiteral("Food"), QStringLiteral("vision"));
        const CounterProfile animals{QStringLiteral("2"), {QStringLiteral("Animals")}};
        auto first = call(animals);
        QVERIFY2(first.ok(), qPrintable(first ? QString() : first.error().message));
        QCOMPARE(first.value().number, a2.number);
        QCOMPARE(first.value().state, TicketState::Called);
        QCOMPARE(first.value().counter, QStringLiteral("2"));
        QCOMPARE(first.value().agent, QStringLiteral("lena"));
        // The counter holds a visitor: it cannot call another until it is done.
        QCOMPARE(call(animals).error().code, QStringLiteral("lobby.busy"));
        QVERIFY(m_lobby->serve(QStringLiteral("2"), Outcome::InformationGiven, {}, {}, {}).ok());
        QCOMPARE(call(animals).value().number, a1.number);
        QVERIFY(m_lobby->serve(QStringLiteral("2"), Outcome::InformationGiven, {}, {}, {}).ok());
        QCOMPARE(call(animals).error().code, QStringLiteral("lobby.empty"));
        // Counter 1 serves everything: the Food accessibility ticket first.
        QCOMPARE(call({QStringLiteral("1"), {}}).value().number, b2.number);
        QCOMPARE(m_lobby->queueFor({QStringLiteral("1"), {}}).size(), 1);
        QCOMPARE(m_lobby->queueFor({QStringLiteral("1"), {}}).first().number, b1.number);
    }

    void aWaitingTicketIsCalledOncePerRound()
    {
        const LobbyTicket t = issue(QStringLiteral("Food"));
        QVERIFY(call({QStringLiteral("1"), {}}).ok());
        // A second call of the same round, as another counter might push it: the projection
        // refuses it (in the central store this is what makes the call arbitration hold).
        const Event second =
            Event::make(QStringLiteral("ticket"), t.id, QStringLiteral("ticket.called"),
                        {{QStringLiteral("number"), t.number},
                         {QStringLiteral("counter"), QStringLiteral("2")},
                         {QStringLiteral("round"), 0}},
                        QStringLiteral("omar"), QStringLiteral("OTHER"), m_now);
        const qint64 before = events();
        const auto appended = m_events->append(second);
        QVERIFY(!appended.ok());
        QVERIFY(appended.error().message.contains(t.number));
        QCOMPARE(events(), before);
        QCOMPARE(m_lobby->repository().ticket(t.id)->counter, QStringLiteral("1"));
    }

    void outOfOrderNeedsAReason()
    {
        issue(QStringLiteral("Food"));
        const LobbyTicket later = issue(QStringLiteral("Food"));
        std::optional<Result<LobbyTicket>> answer;
        m_lobby->callTicket({QStringLiteral("1"), {}}, later.id, QStringLiteral("  "),
                            [&answer](Result<LobbyTicket> r) { answer = std::move(r); });
        QCOMPARE(answer->error().code, QStringLiteral("lobby.reason"));
        answer.reset();
        m_lobby->callTicket({QStringLiteral("1"), {}}, later.id,
                            QStringLiteral("Appointment at 9:00"),
                            [&answer](Result<LobbyTicket> r) { answer = std::move(r); });
        QVERIFY(answer->ok());
        QCOMPARE(answer->value().number, later.number);
    }

    void noShowOnlyAfterTheConfiguredRecalls()
    {
        issue(QStringLiteral("Food"));
        const QString counter = QStringLiteral("1");
        QCOMPARE(m_lobby->recall(counter).error().code, QStringLiteral("lobby.no_ticket"));
        QVERIFY(call({counter, {}}).ok());
        QCOMPARE(m_lobby->markNoShow(counter).error().code, QStringLiteral("lobby.recalls"));
        QVERIFY(m_lobby->recall(counter).ok());
        QCOMPARE(m_lobby->current(counter)->recalls, 1);
        QVERIFY(m_lobby->markNoShow(counter).error().message.contains(u"1 more time"));
        QVERIFY(m_lobby->recall(counter).ok());
        QCOMPARE(m_lobby->recall(counter).error().code, QStringLiteral("lobby.recalls"));
        const QString id = m_lobby->current(counter)->id;
        QVERIFY(m_lobby->markNoShow(counter).ok());
        QCOMPARE(m_lobby->repository().ticket(id)->state, TicketState::NoShow);
        QVERIFY(!m_lobby->current(counter));
    }

    void theRecallsBeforeANoShowAreConfigurable()
    {
        m_lobby = std::make_unique<LobbyService>(m_store->db(), *m_events, QStringLiteral("lena"),
                                                 LobbyPolicy{0, 120, 30});
        m_lobby->setClock([this] { return m_now; });
        m_lobby->setCategories(Categories);
        issue(QStringLiteral("Food"));
        QVERIFY(call({QStringLiteral("1"), {}}).ok());
        QCOMPARE(m_lobby->recall(QStringLiteral("1")).error().code,
                 QStringLiteral("lobby.recalls"));
        QVERIFY(m_lobby->markNoShow(QStringLiteral("1")).ok());
    }

    void parkAndReturnToTheQueue()
    {
        const LobbyTicket first = issue(QStringLiteral("Food"));
        const LobbyTicket second = issue(QStringLiteral("Food"));
        const QString counter = QStringLiteral("1");
        QVERIFY(call({counter, {}}).ok());
        QVERIFY(m_lobby->park(counter, QStringLiteral("fills in the permit form")).ok());
        QCOMPARE(m_lobby->repository().parkedAt(counter).size(), 1);
        QCOMPARE(m_lobby->repository().parkedAt(counter).first().notes,
                 QStringLiteral("fills in the permit form"));
        // The counter is free for the next visitor meanwhile.
        QCOMPARE(call({counter, {}}).value().number, second.number);
        QCOMPARE(m_lobby->returnToQueue(QStringLiteral("9"), first.id).error().code,
                 QStringLiteral("lobby.not_parked"));
        QVERIFY(m_lobby->returnToQueue(counter, first.id).ok());
        const auto back = m_lobby->repository().ticket(first.id);
        QCOMPARE(back->state, TicketState::Waiting);
        QCOMPARE(back->round, 1);
        QCOMPARE(back->queuedAt, m_now); // at the back of the queue
        // The current one returns too, and both can be called again (a new round each).
        QVERIFY(m_lobby->returnToQueue(counter).ok());
        QCOMPARE(m_lobby->queueFor({counter, {}}).size(), 2);
        QCOMPARE(call({counter, {}}).value().number, first.number);
    }

    void transferToACounterOrACategory()
    {
        const LobbyTicket t = issue(QStringLiteral("Food"));
        issue(QStringLiteral("Animals"), QStringLiteral("hearing"));
        QVERIFY(call({QStringLiteral("1"), {QStringLiteral("Food")}}).ok());
        const qint64 before = events();
        QCOMPARE(m_lobby->transfer(QStringLiteral("1"), {}, {}, {}).error().code,
                 QStringLiteral("lobby.transfer"));
        QCOMPARE(
            m_lobby->transfer(QStringLiteral("1"), {}, QStringLiteral("Snow"), {}).error().code,
            QStringLiteral("lobby.category"));
        QCOMPARE(events(), before);
        QVERIFY(m_lobby
                    ->transfer(QStringLiteral("1"), QStringLiteral("4"), {},
                               QStringLiteral("needs the permit desk"))
                    .ok());
        // Counter 4 gets it first, although it serves only Animals and an accessibility
        // ticket waits; counter 1 no longer sees it.
        QVERIFY(m_lobby->queueFor({QStringLiteral("1"), {QStringLiteral("Food")}}).isEmpty());
        const auto atFour = call({QStringLiteral("4"), {QStringLiteral("Animals")}});
        QCOMPARE(atFour.value().id, t.id);
        QCOMPARE(atFour.value().queuedAt, t.queuedAt); // the visitor keeps the arrival time
        QVERIFY(
            m_lobby->transfer(QStringLiteral("4"), {}, QStringLiteral("Trash-Graffiti"), {}).ok());
        QCOMPARE(m_lobby->repository().ticket(t.id)->category, QStringLiteral("Trash-Graffiti"));
        QCOMPARE(
            m_lobby->queueFor({QStringLiteral("7"), {QStringLiteral("Trash-Graffiti")}}).first().id,
            t.id);
    }

    void theVisitCardRecordsWaitServiceAgentAndOutcome()
    {
        const LobbyTicket t = issue(QStringLiteral("Food")); // now + 1 minute after issue
        m_now = m_now.addSecs(9 * 60);                       // waited 10 minutes
        QVERIFY(call({QStringLiteral("3"), {}}).ok());
        m_now = m_now.addSecs(7 * 60);
        QVERIFY(m_lobby
                    ->serve(QStringLiteral("3"), Outcome::RequestCreated,
                            QStringLiteral("contact-1"),
                            {QStringLiteral("req-1"), QStringLiteral("req-2")},
                            QStringLiteral("two potholes"))
                    .ok());
        const auto card = m_lobby->repository().ticket(t.id);
        QCOMPARE(card->state, TicketState::Served);
        QCOMPARE(card->waitSeconds(m_now), 600);
        QCOMPARE(card->serviceSeconds(m_now), 420);
        QCOMPARE(card->agent, QStringLiteral("lena"));
        QCOMPARE(card->outcome, QStringLiteral("request_created"));
        QCOMPARE(card->contactId, QStringLiteral("contact-1"));
        QCOMPARE(card->requestIds, QStringList({QStringLiteral("req-1"), QStringLiteral("req-2")}));
        QCOMPARE(card->notes, QStringLiteral("two potholes"));
    }

    void theEstimateLearnsFromServedVisits()
    {
        // Nobody served yet: five minutes a visit, one counter.
        for (int i = 0; i < 3; ++i)
            issue(QStringLiteral("Food"));
        int ahead = 0;
        QCOMPARE(m_lobby->estimatedWaitSeconds(QStringLiteral("Food"), false, &ahead), 900);
        QCOMPARE(ahead, 3);
        // Two counters serve 4-minute visits.
        for (const QString &counter : {QStringLiteral("1"), QStringLiteral("2")}) {
            QVERIFY(call({counter, {}}).ok());
            m_now = m_now.addSecs(240);
            QVERIFY(m_lobby->serve(counter, Outcome::InformationGiven, {}, {}, {}).ok());
        }
        QCOMPARE(m_lobby->estimatedWaitSeconds(QStringLiteral("Food"), false, &ahead), 120);
        QCOMPARE(ahead, 1);
        // With an accessibility need, only others with a need are ahead.
        QCOMPARE(m_lobby->estimatedWaitSeconds(QStringLiteral("Food"), true, &ahead), 0);
        const auto issued = m_lobby->issue(checkIn(QStringLiteral("Food")));
        QCOMPARE(issued.value().ahead, 1);
        QCOMPARE(issued.value().estimatedWaitSeconds, 120);
    }

    void aTicketAnotherCounterGotIsSkipped()
    {
        ScriptedArbiter arbiter;
        m_lobby->setArbiter(&arbiter);
        const LobbyTicket first = issue(QStringLiteral("Food"));
        const LobbyTicket second = issue(QStringLiteral("Food"));
        arbiter.verdicts = {CallArbiter::Verdict::Refused, CallArbiter::Verdict::Accepted};
        const qint64 before = events();
        const auto got = call({QStringLiteral("1"), {}});
        QCOMPARE(got.value().id, second.id);
        QCOMPARE(arbiter.submitted, QStringList({first.id, second.id}));
        QCOMPARE(events(), before + 1); // only the accepted call is in the local log
        QCOMPARE(m_lobby->repository().ticket(first.id)->state, TicketState::Waiting);
        // Not tried again until the pull tells who has it.
        QVERIFY(m_lobby->serve(QStringLiteral("1"), Outcome::InformationGiven, {}, {}, {}).ok());
        arbiter.submitted.clear();
        QCOMPARE(call({QStringLiteral("1"), {}}).error().code, QStringLiteral("lobby.empty"));
        QVERIFY(arbiter.submitted.isEmpty());
    }

    void offlineACounterCallsOnlyItsOwnUnsentTickets()
    {
        ScriptedArbiter arbiter;
        m_lobby->setArbiter(&arbiter);
        const LobbyTicket synced = issue(QStringLiteral("Food"));
        markPushed(synced.id); // the central store has it: another counter may call it
        QVERIFY(!m_lobby->repository().ticket(synced.id)->issuedHere);
        arbiter.verdicts = {CallArbiter::Verdict::Unreachable};
        QCOMPARE(call({QStringLiteral("1"), {}}).error().code,
                 QStringLiteral("lobby.offline_empty"));
        QCOMPARE(m_lobby->repository().ticket(synced.id)->state, TicketState::Waiting);
        const LobbyTicket own = issue(QStringLiteral("Food"));
        arbiter.verdicts = {CallArbiter::Verdict::Unreachable};
        arbiter.submitted.clear();
        const auto got = call({QStringLiteral("1"), {}});
        QCOMPARE(got.value().id, own.id);
        QCOMPARE(arbiter.submitted, QStringList({synced.id})); // asked once, then offline
        QCOMPARE(m_lobby->repository().ticket(synced.id)->state, TicketState::Waiting);
    }

    // The handout of an information-only visit: the public articles opened during the visit's
    // contact, each in the visitor's language when it has that translation, once per group,
    // never an agent-only article.
    void articlesOpenedInTheVisitorsLanguage()
    {
        QSqlQuery q(QSqlDatabase::database(m_store->db().connectionName()));
        QVERIFY(q.prepare(
            QStringLiteral("INSERT INTO articles(id, title, body, script, audience, language, "
                           "translation_group) VALUES(?, ?, ?, ?, ?, ?, ?)")));
        const QList<QVariantList> rows = {
            {QStringLiteral("bulk-en"), QStringLiteral("Bulk item pickup"), QStringLiteral("b"),
             QStringLiteral("Book a pickup online."), QStringLiteral("public"),
             QStringLiteral("en"), QStringLiteral("bulk")},
            {QStringLiteral("bulk-es"), QStringLiteral("Recogida de objetos grandes"),
             QStringLiteral("b"), QStringLiteral("Reserve la recogida en línea."),
             QStringLiteral("public"), QStringLiteral("es"), QStringLiteral("bulk")},
            {QStringLiteral("rats-en"), QStringLiteral("Rodents"),
             QStringLiteral("Keep lids closed."), QStringLiteral(""), QStringLiteral("public"),
             QStringLiteral("en"), QVariant()},
            {QStringLiteral("desk-en"), QStringLiteral("Agent notes"), QStringLiteral("x"),
             QStringLiteral("internal"), QStringLiteral("agent"), QStringLiteral("en"),
             QVariant()}};
        for (const QVariantList &row : rows) {
            for (const QVariant &v : row)
                q.addBindValue(v);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        for (const char *article : {"bulk-en", "rats-en", "desk-en", "bulk-es"}) {
            m_now = m_now.addSecs(10);
            auto r = m_events->append(
                Event::make(QStringLiteral("contact"), QStringLiteral("walk-in-1"),
                            QStringLiteral("contact.article_opened"),
                            {{QStringLiteral("article_id"), QString::fromLatin1(article)}},
                            QStringLiteral("lena"), QStringLiteral("W1"), m_now));
            QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        }
        const LobbyRepository &repository = m_lobby->repository();
        const QList<VisitArticle> es =
            repository.articlesOpened(QStringLiteral("walk-in-1"), QStringLiteral("es"));
        QCOMPARE(es.size(), 2);
        QCOMPARE(es.at(0).id, QStringLiteral("bulk-es"));
        QCOMPARE(es.at(0).text, QStringLiteral("Reserve la recogida en línea."));
        QCOMPARE(es.at(0).language, QStringLiteral("es"));
        // No Spanish version: as opened, its body when it has no script.
        QCOMPARE(es.at(1).id, QStringLiteral("rats-en"));
        QCOMPARE(es.at(1).text, QStringLiteral("Keep lids closed."));
        const QList<VisitArticle> en =
            repository.articlesOpened(QStringLiteral("walk-in-1"), QStringLiteral("en"));
        QCOMPARE(en.size(), 2);
        QCOMPARE(en.at(0).id, QStringLiteral("bulk-en"));
        QCOMPARE(en.at(1).id, QStringLiteral("rats-en"));
        QVERIFY(repository.articlesOpened(QStringLiteral("other"), QStringLiteral("en")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLobbyService)
#include "tst_lobbyservice.moc"

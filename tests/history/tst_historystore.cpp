// History in the store, without widgets: search with every filter and sort (pages that continue
// from a cursor give the same rows as one query), the three views that follow a contact, the
// timeline with edits by two agents, status changes by role and read-back from a number typed
// with a mistake.

#include "models/domain/requestnumber.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestactions.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/requests/statusreadback.h"
#include "models/store/schema/migrations.h"
#include "tests/history/historyfixture.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace civicdesk;
using Mode = QAbstractItemModelTester::FailureReportingMode;

class TestHistoryStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::HistoryFixture> m_fx;

    QStringList walk(const RequestSearchRepository &search, const HistoryFilter &filter, int limit)
    {
        QStringList ids;
        PageCursor cursor;
        for (int guard = 0; guard < 100; ++guard) {
            const RequestPage page = search.page(filter, cursor, limit);
            for (const ServiceRequest &r : page.rows)
                ids.append(r.id);
            if (page.rows.size() < limit)
                break;
            cursor = page.next;
        }
        return ids;
    }

private slots:
    void init() { m_fx = std::make_unique<test::HistoryFixture>(); }

    void cleanup() { m_fx.reset(); }

    void theHistoryMigrationAddsItsIndex()
    {
        QCOMPARE(m_fx->db().schemaVersion(), Migrations::latestVersion());
        QVERIFY(Migrations::latestVersion() >= 5);
        QCOMPARE(m_fx->count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = "
                                            "'events_device_kind'")),
                 1);
        QCOMPARE(m_fx->count(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name IN "
                                            "('request_duplicates', 'request_callbacks', "
                                            "'request_related_events')")),
                 3);
    }

    void searchFiltersByEveryField()
    {
        RequestSearchRepository search(m_fx->db());
        QCOMPARE(search.count({}, 1000), 26);
        HistoryFilter f;
        f.text = QStringLiteral("Rodent");
        QCOMPARE(search.count(f, 1000), 8);
        f = {};
        f.type = QStringLiteral("rodent");
        QCOMPARE(search.count(f, 1000), 8);
        f = {};
        f.text = m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5).toLower();
        QCOMPARE(search.count(f, 1000), 1);
        f = {};
        f.text = QStringLiteral("Russell St");
        QCOMPARE(search.count(f, 1000), 3);
        f = {};
        f.status = RequestStatus::Open;
        QCOMPARE(search.page(f, {}, 10).rows.first().id, m_fx->requestId);
        // Either caller's phone finds the request, in any spelling.
        for (const QString &phone :
             {QStringLiteral("617-555-0142"), QStringLiteral("+16175550199")}) {
            f = {};
            f.phone = phone;
            QCOMPARE(search.count(f, 1000), 1);
        }
        f.phone = QStringLiteral("12");
        QCOMPARE(search.count(f, 1000), 0);
        f = {};
        f.openedFrom = QDateTime(QDate(2015, 1, 2), QTime(0, 0), Qt::UTC);
        f.openedTo = QDateTime(QDate(2015, 1, 3), QTime(0, 0), Qt::UTC);
        QCOMPARE(search.count(f, 1000),
                 m_fx->count(QStringLiteral("SELECT count(*) FROM requests WHERE opened_at >= "
                                            "strftime('%s','2015-01-02') AND opened_at < "
                                            "strftime('%s','2015-01-03')")));
        QVERIFY(search.count(f, 1000) > 0);
        QCOMPARE(search.count({}, 10), 11); // capped: "more than 10"
    }

    void pagesContinueInEveryOrder_data()
    {
        QTest::addColumn<int>("sort");
        QTest::addColumn<bool>("descending");
        for (int s = 0; s <= int(HistorySort::ByOpened); ++s) {
            QTest::addRow("sort %d asc", s) << s << false;
            QTest::addRow("sort %d desc", s) << s << true;
        }
    }

    void pagesContinueInEveryOrder()
    {
        QFETCH(int, sort);
        QFETCH(bool, descending);
        RequestSearchRepository search(m_fx->db());
        HistoryFilter f;
        f.sort = HistorySort(sort);
        f.descending = descending;
        const QStringList whole = walk(search, f, 1000);
        QCOMPARE(whole.size(), 26);
        QCOMPARE(walk(search, f, 4), whole);
        QCOMPARE(QSet<QString>(whole.cbegin(), whole.cend()).size(), 26);
    }

    void theCallersContactsAndRequests()
    {
        HistoryRepository history(m_fx->db());
        const QList<HistoryEntry> ana = history.forCaller(m_fx->anaId);
        QCOMPARE(ana.size(), 2);
        // The request was opened during the contact: it is the newer of the two.
        QCOMPARE(ana.at(0).kind, HistoryEntry::Kind::Request);
        QCOMPARE(ana.at(0).request.id, m_fx->requestId);
        QCOMPARE(ana.at(1).kind, HistoryEntry::Kind::Contact);
        QCOMPARE(ana.at(1).contact.id, m_fx->agent1Contact);
        QCOMPARE(ana.at(1).requestNumbers, QStringList{m_fx->requestNumber});
        const QList<HistoryEntry> ben = history.forCaller(m_fx->benId);
        QCOMPARE(ben.size(), 2);
        QCOMPARE(ben.at(0).kind, HistoryEntry::Kind::Contact); // Ben's call came later
        QCOMPARE(ben.at(0).contact.id, m_fx->agent2Contact);
        QCOMPARE(ben.at(0).contact.agent, QStringLiteral("agent2"));
        QCOMPARE(ben.at(1).request.id, m_fx->requestId);
        QVERIFY(history.forCaller(QStringLiteral("nobody")).isEmpty());
        const QList<Caller> callers = history.callersOf(m_fx->requestId);
        QCOMPARE(callers.size(), 2);
        QCOMPARE(callers.at(0).name, QStringLiteral("Ana Ruiz"));
        QCOMPARE(callers.at(1).name, QStringLiteral("Ben Ode"));
    }

    void theLocationSameAddressFirstThenNearbyOpenFirst()
    {
        HistoryRepository history(m_fx->db());
        const QList<HistoryEntry> near =
            history.nearLocation(test::HistoryFixture::Latitude, test::HistoryFixture::Longitude,
                                 test::HistoryFixture::address());
        QCOMPARE(near.size(), 3);
        // 12 S Russell St: the open local request, then the closed imported one; then 16 S
        // Russell St, 11 m away.
        QCOMPARE(near.at(0).request.id, m_fx->requestId);
        QVERIFY(near.at(0).sameAddress);
        QVERIFY(near.at(1).sameAddress);
        QCOMPARE(near.at(1).request.number, QStringLiteral("101001241436"));
        QCOMPARE(near.at(2).request.number, QStringLiteral("101001243072"));
        QVERIFY(!near.at(2).sameAddress);
        QCOMPARE(qRound(near.at(2).distanceMeters), 11);
        bool seenOther = false;
        for (const HistoryEntry &e : near) {
            seenOther = seenOther || !e.sameAddress;
            QVERIFY(!(seenOther && e.sameAddress)); // same address strictly first
            QVERIFY(e.sameAddress || e.distanceMeters <= HistoryRepository::DefaultRadiusMeters);
        }
        // A wider radius reaches City Hall Plaza, about 660 m away.
        const QList<HistoryEntry> wide =
            history.nearLocation(test::HistoryFixture::Latitude, test::HistoryFixture::Longitude,
                                 test::HistoryFixture::address(), 700);
        QCOMPARE(wide.size(), 4);
        QVERIFY(std::any_of(wide.cbegin(), wide.cend(), [](const HistoryEntry &e) {
            return e.request.number == u"101001254066";
        }));
        QVERIFY(history.nearLocation(42.0, -70.0, {}).isEmpty());
    }

    void theAgentsOwnContacts()
    {
        HistoryRepository history(m_fx->db());
        const QList<HistoryEntry> mine = history.forAgent(QStringLiteral("agent1"));
        QCOMPARE(mine.size(), 1);
        QCOMPARE(mine.at(0).contact.outcome, Outcome::RequestCreated);
        QCOMPARE(mine.at(0).request.id, m_fx->requestId);
        QCOMPARE(history.forAgent(QStringLiteral("agent2")).size(), 1);
        QVERIFY(history.forAgent(QStringLiteral("agent3")).isEmpty());
    }

    void aTimelineWithEditsByTwoAgents()
    {
        m_fx->changeField(QStringLiteral("agent1"), QStringLiteral("description"),
                          QStringLiteral("Pigeons nesting over the back door"));
        m_fx->changeField(QStringLiteral("agent2"), QStringLiteral("description"),
                          QStringLiteral("Pigeons and droppings over the back door"));
        RequestSearchRepository search(m_fx->db());
        const ServiceRequest request = *search.byId(m_fx->requestId);
        QCOMPARE(request.description, QStringLiteral("Pigeons and droppings over the back door"));
        const QList<TimelineEntry> timeline =
            RequestTimeline(m_fx->db()).forRequest(request, false);
        QCOMPARE(timeline.size(), 5);
        QCOMPARE(timeline.at(0).kind, TimelineEntry::Kind::Created);
        QCOMPARE(timeline.at(0).callerName, QStringLiteral("Ana Ruiz"));
        QCOMPARE(timeline.at(0).channel, QStringLiteral("phone"));
        QCOMPARE(timeline.at(1).kind, TimelineEntry::Kind::CallerAttached);
        QCOMPARE(timeline.at(1).callerName, QStringLiteral("Ben Ode"));
        QCOMPARE(timeline.at(2).kind, TimelineEntry::Kind::NoteAdded);
        QCOMPARE(timeline.at(3).actor, QStringLiteral("agent1"));
        QCOMPARE(timeline.at(3).before, QStringLiteral("Pigeons nesting over the door"));
        QCOMPARE(timeline.at(3).after, QStringLiteral("Pigeons nesting over the back door"));
        QCOMPARE(timeline.at(4).actor, QStringLiteral("agent2"));
        QCOMPARE(timeline.at(4).before, QStringLiteral("Pigeons nesting over the back door"));

        TimelineModel model;
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        model.setEntries(timeline);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4, TimelineModel::What).data().toString(),
                 QStringLiteral("Description changed: Pigeons nesting over the back door → "
                                "Pigeons and droppings over the back door"));
        QVERIFY(model.index(4, TimelineModel::Agent).data().toString().startsWith(u"agent2"));
    }

    void anImportedRequestsTimelineComesFromItsRow()
    {
        RequestSearchRepository search(m_fx->db());
        const ServiceRequest imported = *search.byNumber(QStringLiteral("101001241058"));
        QCOMPARE(search.origin(imported.id), QStringLiteral("import"));
        const QList<TimelineEntry> timeline =
            RequestTimeline(m_fx->db()).forRequest(imported, true);
        QCOMPARE(timeline.size(), 3);
        QCOMPARE(timeline.at(0).kind, TimelineEntry::Kind::Created);
        QCOMPARE(timeline.at(1).kind, TimelineEntry::Kind::TargetSet);
        QCOMPARE(timeline.at(2).kind, TimelineEntry::Kind::Closed);
        QVERIFY(timeline.at(2).closureReason.contains(u"not at location"));
    }

    void statusChangesFollowTheRole()
    {
        RequestActions actions(m_fx->db(), m_fx->events(), QStringLiteral("agent1"));
        actions.setClock(m_fx->clock());
        auto denied = actions.changeStatus(m_fx->requestId, RequestStatus::Closed,
                                           QStringLiteral("resolved"));
        QVERIFY(!denied);
        QCOMPARE(denied.error().code, QStringLiteral("request.role"));
        QVERIFY(actions.addNote(m_fx->requestId, QStringLiteral("Caller called back"), true).ok());
        QCOMPARE(actions.addNote(m_fx->requestId, QStringLiteral("  "), false).error().code,
                 QStringLiteral("request.note"));

        actions.setRole(AgentRole::Supervisor);
        QVERIFY(actions.changeStatus(m_fx->requestId, RequestStatus::InProgress).ok());
        QCOMPARE(actions.changeStatus(m_fx->requestId, RequestStatus::Closed).error().code,
                 QStringLiteral("request.closure_reason"));
        QVERIFY(
            actions.changeStatus(m_fx->requestId, RequestStatus::Closed, QStringLiteral("resolved"))
                .ok());
        RequestSearchRepository search(m_fx->db());
        QCOMPARE(search.byId(m_fx->requestId)->status, RequestStatus::Closed);
        QCOMPARE(search.byId(m_fx->requestId)->closureReason, QStringLiteral("resolved"));

        actions.setRole(AgentRole::CallTaker);
        QVERIFY(!actions.mayChangeStatus(RequestStatus::Open, RequestStatus::InProgress));
        QVERIFY(actions.changeStatus(m_fx->requestId, RequestStatus::Open).ok()); // reopen
        QCOMPARE(search.byId(m_fx->requestId)->status, RequestStatus::Open);
        const QList<TimelineEntry> timeline =
            RequestTimeline(m_fx->db()).forRequest(*search.byId(m_fx->requestId), false);
        QCOMPARE(timeline.size(), 7);
        QCOMPARE(timeline.at(4).previousStatus, RequestStatus::Open);
        QCOMPARE(timeline.at(4).status, RequestStatus::InProgress);
        QCOMPARE(timeline.at(5).closureReason, QStringLiteral("resolved"));
        QCOMPARE(timeline.at(6).previousStatus, RequestStatus::Closed);
        QCOMPARE(timeline.at(6).actor, QStringLiteral("agent1"));
        QCOMPARE(m_fx->count(QStringLiteral("SELECT count(*) FROM outbox")),
                 m_fx->count(QStringLiteral("SELECT count(*) FROM events")));
    }

    void readBackFromATypedNumber()
    {
        StatusReadback readback(m_fx->db());
        RequestActions actions(m_fx->db(), m_fx->events(), QStringLiteral("agent1"));
        QVERIFY(actions.addNote(m_fx->requestId, QStringLiteral("Crew visits Tuesday"), true).ok());
        QVERIFY(actions.addNote(m_fx->requestId, QStringLiteral("internal only"), false).ok());
        const QString display = m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5);
        auto found = readback.lookUp(display.toLower());
        QVERIFY(found.ok());
        QCOMPARE(found.value().request.id, m_fx->requestId);
        QCOMPARE(found.value().displayNumber, display);
        QCOMPARE(found.value().latestPublicNote->text, QStringLiteral("Crew visits Tuesday"));

        QString swapped = m_fx->requestNumber;
        std::swap(swapped[6], swapped[7]);
        if (swapped != m_fx->requestNumber) {
            auto mistyped = readback.lookUp(swapped);
            QVERIFY(!mistyped);
            QCOMPARE(mistyped.error().code, QStringLiteral("request_number.check"));
        }
        QCOMPARE(readback.lookUp(QStringLiteral("K7QMO-2A4FC")).error().code,
                 QStringLiteral("request_number.confusable"));
        QVERIFY(found.value().checked);
        auto imported = readback.lookUp(QStringLiteral("1010 0124 1058"));
        QVERIFY(imported.ok());
        // No check character: a second detail must confirm it before it is read.
        QVERIFY(!imported.value().checked);
        const QTimeZone boston("America/New_York");
        const ServiceRequest &r = imported.value().request;
        QVERIFY(StatusReadback::confirms(r, QStringLiteral("76 Alpheus Rd"), boston));
        QVERIFY(StatusReadback::confirms(r, QStringLiteral("76 alpheus road"), boston));
        QVERIFY(StatusReadback::confirms(r, QStringLiteral("Alpheus"), boston));
        QVERIFY(StatusReadback::confirms(r, QStringLiteral("1/2/2015"), boston));
        QVERIFY(StatusReadback::confirms(r, QStringLiteral("January 2"), boston));
        QVERIFY(!StatusReadback::confirms(r, QStringLiteral("1/3/2015"), boston));
        QVERIFY(!StatusReadback::confirms(r, QStringLiteral("12 Main St"), boston));
        QVERIFY(!StatusReadback::confirms(r, QStringLiteral("Rd"), boston));
        QVERIFY(!StatusReadback::confirms(r, QString(), boston));
        QVERIFY(imported.value().latestPublicNote->text.contains(u"not at location"));
        QCOMPARE(readback.lookUp(QStringLiteral("10100124105")).error().code,
                 QStringLiteral("readback.case_id"));
        auto other = RequestNumber::make(QStringLiteral("ZZZZZ"), 7);
        QCOMPARE(readback.lookUp(other.value().display()).error().code,
                 QStringLiteral("readback.unknown"));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"

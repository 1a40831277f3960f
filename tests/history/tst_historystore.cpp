// History in the store, without widgets: search with every filter and sort (pages that continue
// from a cursor give the same rows as one query), the three views that follow a contact, the
// timeline with edits by two agents, status changes by role, read-back from a number typed with
// a mistake, duplicates linked and unlinked by role, callbacks scheduled and done, the request
// list searched on its search thread with stale answers dropped, and every history item model
// under QAbstractItemModelTester.

#include "models/domain/requestnumber.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/requestlistmodel.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/callbackrepository.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestactions.h"
#include "models/requests/requestduplicates.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/requests/statusreadback.h"
#include "models/store/migrations.h"
#include "tests/history/historyfixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
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

    void theRequestListModelFetchesSortsAndFilters()
    {
        RequestListModel model(m_fx->db(), nullptr, RequestQueryRunner::Mode::CallingThread);
        QVERIFY(!model.isThreaded());
        model.setClock(m_fx->clock());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        QCOMPARE(model.totalCount(), 26);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 26);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.requestId(0), m_fx->requestId); // newest first
        QCOMPARE(model.index(0, RequestListModel::Number).data().toString(),
                 QString(m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5)));
        model.sort(RequestListModel::Number, Qt::AscendingOrder);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.index(0, RequestListModel::Number).data().toString(),
                 QStringLiteral("101001240735"));
        HistoryFilter f = model.filter();
        f.status = RequestStatus::Open;
        model.setFilter(f);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, RequestListModel::Status).data().toString(),
                 QStringLiteral("Open"));
        QCOMPARE(model.index(0, RequestListModel::Sla).data().toString(),
                 QStringLiteral("On time"));
    }

    void theHistoryEntryModelShowsRequestsAndContacts()
    {
        HistoryRepository history(m_fx->db());
        HistoryEntryModel model;
        model.setClock(m_fx->clock());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        model.setEntries(history.forCaller(m_fx->anaId));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, HistoryEntryModel::Type).data().toString(),
                 QStringLiteral("Contact: Bird infestation"));
        QCOMPARE(model.index(1, HistoryEntryModel::Status).data().toString(),
                 QStringLiteral("Request created"));
        // Shown as the city publishes it (and as the intake's banner reads it): with the hyphen.
        QCOMPARE(model.index(1, HistoryEntryModel::Number).data().toString(),
                 QString(m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5)));
        QCOMPARE(model.index(0, HistoryEntryModel::Status).data().toString(),
                 QStringLiteral("Open"));
        QCOMPARE(model.index(0, HistoryEntryModel::Channel).data().toString(),
                 QStringLiteral("Phone"));
        model.setEntries(history.nearLocation(test::HistoryFixture::Latitude,
                                              test::HistoryFixture::Longitude,
                                              test::HistoryFixture::address()));
        QVERIFY(model.index(0, HistoryEntryModel::Address)
                    .data()
                    .toString()
                    .endsWith(u"(same address)"));
        QVERIFY(model.index(0, 0).data(HistoryEntryModel::SameAddressRole).toBool());
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
    }

    void duplicatesLinkBothWaysByRole()
    {
        RequestActions actions(m_fx->db(), m_fx->events(), QStringLiteral("agent1"));
        actions.setClock(m_fx->clock());
        RequestSearchRepository search(m_fx->db());
        const ServiceRequest parent = *search.byId(m_fx->requestId);
        const ServiceRequest duplicate = *search.byNumber(QStringLiteral("101001241058"));
        const ServiceRequest other = *search.byNumber(QStringLiteral("101001240735"));
        const QString display = m_fx->requestNumber.left(5) + u'-' + m_fx->requestNumber.mid(5);
        // A number with one symbol misheard is caught by its check symbol.
        QString misheard = display;
        misheard[7] = misheard.at(7) == u'2' ? u'3' : u'2';
        QCOMPARE(actions.linkDuplicate(duplicate.id, misheard).error().code,
                 QStringLiteral("request_number.check"));
        QCOMPARE(actions.linkDuplicate(parent.id, display).error().code,
                 QStringLiteral("request.duplicate_self"));
        // Call takers link.
        QVERIFY(actions.linkDuplicate(duplicate.id, display.toLower()).ok());
        RequestDuplicates links(m_fx->db());
        QCOMPARE(links.parentOf(duplicate.id)->number, parent.number);
        QCOMPARE(links.duplicatesOf(parent.id).size(), 1);
        QCOMPARE(links.duplicatesOf(parent.id).first().number, duplicate.number);
        QCOMPARE(links.duplicatesOf(parent.id).first().status, RequestStatus::Closed);
        // One level deep: no duplicate of a duplicate, no parent under another.
        QCOMPARE(actions.linkDuplicate(other.id, duplicate.number).error().code,
                 QStringLiteral("request.duplicate_chain"));
        QCOMPARE(actions.linkDuplicate(parent.id, other.number).error().code,
                 QStringLiteral("request.duplicate_chain"));
        QCOMPARE(actions.linkDuplicate(duplicate.id, other.number).error().code,
                 QStringLiteral("request.duplicate_linked"));
        // The event stands alone: ids and numbers.
        const QList<Event> events =
            m_fx->events().eventsFor(QStringLiteral("request"), duplicate.id);
        QCOMPARE(events.last().kind, QStringLiteral("request.duplicate_linked"));
        QCOMPARE(events.last().payload.value(u"parent_id").toString(), parent.id);
        QCOMPARE(events.last().payload.value(u"parent_number").toString(), parent.number);
        QCOMPARE(events.last().payload.value(u"number").toString(), duplicate.number);

        // Only a supervisor unlinks.
        QCOMPARE(actions.unlinkDuplicate(duplicate.id).error().code,
                 QStringLiteral("request.role"));
        actions.setRole(AgentRole::Supervisor);
        QVERIFY(actions.unlinkDuplicate(duplicate.id).ok());
        QVERIFY(!links.parentOf(duplicate.id));
        QCOMPARE(actions.unlinkDuplicate(duplicate.id).error().code,
                 QStringLiteral("request.duplicate_none"));

        // Both timelines show the link and the unlink.
        const auto parentLine = RequestTimeline(m_fx->db()).forRequest(parent, false);
        QCOMPARE(parentLine.at(parentLine.size() - 2).kind, TimelineEntry::Kind::DuplicateLinked);
        QVERIFY(parentLine.at(parentLine.size() - 2).asParent);
        QCOMPARE(parentLine.at(parentLine.size() - 2).relatedNumber, duplicate.number);
        QCOMPARE(parentLine.last().kind, TimelineEntry::Kind::DuplicateUnlinked);
        QCOMPARE(parentLine.last().actor, QStringLiteral("agent1"));
        const auto duplicateLine = RequestTimeline(m_fx->db()).forRequest(duplicate, true);
        QCOMPARE(duplicateLine.at(duplicateLine.size() - 2).kind,
                 TimelineEntry::Kind::DuplicateLinked);
        QVERIFY(!duplicateLine.at(duplicateLine.size() - 2).asParent);
        QCOMPARE(duplicateLine.at(duplicateLine.size() - 2).relatedId, parent.id);
        TimelineModel model;
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        model.setEntries(parentLine);
        QCOMPARE(model.index(model.rowCount() - 2, TimelineModel::What).data().toString(),
                 u"Duplicate linked: " + RequestNumber::published(duplicate.number) +
                     u" reports the same problem");
        model.setEntries(duplicateLine);
        QCOMPARE(model.index(model.rowCount() - 2, TimelineModel::What).data().toString(),
                 u"Linked as a duplicate of " + RequestNumber::published(parent.number));
        QCOMPARE(model.index(model.rowCount() - 1, TimelineModel::What).data().toString(),
                 u"Unlinked: no longer a duplicate of " + RequestNumber::published(parent.number));

        // Closing a parent closes its open duplicates with the reason "duplicate".
        QVERIFY(actions.changeStatus(duplicate.id, RequestStatus::Open).ok());
        QVERIFY(actions.linkDuplicate(duplicate.id, parent.number).ok());
        QVERIFY(actions.linkDuplicate(other.id, parent.number).ok()); // closed: stays as it is
        QVERIFY(actions.changeStatus(parent.id, RequestStatus::Closed, QStringLiteral("resolved"))
                    .ok());
        auto closed = actions.closeOpenDuplicates(parent.id);
        QVERIFY(closed.ok());
        QCOMPARE(closed.value(), 1);
        QCOMPARE(search.byId(duplicate.id)->status, RequestStatus::Closed);
        QCOMPARE(search.byId(duplicate.id)->closureReason, QStringLiteral("duplicate"));
        actions.setRole(AgentRole::CallTaker);
        QCOMPARE(actions.closeOpenDuplicates(parent.id).error().code,
                 QStringLiteral("request.role"));
    }

    void linkEventsAreValidated()
    {
        const QString device = m_fx->db().deviceCode().value();
        const auto append = [&](const QString &kind, const QJsonObject &payload) {
            return m_fx->events().append(Event::make(QStringLiteral("request"), m_fx->requestId,
                                                     kind, payload, QStringLiteral("agent1"),
                                                     device, m_fx->now()));
        };
        const int before = m_fx->count(QStringLiteral("SELECT count(*) FROM events"));
        auto noNumber = append(QStringLiteral("request.duplicate_linked"),
                               {{QStringLiteral("number"), m_fx->requestNumber},
                                {QStringLiteral("parent_id"), QStringLiteral("x")}});
        QVERIFY(!noNumber);
        QVERIFY(noNumber.error().message.contains(u"parent_number"));
        QVERIFY(!append(QStringLiteral("request.duplicate_unlinked"),
                        {{QStringLiteral("number"), m_fx->requestNumber},
                         {QStringLiteral("parent_id"), m_fx->requestId},
                         {QStringLiteral("parent_number"), m_fx->requestNumber}}));
        QVERIFY(!append(QStringLiteral("request.callback_scheduled"),
                        {{QStringLiteral("callback_id"), QStringLiteral("c1")},
                         {QStringLiteral("number"), m_fx->requestNumber},
                         {QStringLiteral("phone"), QStringLiteral("+16175550142")},
                         {QStringLiteral("due_at"), QStringLiteral("tomorrow")}}));
        QVERIFY(!append(QStringLiteral("request.callback_done"),
                        {{QStringLiteral("callback_id"), QStringLiteral("c1")},
                         {QStringLiteral("number"), m_fx->requestNumber},
                         {QStringLiteral("outcome"), QStringLiteral("shrugged")}}));
        QCOMPARE(m_fx->count(QStringLiteral("SELECT count(*) FROM events")), before);
    }

    void callbacksAreScheduledAndDone()
    {
        RequestActions actions(m_fx->db(), m_fx->events(), QStringLiteral("agent2"));
        actions.setClock(m_fx->clock());
        QCOMPARE(
            actions.scheduleCallback(m_fx->requestId, m_fx->now().addSecs(-60), {}).error().code,
            QStringLiteral("callback.due"));
        const ServiceRequest imported =
            *RequestSearchRepository(m_fx->db()).byNumber(QStringLiteral("101001241058"));
        QCOMPARE(actions
                     .scheduleCallback(imported.id, m_fx->now().addSecs(3600),
                                       QStringLiteral("Ask about the crew"))
                     .error()
                     .code,
                 QStringLiteral("callback.phone"));
        auto soon = actions.scheduleCallback(m_fx->requestId, m_fx->now().addSecs(30 * 60),
                                             QStringLiteral("Tell her the crew date"));
        QVERIFY(soon.ok());
        // A callback says what it is for.
        QCOMPARE(actions.scheduleCallback(m_fx->requestId, m_fx->now().addSecs(3 * 3600), {})
                     .error()
                     .code,
                 QStringLiteral("callback.note"));
        auto later = actions.scheduleCallback(m_fx->requestId, m_fx->now().addSecs(3 * 3600),
                                              QStringLiteral("Ask whether the crew came"));
        QVERIFY(later.ok());

        CallbackRepository callbacks(m_fx->db());
        QList<CallbackEntry> pending = callbacks.pending();
        QCOMPARE(pending.size(), 2);
        QCOMPARE(pending.first().id, soon.value());
        QCOMPARE(pending.first().phone, QStringLiteral("+16175550142")); // Ana, the reporter
        QCOMPARE(pending.first().callerName, QStringLiteral("Ana Ruiz"));
        QCOMPARE(pending.first().requestNumber, m_fx->requestNumber);
        QCOMPARE(pending.first().typeName, QStringLiteral("Bird infestation"));
        QCOMPARE(pending.first().dueAt, m_fx->now().addSecs(30 * 60));
        QCOMPARE(pending.first().state(m_fx->now()), CallbackEntry::State::DueSoon);
        QCOMPARE(pending.last().state(m_fx->now()), CallbackEntry::State::Later);
        QCOMPARE(callbacks.pendingDueBefore(m_fx->now().addSecs(3600)), 1);

        CallbackListModel model;
        model.setClock(m_fx->clock());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        model.setEntries(pending);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.dueCount(), 1);
        QCOMPARE(model.index(0, CallbackListModel::State).data().toString(),
                 QStringLiteral("Due soon"));
        QCOMPARE(model.index(0, CallbackListModel::Caller).data().toString(),
                 QStringLiteral("Ana Ruiz, +16175550142"));
        QCOMPARE(model.index(0, 0).data(CallbackListModel::RequestIdRole).toString(),
                 m_fx->requestId);
        m_fx->advance(3600);
        QCOMPARE(model.index(0, CallbackListModel::State).data().toString(),
                 QStringLiteral("Overdue"));

        QCOMPARE(actions.completeCallback(soon.value(), QStringLiteral("shrugged")).error().code,
                 QStringLiteral("callback.outcome"));
        QVERIFY(actions
                    .completeCallback(soon.value(), QStringLiteral("reached"),
                                      QStringLiteral("She knows"))
                    .ok());
        QCOMPARE(actions.completeCallback(soon.value(), QStringLiteral("reached")).error().code,
                 QStringLiteral("callback.done"));
        pending = callbacks.pending();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().id, later.value());
        model.setEntries(pending);
        QCOMPARE(model.dueCount(), 0);
        const auto done = callbacks.byId(soon.value());
        QVERIFY(done->isDone());
        QCOMPARE(done->doneBy, QStringLiteral("agent2"));
        QCOMPARE(done->outcome, QStringLiteral("reached"));

        const ServiceRequest request = *RequestSearchRepository(m_fx->db()).byId(m_fx->requestId);
        const auto timeline = RequestTimeline(m_fx->db()).forRequest(request, false);
        QCOMPARE(timeline.at(timeline.size() - 3).kind, TimelineEntry::Kind::CallbackScheduled);
        QCOMPARE(timeline.at(timeline.size() - 3).dueAt, m_fx->now().addSecs(-30 * 60));
        QCOMPARE(timeline.last().kind, TimelineEntry::Kind::CallbackDone);
        QCOMPARE(timeline.last().outcome, QStringLiteral("reached"));
        TimelineModel lines;
        lines.setEntries(timeline);
        QCOMPARE(lines.index(lines.rowCount() - 1, TimelineModel::What).data().toString(),
                 QStringLiteral("Callback done: Reached the caller (She knows)"));
        QVERIFY(lines.index(lines.rowCount() - 3, TimelineModel::What)
                    .data()
                    .toString()
                    .startsWith(u"Callback to Ana Ruiz, +16175550142 by "));
    }

    // 450 more requests, so the list has pages to fetch.
    void insertRequests(int count)
    {
        QSqlDatabase db = QSqlDatabase::database(m_fx->db().connectionName());
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO requests(id, number, type_name, status, address, opened_at, origin) "
            "VALUES(?, ?, 'Pothole Repair', ?, ?, ?, 'import')")));
        for (int i = 0; i < count; ++i) {
            q.addBindValue(QStringLiteral("gen:%1").arg(i));
            q.addBindValue(QString::number(202400000000LL + i));
            q.addBindValue(i % 3 == 0 ? QStringLiteral("open") : QStringLiteral("closed"));
            q.addBindValue(QStringLiteral("%1 Generated St").arg(i));
            q.addBindValue(qint64(1600000000) + i);
            QVERIFY(q.exec());
        }
    }

    void theRequestListSearchesOnItsThreadAndDropsStaleAnswers()
    {
        insertRequests(450);
        RequestListModel model(m_fx->db());
        QVERIFY(model.isThreaded());
        QAbstractItemModelTester tester(&model, Mode::QtTest);
        QSignalSpy loading(&model, &RequestListModel::loadingChanged);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), RequestListModel::PageSize);
        QCOMPARE(model.totalCount(), 476);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QVERIFY(!model.canFetchMore({})); // one page at a time, fetched on the search thread
        for (int guard = 0; guard < 500 && model.rowCount() < 476; ++guard) {
            if (model.canFetchMore({}))
                model.fetchMore({});
            QTest::qWait(5);
        }
        QCOMPARE(model.rowCount(), 476);
        QVERIFY(!model.canFetchMore({}));

        // Filters typed one after the other: only the last one's answer shows.
        HistoryFilter f;
        f.text = QStringLiteral("Pot");
        model.setFilter(f);
        f.text = QStringLiteral("Bird");
        model.setFilter(f);
        QVERIFY(model.isLoading());
        f.text = QStringLiteral("Generated");
        f.status = RequestStatus::Open;
        model.setFilter(f);
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.totalCount(), 150);
        QCOMPARE(model.rowCount(), 150);
        QTRY_VERIFY(model.staleDropped() >= 2);
        QVERIFY(loading.size() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"

// What agents do from history, in the store without widgets: duplicates linked and unlinked by
// role (and link events validated), callbacks scheduled and done.

#include "models/domain/requestnumber.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/requesttexts.h"
#include "models/itemmodels/timelinemodel.h"
#include "models/requests/callbackrepository.h"
#include "models/requests/requestactions.h"
#include "models/requests/requestduplicates.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/requesttimeline.h"
#include "tests/history/historyfixture.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace civicdesk;
using Mode = QAbstractItemModelTester::FailureReportingMode;

class TestHistoryActions : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::HistoryFixture> m_fx;

private slots:
    void init() { m_fx = std::make_unique<test::HistoryFixture>(); }

    void cleanup() { m_fx.reset(); }

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

    // A pending callback ends when its request is closed: nobody is asked to call a resident
    // about work already done (it stayed in the pending list after the request closed).
    void closingTheRequestEndsItsPendingCallbacks()
    {
        RequestActions actions(m_fx->db(), m_fx->events(), QStringLiteral("agent2"));
        actions.setClock(m_fx->clock());
        const auto callback = actions.scheduleCallback(m_fx->requestId, m_fx->now().addSecs(3600),
                                                       QStringLiteral("Tell her the crew date"));
        QVERIFY(callback.ok());
        CallbackRepository callbacks(m_fx->db());
        QCOMPARE(callbacks.pending().size(), 1);
        actions.setRole(AgentRole::Supervisor);
        QVERIFY(
            actions.changeStatus(m_fx->requestId, RequestStatus::Closed, QStringLiteral("resolved"))
                .ok());
        QVERIFY(callbacks.pending().isEmpty());
        const auto ended = callbacks.byId(callback.value());
        QVERIFY(ended && ended->isDone());
        QCOMPARE(ended->outcome, QStringLiteral("request_closed"));
        QCOMPARE(requesttexts::callbackOutcome(ended->outcome),
                 QStringLiteral("The request was closed"));
    }
};

QTEST_GUILESS_MAIN(TestHistoryActions)
#include "tst_historyactions.moc"

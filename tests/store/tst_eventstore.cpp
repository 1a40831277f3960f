// The event log and outbox: an event, its projection and its outbox entry commit together or
// not at all.

#include "models/requests/requestrepository.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

Event requestCreated(const QString &id, const QString &number)
{
    return Event::make(
        QStringLiteral("request"), id, QStringLiteral("request.created"),
        QJsonObject{{QStringLiteral("number"), number},
                    {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                    {QStringLiteral("service_code"), QStringLiteral("REQPOTHL")},
                    {QStringLiteral("address"), QStringLiteral("1 City Hall Sq")},
                    {QStringLiteral("latitude"), 42.3603},
                    {QStringLiteral("longitude"), -71.0580},
                    {QStringLiteral("attributes"),
                     QJsonObject{{QStringLiteral("DEPTH"), QJsonArray{QStringLiteral("deep")}}}}},
        QStringLiteral("agent1"), QStringLiteral("ABCDE"),
        QDateTime(QDate(2026, 11, 23), QTime(9, 30), Qt::UTC));
}

int count(test::TempStore &store, const QString &table)
{
    // Table names are fixed by the tests.
    return int(test::scalar(store.db(), QStringLiteral("SELECT count(*) FROM %1").arg(table)));
}

} // namespace

class TestEventStore : public QObject
{
    Q_OBJECT

private slots:
    void appendWritesEventProjectionAndOutbox()
    {
        test::TempStore store;
        EventStore events(store.db());
        auto seq = events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1")));
        QVERIFY2(seq.ok(), qPrintable(seq.ok() ? QString() : seq.error().message));
        QCOMPARE(events.eventCount(), 1);
        QCOMPARE(events.outboxSize(), 1);
        RequestRepository requests(store.db());
        const auto r = requests.byId(QStringLiteral("r1"));
        QVERIFY(r);
        QCOMPARE(r->number, QStringLiteral("N-1"));
        QCOMPARE(r->status, RequestStatus::Open);
        QCOMPARE(r->attributes.value(QStringLiteral("DEPTH")), QStringList{QStringLiteral("deep")});
        QCOMPARE(count(store, QStringLiteral("requests_rtree")), 1);

        const Event closed =
            Event::make(QStringLiteral("request"), QStringLiteral("r1"),
                        QStringLiteral("request.status_changed"),
                        {{QStringLiteral("status"), QStringLiteral("closed")},
                         {QStringLiteral("closure_reason"), QStringLiteral("Repaired")}},
                        QStringLiteral("agent2"), QStringLiteral("FGHJK"),
                        QDateTime(QDate(2026, 11, 24), QTime(8, 0), Qt::UTC));
        QVERIFY(events.append(closed).ok());
        QCOMPARE(requests.byId(QStringLiteral("r1"))->status, RequestStatus::Closed);
        QCOMPARE(requests.byId(QStringLiteral("r1"))->closureReason, QStringLiteral("Repaired"));
        const QList<Event> timeline =
            events.eventsFor(QStringLiteral("request"), QStringLiteral("r1"));
        QCOMPARE(timeline.size(), 2);
        QCOMPARE(timeline.at(1).actor, QStringLiteral("agent2"));
        QCOMPARE(events.outboxSize(), 2);
    }

    void aFaultAtAnyStageLeavesNoHalfState_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("after event") << int(EventStore::Stage::EventWritten);
        QTest::newRow("after projection") << int(EventStore::Stage::ProjectionUpdated);
        QTest::newRow("after outbox") << int(EventStore::Stage::Queued);
    }

    void aFaultAtAnyStageLeavesNoHalfState()
    {
        QFETCH(int, stage);
        test::TempStore store;
        EventStore events(store.db());
        QVERIFY(events.append(requestCreated(QStringLiteral("r0"), QStringLiteral("N-0"))).ok());
        const QString before = test::dumpStore(store.db());
        events.setFaultHook([stage](EventStore::Stage s) { return int(s) != stage; });
        auto result = events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1")));
        QVERIFY(!result.ok());
        QCOMPARE(test::dumpStore(store.db()), before);
        QCOMPARE(count(store, QStringLiteral("requests_rtree")), 1);
        // The store is usable afterwards and the same event can be written.
        events.setFaultHook({});
        QVERIFY(events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"))).ok());
        QCOMPARE(events.outboxSize(), 2);
    }

    void aFailingProjectionRollsBackTheEvent()
    {
        test::TempStore store;
        EventStore events(store.db());
        QVERIFY(events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"))).ok());
        // Same number again: the projection's UNIQUE constraint fails after the event is written.
        auto result = events.append(requestCreated(QStringLiteral("r2"), QStringLiteral("N-1")));
        QVERIFY(!result.ok());
        QCOMPARE(events.eventCount(), 1);
        QCOMPARE(events.outboxSize(), 1);
    }

    void theSameEventIdIsStoredOnce()
    {
        test::TempStore store;
        EventStore events(store.db());
        const Event e = requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"));
        QVERIFY(events.append(e).ok());
        QVERIFY(!events.append(e).ok());
        QCOMPARE(events.eventCount(), 1);
    }

    void theLogIsAppendOnly()
    {
        test::TempStore store;
        EventStore events(store.db());
        QVERIFY(events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"))).ok());
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM events")));
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET payload = '{}'")));
        // Recording the server's sequence number is allowed.
        QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 7")));
    }

    void invalidEventsAreRejectedWithTheField_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("field");
        QTest::newRow("no number")
            << "request.created" << QJsonObject{{QStringLiteral("type_name"), QStringLiteral("x")}}
            << "number";
        QTest::newRow("bad status")
            << "request.status_changed"
            << QJsonObject{{QStringLiteral("status"), QStringLiteral("done")}} << "status";
        QTest::newRow("bad field")
            << "request.field_changed"
            << QJsonObject{{QStringLiteral("field"), QStringLiteral("id")}} << "field";
        QTest::newRow("unknown kind") << "request.teleported" << QJsonObject{} << "kind";
        QTest::newRow("bad channel")
            << "contact.started" << QJsonObject{{QStringLiteral("channel"), QStringLiteral("fax")}}
            << "channel";
        // Its projection needs the language: refused by the validator, not late by the table.
        QTest::newRow("unanswered search without language")
            << "contact.search_unanswered"
            << QJsonObject{{QStringLiteral("query"), QStringLiteral("passport renewal")}}
            << "language";
    }

    // A search whose language is not known is recorded with an empty language.
    void anUnansweredSearchOfNoKnownLanguageIsKept()
    {
        test::TempStore store;
        EventStore events(store.db());
        auto result = events.append(
            Event::make(QStringLiteral("contact"), QStringLiteral("c1"),
                        QStringLiteral("contact.search_unanswered"),
                        QJsonObject{{QStringLiteral("query"), QStringLiteral("passport renewal")},
                                    {QStringLiteral("language"), QString()}},
                        QStringLiteral("a"), QStringLiteral("D"), QDateTime::currentDateTimeUtc()));
        QVERIFY2(result.ok(), result.ok() ? "" : qPrintable(result.error().message));
        QCOMPARE(count(store, QStringLiteral("knowledge_gaps")), 1);
    }

    void invalidEventsAreRejectedWithTheField()
    {
        QFETCH(QString, kind);
        QFETCH(QJsonObject, payload);
        QFETCH(QString, field);
        test::TempStore store;
        EventStore events(store.db());
        auto result = events.append(
            Event::make(QStringLiteral("request"), QStringLiteral("r1"), kind, payload,
                        QStringLiteral("a"), QStringLiteral("D"), QDateTime::currentDateTimeUtc()));
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u'"' + field + u'"'),
                 qPrintable(result.error().message));
        QCOMPARE(events.eventCount(), 0);
    }

    void contactsAndCallersProject()
    {
        test::TempStore store;
        EventStore events(store.db());
        const QDateTime start(QDate(2026, 11, 23), QTime(9, 0), Qt::UTC);
        QVERIFY(events
                    .append(Event::make(QStringLiteral("caller"), QStringLiteral("c1"),
                                        QStringLiteral("caller.upserted"),
                                        {{QStringLiteral("name"), QStringLiteral("Ana Ruiz")},
                                         {QStringLiteral("phone"), QStringLiteral("+16175550100")},
                                         {QStringLiteral("language"), QStringLiteral("es")}},
                                        QStringLiteral("agent1"), QStringLiteral("ABCDE"), start))
                    .ok());
        QVERIFY(events
                    .append(Event::make(QStringLiteral("contact"), QStringLiteral("k1"),
                                        QStringLiteral("contact.started"),
                                        {{QStringLiteral("channel"), QStringLiteral("phone")},
                                         {QStringLiteral("caller_id"), QStringLiteral("c1")}},
                                        QStringLiteral("agent1"), QStringLiteral("ABCDE"), start))
                    .ok());
        QVERIFY(events
                    .append(Event::make(
                        QStringLiteral("contact"), QStringLiteral("k1"),
                        QStringLiteral("contact.ended"),
                        {{QStringLiteral("outcome"), QStringLiteral("information_given")},
                         {QStringLiteral("notes"), QStringLiteral("Trash day is Tuesday")}},
                        QStringLiteral("agent1"), QStringLiteral("ABCDE"), start.addSecs(95)))
                    .ok());
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT ended_at - started_at, outcome FROM contacts")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 95);
        QCOMPARE(q.value(1).toString(), QStringLiteral("information_given"));
        QVERIFY(
            q.exec(QStringLiteral("SELECT language FROM callers WHERE phone = '+16175550100'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("es"));
    }

    void requestNumbersAreUniqueAndValid()
    {
        test::TempStore store;
        EventStore events(store.db());
        QSet<QString> seen;
        for (int i = 0; i < 200; ++i) {
            auto n = events.allocateRequestNumber();
            QVERIFY(n.ok());
            QVERIFY(RequestNumber::parse(n.value().display()).ok());
            seen.insert(n.value().compact());
        }
        QCOMPARE(seen.size(), 200);
        store.reopen();
        EventStore again(store.db());
        // After a restart the sequence continues: no number is handed out twice.
        QVERIFY(!seen.contains(again.allocateRequestNumber().value().compact()));
    }
};

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"

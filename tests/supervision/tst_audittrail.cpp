// The audit trail (models/supervision/audit/audittrail.h): what supervisors do is read back from
// the event log, the latest first, within the period asked; a call taker's intake is not in it;
// a request's number comes along; a list cut at its limit still counts everything.

#include "models/alerts/clusterrulelog.h"
#include "models/domain/event.h"
#include "models/store/eventstore.h"
#include "models/supervision/audit/audittrail.h"
#include "tests/support/teststore.h"

#include <QTest>
#include <QTimeZone>

using namespace civicdesk;

namespace {

const QDateTime T0(QDate(2026, 3, 10), QTime(15, 0), QTimeZone::utc());

Event at(const QString &type, const QString &entity, const QString &kind,
         const QJsonObject &payload, const QString &actor, const QDateTime &when)
{
    return Event::make(type, entity, kind, payload, actor, QStringLiteral("DEV01"), when);
}

} // namespace

class TestAuditTrail : public QObject
{
    Q_OBJECT

private slots:
    void supervisorsActionsTheLatestFirst()
    {
        test::TempStore store;
        EventStore events(store.db());
        const QString request = Event::newId();
        QVERIFY(
            events
                .append(at(QStringLiteral("request"), request, QStringLiteral("request.created"),
                           {{QStringLiteral("number"), QStringLiteral("AUD-1")},
                            {QStringLiteral("type_name"), QStringLiteral("Pothole")}},
                           QStringLiteral("ana"), T0))
                .ok());
        QVERIFY(events
                    .append(at(QStringLiteral("request"), request,
                               QStringLiteral("request.status_changed"),
                               {{QStringLiteral("status"), QStringLiteral("in_progress")}},
                               QStringLiteral("sam"), T0.addSecs(60)))
                    .ok());
        QDateTime now = T0.addSecs(120);
        QVERIFY(
            ClusterRuleLog(store.db(), events, QStringLiteral("sam"), Clock([&now] { return now; }))
                .change(QString(), QString(), ClusterRule{3, 100, 2})
                .ok());
        // Outside the period asked.
        now = T0.addDays(-3);
        QVERIFY(
            ClusterRuleLog(store.db(), events, QStringLiteral("kim"), Clock([&now] { return now; }))
                .change(QString(), QString(), ClusterRule{4, 100, 2})
                .ok());

        int total = -1;
        auto trail = audittrail::read(store.db().connectionName(), T0.addDays(-1), T0.addDays(1),
                                      1000, &total);
        QVERIFY2(trail.ok(), trail.ok() ? "" : qPrintable(trail.error().message));
        QCOMPARE(total, 2);
        QCOMPARE(trail.value().size(), 2);
        QCOMPARE(trail.value().at(0).event.kind, QStringLiteral("cluster.rules_set"));
        QCOMPARE(trail.value().at(0).event.actor, QStringLiteral("sam"));
        QCOMPARE(trail.value().at(0).requestNumber, QString());
        QCOMPARE(trail.value().at(1).event.kind, QStringLiteral("request.status_changed"));
        QCOMPARE(trail.value().at(1).requestNumber, QStringLiteral("AUD-1"));

        // Cut at one: the latest, and the count of all.
        trail =
            audittrail::read(store.db().connectionName(), T0.addDays(-5), T0.addDays(1), 1, &total);
        QCOMPARE(total, 3);
        QCOMPARE(trail.value().size(), 1);
        QCOMPARE(trail.value().first().event.kind, QStringLiteral("cluster.rules_set"));
    }

    void anAgentsOwnAnswerIsNotASupervisorsAction()
    {
        QVERIFY(audittrail::kinds().contains(QStringLiteral("review.evaluation_submitted")));
        QVERIFY(audittrail::kinds().contains(QStringLiteral("known_issue.posted")));
        QVERIFY(!audittrail::kinds().contains(QStringLiteral("review.acknowledged")));
        QVERIFY(!audittrail::kinds().contains(QStringLiteral("review.disputed")));
        QVERIFY(!audittrail::kinds().contains(QStringLiteral("request.created")));
    }
};

QTEST_GUILESS_MAIN(TestAuditTrail)
#include "tst_audittrail.moc"

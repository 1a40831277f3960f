// Known issues: which one applies to a type at a place (hand-computed distances on one
// meridian: inside, exactly the radius, beyond it, another type, the expiry, the nearest of
// two), and posting and withdrawing them as events with the permission table's rule (only
// supervisors and admins) and the store's checks (nothing written when refused).

#include "models/domain/supervision/knownissue.h"
#include "models/intake/knownissues.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QTest>
#include <numbers>

using namespace civicdesk;

namespace {

constexpr double MetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;
constexpr double BaseLat = 42.3601;
constexpr double BaseLon = -71.0589;
const QDateTime Now = QDateTime(QDate(2026, 12, 4), QTime(15, 0), Qt::UTC);

double north(double metres)
{
    return BaseLat + metres / MetresPerDegree;
}

KnownIssue issue(const QString &id, double centreNorth, double metres, int hours = 4)
{
    KnownIssue k;
    k.id = id;
    k.serviceCode = QStringLiteral("STRLGTOUT");
    k.typeName = QStringLiteral("Street lights out");
    k.agentText = QStringLiteral("Feeder cable down on Tremont St");
    k.callerScript = QStringLiteral("A crew is on the way");
    k.latitude = north(centreNorth);
    k.longitude = BaseLon;
    k.metres = metres;
    k.postedAt = Now;
    k.expiresAt = Now.addSecs(qint64(hours) * 3600);
    k.parentId = u"req-" + id;
    k.parentNumber = u"N-" + id;
    return k;
}

} // namespace

class TestKnownIssues : public QObject
{
    Q_OBJECT

private slots:
    void whichApplies()
    {
        const QList<KnownIssue> one = {issue(QStringLiteral("a"), 0, 300)};
        const QString type = QStringLiteral("STRLGTOUT");
        QCOMPARE(KnownIssue::applicable(one, type, north(100), BaseLon, Now)->id,
                 QStringLiteral("a"));
        // Exactly the radius is inside; half a metre more is not.
        QVERIFY(KnownIssue::applicable(one, type, north(300), BaseLon, Now).has_value());
        QVERIFY(!KnownIssue::applicable(one, type, north(300.5), BaseLon, Now).has_value());
        // Another type at the same place: no.
        QVERIFY(!KnownIssue::applicable(one, QStringLiteral("REQPOTHL"), BaseLat, BaseLon, Now)
                     .has_value());
        // A minute before the expiry: yes; at the expiry: no.
        QVERIFY(KnownIssue::applicable(one, type, BaseLat, BaseLon, Now.addSecs(4 * 3600 - 60))
                    .has_value());
        QVERIFY(!KnownIssue::applicable(one, type, BaseLat, BaseLon, Now.addSecs(4 * 3600))
                     .has_value());
        // Two areas overlap: the nearer centre wins.
        const QList<KnownIssue> two = {issue(QStringLiteral("a"), 0, 300),
                                       issue(QStringLiteral("b"), 400, 300)};
        QCOMPARE(KnownIssue::applicable(two, type, north(150), BaseLon, Now)->id,
                 QStringLiteral("a"));
        QCOMPARE(KnownIssue::applicable(two, type, north(250), BaseLon, Now)->id,
                 QStringLiteral("b"));
    }

    void postListAndWithdraw()
    {
        test::TempStore store;
        EventStore supervisorEvents(store.db());
        supervisorEvents.setRole(AgentRole::Supervisor);
        KnownIssues supervisor(store.db(), supervisorEvents, QStringLiteral("sam"),
                               Clock::fixed(Now));
        auto posted = supervisor.post(issue(QString(), 0, 300));
        QVERIFY2(posted.ok(), posted.ok() ? "" : qPrintable(posted.error().message));
        QList<KnownIssue> inForce = supervisor.inForce();
        QCOMPARE(inForce.size(), 1);
        QCOMPARE(inForce.first().id, posted.value());
        QCOMPARE(inForce.first().postedBy, QStringLiteral("sam"));
        QCOMPARE(inForce.first().parentNumber, QStringLiteral("N-"));
        QCOMPARE(inForce.first().metres, 300.0);
        QCOMPARE(inForce.first().expiresAt, Now.addSecs(4 * 3600));
        QCOMPARE(inForce.first().callerScript, QStringLiteral("A crew is on the way"));
        // The expiry passed: nothing in force.
        QVERIFY(KnownIssues::inForce(store.db().connectionName(), Now.addSecs(4 * 3600)).isEmpty());

        // A call taker may neither post nor withdraw; nothing is written.
        EventStore agentEvents(store.db());
        agentEvents.setRole(AgentRole::CallTaker);
        KnownIssues agent(store.db(), agentEvents, QStringLiteral("ana"), Clock::fixed(Now));
        const qint64 events = agentEvents.eventCount();
        QVERIFY(!agent.post(issue(QString(), 0, 300)).ok());
        QVERIFY(!agent.withdraw(posted.value()).ok());
        QCOMPARE(agentEvents.eventCount(), events);

        // Bad input is refused by name before anything is written.
        KnownIssue noText = issue(QString(), 0, 300);
        noText.agentText = QStringLiteral("   ");
        QCOMPARE(supervisor.post(noText).error().code, QStringLiteral("known_issue.agent_text"));
        QCOMPARE(supervisor.post(issue(QString(), 0, 300, 24 * 15)).error().code,
                 QStringLiteral("known_issue.expires_at"));
        QCOMPARE(supervisor.post(issue(QString(), 0, 5)).error().code,
                 QStringLiteral("known_issue.metres"));
        KnownIssue noParent = issue(QString(), 0, 300);
        noParent.parentId.clear();
        QCOMPARE(supervisor.post(noParent).error().code, QStringLiteral("known_issue.parent_id"));
        QCOMPARE(supervisorEvents.eventCount(), events);

        QVERIFY(supervisor.withdraw(posted.value()).ok());
        QVERIFY(supervisor.inForce().isEmpty());
        QCOMPARE(supervisor.withdraw(posted.value()).error().code,
                 QStringLiteral("known_issue.gone"));
        const QList<Event> trail =
            supervisorEvents.eventsFor(QStringLiteral("known_issue"), posted.value());
        QCOMPARE(trail.size(), 2);
        QCOMPARE(trail.at(1).kind, QStringLiteral("known_issue.withdrawn"));
    }
};

QTEST_GUILESS_MAIN(TestKnownIssues)
#include "tst_knownissues.moc"

// A cluster to a known issue through the real civicdesk-server (SQLite, and PostgreSQL in the
// _postgres run): a supervisor's workstation sees three street-light requests close together
// as a cluster, posts a known issue from it, and a call taker's workstation receives it by
// sync: its intake's known issues hold it, and it applies to that type inside the area (not
// outside it, not to another type). The server refuses a known issue from a call taker even
// when the workstation's own check is bypassed. Withdrawn, it leaves the second workstation.

#include "models/alerts/clusterrulelog.h"
#include "models/alerts/clusterwatch.h"
#include "models/domain/supervision/clusterrulechange.h"
#include "models/domain/supervision/knownissue.h"
#include "models/intake/intakerepository.h"
#include "models/intake/knownissues.h"
#include "tests/support/serverdesks.h"

#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

constexpr double Lat = 42.3608;
constexpr double Lon = -71.0659;

} // namespace

class TestKnownIssueEndToEnd : public QObject
{
    Q_OBJECT

    ServerDesks m_desks{QStringLiteral(CIVICDESK_SERVER)};
    SyncWorkstation *m_supervisor = nullptr;
    SyncWorkstation *m_agent = nullptr;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_desks.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                                {QStringLiteral("ana"), QStringLiteral("call_taker")}}),
                 qPrintable(m_desks.error()));
        m_supervisor =
            m_desks.signIn(QStringLiteral("SSSS2"), QStringLiteral("sam"), AgentRole::Supervisor);
        m_agent =
            m_desks.signIn(QStringLiteral("AAAA3"), QStringLiteral("ana"), AgentRole::CallTaker);
        QVERIFY(m_supervisor && m_agent);
    }

    void cleanupTestCase() { m_desks.stop(); }

    void clusterToKnownIssueSeenByTheSecondWorkstation()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // The supervisor's rule change is an event: it reaches the agent's replica too, with
        // who made it.
        ClusterRuleLog ruleLog(m_supervisor->db(), m_supervisor->events(), QStringLiteral("sam"));
        QVERIFY(ruleLog.change(QString(), QString(), ClusterRule{3, 200, 3}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(ClusterWatch::rulesOf(m_agent->db()).fallback,
                                  (ClusterRule{3, 200, 3}), 20000);
        EventStore agentEvents(m_agent->db());
        const QList<ClusterRuleChange> trail =
            ClusterRuleLog(m_agent->db(), agentEvents, QStringLiteral("ana")).history();
        QCOMPARE(trail.size(), 1);
        QCOMPARE(trail.first().actor, QStringLiteral("sam"));
        QCOMPARE(trail.first().after, (ClusterRule{3, 200, 3}));
        ClusterWatch watch(m_supervisor->db());
        QVERIFY(watch.start().ok());
        // Three street-light requests from the agent's workstation, 40 m apart.
        for (int i = 0; i < 3; ++i) {
            const Event e = Event::make(
                QStringLiteral("request"), Event::newId(), QStringLiteral("request.created"),
                {{QStringLiteral("number"), QStringLiteral("KIE2E-%1").arg(i)},
                 {QStringLiteral("service_code"), QStringLiteral("STRLGTOUT")},
                 {QStringLiteral("type_name"), QStringLiteral("Street lights out")},
                 {QStringLiteral("address"), QStringLiteral("%1 Tremont St").arg(10 + i)},
                 {QStringLiteral("latitude"), Lat + i * 0.00036},
                 {QStringLiteral("longitude"), Lon}},
                QStringLiteral("ana"), m_agent->device(), now.addSecs(-600 + i * 60));
            QVERIFY(m_agent->events().append(e).ok());
        }
        // They reach the supervisor's store through the server; the watch sees the cluster.
        QTRY_VERIFY_WITH_TIMEOUT(watch.update().value() || !watch.clusters().isEmpty(), 20000);
        QCOMPARE(watch.clusters().size(), 1);
        const Cluster cluster = watch.clusters().first();
        QCOMPARE(cluster.requests.size(), 3);
        QCOMPARE(cluster.parent().number, QStringLiteral("KIE2E-0"));

        // The supervisor posts a known issue from it.
        KnownIssues supervisorIssues(m_supervisor->db(), m_supervisor->events(),
                                     QStringLiteral("sam"));
        KnownIssue issue;
        issue.serviceCode = cluster.serviceCode;
        issue.typeName = cluster.typeName;
        issue.agentText = QStringLiteral("Feeder cable down: Tremont St is dark.");
        issue.callerScript = QStringLiteral("We know; a crew is on the way.");
        issue.latitude = cluster.latitude;
        issue.longitude = cluster.longitude;
        issue.metres = cluster.metres;
        issue.expiresAt = now.addSecs(4 * 3600);
        issue.parentId = cluster.parent().id;
        issue.parentNumber = cluster.parent().number;
        auto posted = supervisorIssues.post(issue);
        QVERIFY2(posted.ok(), posted.ok() ? "" : qPrintable(posted.error().message));

        // The call taker's intake has it after sync, and it applies there.
        const IntakeRepository agentIntake(m_agent->db());
        QTRY_COMPARE_WITH_TIMEOUT(agentIntake.knownIssues(QDateTime::currentDateTimeUtc()).size(),
                                  qsizetype(1), 20000);
        const QList<KnownIssue> seen = agentIntake.knownIssues(QDateTime::currentDateTimeUtc());
        QCOMPARE(seen.first().id, posted.value());
        QCOMPARE(seen.first().agentText, issue.agentText);
        QCOMPARE(seen.first().callerScript, issue.callerScript);
        QCOMPARE(seen.first().parentNumber, QStringLiteral("KIE2E-0"));
        QCOMPARE(seen.first().postedBy, QStringLiteral("sam"));
        const QDateTime at = QDateTime::currentDateTimeUtc();
        const auto applies =
            KnownIssue::applicable(seen, QStringLiteral("STRLGTOUT"), Lat + 0.0005, Lon, at);
        QVERIFY(applies);
        QCOMPARE(applies->parentId, cluster.parent().id);
        QVERIFY(!KnownIssue::applicable(seen, QStringLiteral("REQPOTHL"), Lat, Lon, at));
        QVERIFY(!KnownIssue::applicable(seen, QStringLiteral("STRLGTOUT"), Lat + 0.01, Lon, at));

        // A call taker's known issue, past the workstation's own check: the server refuses it.
        Event forged =
            Event::make(QStringLiteral("known_issue"), Event::newId(),
                        QStringLiteral("known_issue.posted"), issue.postedPayload(),
                        QStringLiteral("ana"), m_agent->device(), QDateTime::currentDateTimeUtc());
        m_agent->events().setRole(std::nullopt);
        QVERIFY(m_agent->events().append(forged).ok()); // queued locally, unchecked
        m_agent->events().setRole(AgentRole::CallTaker);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_agent->sync().deliveryOf(QStringLiteral("known_issue"), forged.entityId).state ==
                DeliveryState::Rejected,
            20000);

        // A call taker's rule change, past the workstation's own check: refused by the server.
        ClusterRules loose;
        loose.fallback = ClusterRule{2, 5000, 24};
        const Event forgedRule = Event::make(
            clusterrulechange::entityType(), clusterrulechange::entityId(),
            clusterrulechange::kind(), clusterrulechange::payload({}, loose, QString(), QString()),
            QStringLiteral("ana"), m_agent->device(), QDateTime::currentDateTimeUtc());
        m_agent->events().setRole(std::nullopt);
        QVERIFY(m_agent->events().append(forgedRule).ok());
        m_agent->events().setRole(AgentRole::CallTaker);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_agent->sync()
                    .deliveryOf(clusterrulechange::entityType(), clusterrulechange::entityId())
                    .state == DeliveryState::Rejected,
            20000);
        QCOMPARE(ClusterWatch::rulesOf(m_supervisor->db()).fallback, (ClusterRule{3, 200, 3}));

        // Withdrawn on the supervisor's workstation: it leaves the agent's intake.
        QVERIFY(supervisorIssues.withdraw(posted.value()).ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const KnownIssue &k : agentIntake.knownIssues(QDateTime::currentDateTimeUtc()))
                    if (k.id == posted.value())
                        return false;
                return true;
            }(),
            20000);
    }
};

QTEST_GUILESS_MAIN(TestKnownIssueEndToEnd)
#include "tst_knownissueend2end.moc"

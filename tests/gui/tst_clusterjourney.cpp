// A cluster to a known issue by keyboard only (every key to QApplication::focusWidget()) in the
// real main window at 1366x768. A supervisor opens the workspace (Ctrl+Shift+W), the Clusters
// tab (Alt+U) lists three rodent reports close together; Enter drills down to them and Enter
// opens one; Alt+K posts a known issue with the agents' text, the callers' script and an
// expiry. Then a call taker's intake: the rodent type at 57 A Chestnut St shows the banner, and
// Ctrl+K attaches the caller to the cluster's parent request. The cluster is on the supervisor's
// map, Alt+P shows it there, and a click on it there opens it in the workspace. Results through
// the capability API.

#include "models/alerts/clusterrulelog.h"
#include "models/alerts/clusterwatch.h"
#include "models/domain/event.h"
#include "models/domain/supervision/knownissue.h"
#include "models/intake/knownissues.h"
#include "models/store/eventstore.h"
#include "tests/gui/knownissuecall.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/history/requestdetaildialog.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"
#include "ui/supervisor/audittrailpanel.h"
#include "ui/supervisor/clustermapfeed.h"
#include "ui/supervisor/clusterspanel.h"
#include "ui/supervisor/knownissuedialog.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QApplication>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimeZone>
#include <time.h>

using namespace civicdesk;

class TestClusterJourney : public test::DeskFixture
{
    Q_OBJECT

    QStringList m_numbers;

    // Ctrl+Shift+W, then Alt+U: the Clusters tab, the focus on its list (null when not).
    static SupervisorWorkspace *openClusters(test::Desk &desk, test::Journey &j)
    {
        SupervisorWorkspace *workspace = test::openSupervisorWorkspace(desk, j);
        if (!workspace || !j.press(Qt::Key_U, Qt::AltModifier) ||
            !QTest::qWaitFor([&j] { return j.focusName() == u"clusterTable"; }))
            return nullptr;
        return workspace;
    }

private slots:
    // One city for the whole journey: the known issue posted first is the one the call taker
    // then sees and the supervisor withdraws.
    void initTestCase()
    {
        QVERIFY(freshCity());
        // Three rodent reports in the last half hour, 30 m apart along the street.
        EventStore events(m_store->db());
        QVERIFY(ClusterRuleLog(m_store->db(), events, QStringLiteral("sam"))
                    .change(QString(), QString(), ClusterRule{3, 150, 3})
                    .ok());
        m_numbers = {QStringLiteral("CLJ0"), QStringLiteral("CLJ1"), QStringLiteral("CLJ2")};
        QVERIFY(test::appendRodentReports(events, m_numbers, QStringLiteral("ana"),
                                          QStringLiteral("CLJR2")));
    }

    void supervisorPostsAKnownIssueFromACluster()
    {
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        test::Journey j;
        SupervisorWorkspace *workspace = openClusters(desk, j);
        QVERIFY(workspace);
        ClustersPanel *panel = workspace->clustersPanel();
        QCOMPARE(panel->clusters().size(), 1);
        QCOMPARE(panel->clusterList()->rowCount(), 1);
        QCOMPARE(panel->clusterList()->item(0, 0)->text(), QStringLiteral("Rodent Activity"));
        QCOMPARE(panel->clusterList()->item(0, 2)->text(), QStringLiteral("3"));
        QCOMPARE(panel->clusterList()->item(0, 5)->text(), m_numbers.first());

        // Enter: the cluster's requests, oldest (the parent) first; Enter opens it.
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("clusterRequestTable"));
        QCOMPARE(panel->requestList()->rowCount(), 3);
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(workspace->requestDetail() && workspace->requestDetail()->isVisible());
        QCOMPARE(workspace->requestDetail()->requestId(), panel->clusters().first().parent().id);
        // (Closed as its own window's close button would: the offscreen platform does not move
        // the keyboard into a new top-level window.)
        workspace->requestDetail()->close();
        QTRY_COMPARE(j.focusName(), QStringLiteral("clusterRequestTable"));

        // Alt+K: the known issue, filled in from the cluster; the agents' text and the script
        // rewritten, six hours, Enter posts it.
        QVERIFY(j.press(Qt::Key_K, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("knownIssueAgentTextEdit"));
        KnownIssueDialog *dialog = panel->knownIssueDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->agentTextEdit()->toPlainText().contains(m_numbers.first()));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_Delete));
        const QString agentText = QStringLiteral("Rats near the Chestnut St dumpsters: ISD knows.");
        QVERIFY(j.type("knownIssueAgentTextEdit", agentText));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_Delete));
        const QString script = QStringLiteral("An inspector is coming today.");
        QVERIFY(j.type("knownIssueScriptEdit", script));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("knownIssueHoursBox"));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_6));
        const QDateTime posting = QDateTime::currentDateTimeUtc();
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Accepted));

        const QList<KnownIssue> inForce =
            KnownIssues::inForce(m_store->db().connectionName(), QDateTime::currentDateTimeUtc());
        QCOMPARE(inForce.size(), 1);
        QCOMPARE(inForce.first().id, dialog->postedId());
        QCOMPARE(inForce.first().agentText, agentText);
        QCOMPARE(inForce.first().callerScript, script);
        QCOMPARE(inForce.first().serviceCode, QStringLiteral("RODENTACT"));
        QCOMPARE(inForce.first().parentNumber, m_numbers.first());
        QCOMPARE(inForce.first().postedBy, QStringLiteral("sam"));
        QCOMPARE(inForce.first().metres, 150.0);
        QVERIFY(qAbs(inForce.first().expiresAt.secsTo(posting.addSecs(6 * 3600))) < 120);
        QTRY_COMPARE(j.focusName(), QStringLiteral("clusterTable"));
        qInfo("cluster to known issue: %d keys beyond typed text", j.keys);
    }

    // The cluster is on the supervisor's map (its area and count); Alt+P in the Clusters tab
    // brings the map to it, drawn as selected; a click on it on the map (the page's
    // clusterActivated, tests/webengine/tst_mapclusterareas) opens it in the workspace.
    void theClusterIsOnTheMapBothWays()
    {
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window && desk.window->clusterMap());
        MapView *map = desk.window->mapPanel()->mapView();
        const auto drawn = [map] {
            return QJsonDocument::fromJson(map->clustersJson().toUtf8()).object();
        };
        QCOMPARE(drawn().value(u"clusters").toArray().size(), 1);
        const QJsonObject area = drawn().value(u"clusters").toArray().first().toObject();
        QCOMPARE(area.value(u"count").toInt(), 3);
        QCOMPARE(area.value(u"metres").toDouble(), 150.0);
        QVERIFY(area.value(u"label").toString().contains(m_numbers.first()));
        const QString parentId = area.value(u"id").toString();

        test::Journey j;
        SupervisorWorkspace *workspace = openClusters(desk, j);
        QVERIFY(workspace);
        QCOMPARE(workspace->clustersPanel()->clusters().first().parent().id, parentId);
        const QStringList clashes = test::mnemonicClashes(workspace);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u"; ")));
        QVERIFY(workspace->clustersPanel()->showOnMapButton()->isEnabled());
        QSignalSpy shown(workspace->clustersPanel(), &ClustersPanel::shownOnMap);
        QVERIFY(j.press(Qt::Key_P, Qt::AltModifier));
        QTRY_COMPARE(shown.size(), 1); // a mnemonic clicks after the button's animation
        QCOMPARE(desk.window->clusterMap()->selected(), parentId);
        QCOMPARE(drawn().value(u"selected").toString(), parentId);
        QVERIFY(drawn().value(u"pan").toBool());
        QVERIFY(desk.window->findChild<QDockWidget *>(QStringLiteral("mapDock"))->isVisible());
        // The workspace covers the main window: the map comes out in front of it.
        QVERIFY(desk.window->findChild<QDockWidget *>(QStringLiteral("mapDock"))->isFloating());

        // Chosen on the map: the workspace's Clusters tab with that cluster, the focus on it.
        emit map->clusterActivated(parentId);
        QTRY_VERIFY(workspace->isVisible());
        QCOMPARE(workspace->clustersPanel()->clusterList()->currentRow(), 0);
        QTRY_COMPARE(j.focusName(), QStringLiteral("clusterTable"));
        QCOMPARE(drawn().value(u"selected").toString(), parentId);
        QVERIFY(!drawn().value(u"pan").toBool()); // chosen where the supervisor is looking
    }

    // The banner says until when in the city's time, whatever the workstation's zone: 22:30 UTC
    // is 5:30 PM in Boston (a PC set to UTC said 10:30 PM).
    void theBannerSaysTheExpiryInTheCitysTime()
    {
        const QByteArray zoneBefore = qgetenv("TZ");
        qputenv("TZ", "UTC");
        tzset();
        KnownIssue issue;
        issue.id = QStringLiteral("ki-zone");
        issue.serviceCode = QStringLiteral("RODENTACT");
        issue.typeName = QStringLiteral("Rodent activity");
        issue.agentText = QStringLiteral("Crews are baiting the block.");
        issue.latitude = 42.35;
        issue.longitude = -71.06;
        issue.metres = 200;
        issue.expiresAt = QDateTime(QDate(2026, 12, 7), QTime(22, 30), QTimeZone::utc());
        issue.parentNumber = QStringLiteral("CLJ0");
        KnownIssueBanner banner(QTimeZone("America/New_York"));
        banner.showFor({issue}, issue.serviceCode, std::pair{42.35, -71.06},
                       QDateTime(QDate(2026, 12, 7), QTime(20, 0), QTimeZone::utc()));
        auto *title = banner.findChild<QLabel *>(QStringLiteral("knownIssueTitle"));
        const QString said = title ? title->text() : QString();
        qputenv("TZ", zoneBefore);
        tzset();
        QVERIFY(banner.issue());
        QVERIFY2(said.contains(QLocale().toString(QTime(17, 30), QLocale::ShortFormat)),
                 qPrintable(said));
    }

    void callTakerSeesTheBannerAndAttachesWithOneKey()
    {
        Desk desk = openDesk(QStringLiteral("ana"), AgentRole::CallTaker);
        QVERIFY(desk.window);
        test::Journey j;
        KnownIssueBanner *banner = test::rodentCallAtChestnutSt(j, *desk.window);
        QVERIFY(banner);
        QTRY_VERIFY(banner->isVisible());
        // The whole banner scrolls into view, its attach key too.
        QTRY_VERIFY2(test::offScreen(banner->attachButton()).isEmpty(),
                     qPrintable(test::offScreen(banner->attachButton())));
        QVERIFY(banner->issue());
        QCOMPARE(banner->issue()->parentNumber, m_numbers.first());
        auto *text = banner->findChild<QLabel *>(QStringLiteral("knownIssueAgentText"));
        QCOMPARE(text->text(), banner->issue()->agentText);
        QVERIFY(j.press(Qt::Key_K, Qt::ControlModifier));
        QTRY_COMPARE(desk.window->intakePanel()->lastNumber(), m_numbers.first());
        QVERIFY(!banner->isVisible());
        QCOMPARE(desk.window->intakePanel()->session().outcome(),
                 std::optional(Outcome::AttachedToExisting));
        qInfo("known issue attach: %d keys beyond typed text", j.keys);
    }

    void supervisorWithdrawsTheKnownIssue()
    {
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        test::Journey j;
        SupervisorWorkspace *workspace = openClusters(desk, j);
        QVERIFY(workspace);
        ClustersPanel *panel = workspace->clustersPanel();
        QCOMPARE(panel->knownIssueList()->rowCount(), 1);
        QCOMPARE(panel->knownIssueList()->item(0, 3)->text(), m_numbers.first());
        QVERIFY(j.press(Qt::Key_D, Qt::AltModifier));
        QTRY_COMPARE(panel->knownIssueList()->rowCount(), 0);
        QVERIFY(
            KnownIssues::inForce(m_store->db().connectionName(), QDateTime::currentDateTimeUtc())
                .isEmpty());

        // The audit trail (Ctrl+Tab to the last tab) lists what the supervisor did, the latest
        // first: the withdrawal, the posting, the rule change.
        auto *tabs = workspace->findChild<QTabWidget *>();
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count() && tabs->currentWidget() != workspace->auditTrailPanel();
             ++i)
            QVERIFY(j.press(Qt::Key_Tab, Qt::ControlModifier));
        QVERIFY(tabs->currentWidget() == workspace->auditTrailPanel());
        QTRY_COMPARE(j.focusName(), QStringLiteral("auditTrailTable"));
        const auto &trail = workspace->auditTrailPanel()->entries();
        QVERIFY(trail.size() >= 3);
        QCOMPARE(trail.at(0).event.kind, QStringLiteral("known_issue.withdrawn"));
        QCOMPARE(trail.at(1).event.kind, QStringLiteral("known_issue.posted"));
        QCOMPARE(trail.at(0).event.actor, QStringLiteral("sam"));
        QVERIFY(std::any_of(trail.begin(), trail.end(), [](const audittrail::Entry &e) {
            return e.event.kind == u"cluster.rules_set";
        }));
        QCOMPARE(workspace->auditTrailPanel()->table()->rowCount(), int(trail.size()));
    }
};

QTEST_MAIN(TestClusterJourney)
#include "tst_clusterjourney.moc"

// A cluster to a known issue on two workstations through a real civicdesk-server (SQLite, and
// PostgreSQL in the _postgres run), by keyboard only (every key to QApplication::focusWidget())
// in the real main window at 1366x768 on each:
//
// - the call taker's workstation records three rodent reports 30 m apart; they reach the
//   supervisor's workstation by sync;
// - the supervisor opens the workspace (Ctrl+Shift+W), the Clusters tab (Alt+U): no cluster
//   under the city's rule (5 requests); Alt+Y, the count 3, Alt+V saves the rule (an event, in
//   the rule trail with who and when, and on the call taker's replica after sync): the cluster
//   is listed and drawn on the map; Alt+K posts a known issue with the agents' text and the
//   callers' script;
// - the call taker's workstation syncs it; its intake shows the banner when the agent picks the
//   rodent type at 57 A Chestnut St, and Ctrl+K attaches the caller to the cluster's parent
//   request, which reaches the supervisor's workstation.

#include "models/alerts/clusterwatch.h"
#include "models/domain/event.h"
#include "models/domain/supervision/knownissue.h"
#include "models/intake/intakerepository.h"
#include "tests/gui/knownissuecall.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/serverdesks.h"
#include "ui/intake/knownissuebanner.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"
#include "ui/supervisor/clusterrulehistory.h"
#include "ui/supervisor/clusterspanel.h"
#include "ui/supervisor/knownissuedialog.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

constexpr int Sync = 30000; // ms: a long poll of 5 s on a shared two-core machine

} // namespace

class TestKnownIssueDesks : public QObject
{
    Q_OBJECT

    ServerDesks m_desks{QStringLiteral(CIVICDESK_SERVER)};
    SyncWorkstation *m_supervisor = nullptr; // sam, SSSS2
    SyncWorkstation *m_agent = nullptr;      // ana, AAAA3
    QTemporaryDir m_settingsDir;
    QStringList m_numbers;
    QString m_parentId;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_desks.setUp({{QStringLiteral("sam"), QStringLiteral("supervisor")},
                                {QStringLiteral("ana"), QStringLiteral("call_taker")}}),
                 qPrintable(m_desks.error()));
        m_supervisor = m_desks.signIn(QStringLiteral("SSSS2"), QStringLiteral("sam"),
                                      AgentRole::Supervisor, TempStore::MiniCity);
        m_agent = m_desks.signIn(QStringLiteral("AAAA3"), QStringLiteral("ana"),
                                 AgentRole::CallTaker, TempStore::MiniCity);
        QVERIFY(m_supervisor && m_agent);
        // Three rodent reports on the call taker's workstation in the last half hour.
        m_numbers = {QStringLiteral("AAAA3-901"), QStringLiteral("AAAA3-902"),
                     QStringLiteral("AAAA3-903")};
        QVERIFY(test::appendRodentReports(m_agent->events(), m_numbers, QStringLiteral("ana"),
                                          QStringLiteral("AAAA3")));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_supervisor->scalar(
                QStringLiteral("SELECT count(*) FROM requests WHERE number LIKE 'AAAA3-9%'")),
            qint64(3), Sync);
    }

    void cleanupTestCase() { m_desks.stop(); }

    void supervisorChangesTheRuleAndPostsAKnownIssue()
    {
        test::Desk desk = test::openDesk(m_supervisor->db(), m_settingsDir.path(),
                                         QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        const auto focusOn = [&j](const char *name) {
            return QTest::qWaitFor([&] { return j.focusName() == QLatin1String(name); });
        };
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
        QVERIFY(workspace && focusOn("kpiFiguresTree"));
        QVERIFY(j.press(Qt::Key_U, Qt::AltModifier));
        QVERIFY(focusOn("clusterTable"));
        ClustersPanel *panel = workspace->clustersPanel();
        QCOMPARE(panel->clusterList()->rowCount(), 0); // the city's rule wants 5

        // Alt+Y: the rule row on the city-wide default; the count 3; Alt+V saves it.
        QVERIFY(j.press(Qt::Key_Y, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("clusterRuleTypeBox"));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("clusterRuleCountBox"));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_3));
        auto *count = qobject_cast<QSpinBox *>(QApplication::focusWidget());
        QVERIFY(count);
        QCOMPARE(count->value(), 3);
        QVERIFY(j.press(Qt::Key_V, Qt::AltModifier));
        QTRY_COMPARE(panel->clusterList()->rowCount(), 1);
        QCOMPARE(panel->clusterList()->item(0, 2)->text(), QStringLiteral("3"));
        QCOMPARE(panel->clusterList()->item(0, 5)->text(), m_numbers.first());
        m_parentId = panel->clusters().first().parent().id;
        // The change is in the trail (who, which rule, from what to what) and on the map.
        QCOMPARE(panel->ruleHistory()->rowCount(), 1);
        QCOMPARE(panel->ruleHistory()->item(0, 1)->text(), QStringLiteral("sam"));
        QCOMPARE(panel->ruleHistory()->changes().first().before.count, 5);
        QCOMPARE(panel->ruleHistory()->changes().first().after.count, 3);
        QVERIFY(desk.window->mapPanel()->mapView()->clustersJson().contains(m_parentId));

        // Alt+K on the cluster listed (selected): the known issue, Enter posts it.
        QVERIFY(j.press(Qt::Key_K, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("knownIssueAgentTextEdit"));
        KnownIssueDialog *dialog = panel->knownIssueDialog();
        QVERIFY(dialog);
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_Delete));
        QVERIFY(j.type("knownIssueAgentTextEdit",
                       QStringLiteral("Rats at the Chestnut St dumpsters: inspectors know.")));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_Delete));
        QVERIFY(j.type("knownIssueScriptEdit",
                       QStringLiteral("We know about it: an inspector comes today.")));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("knownIssueHoursBox"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(!dialog->isVisible());
        QCOMPARE(dialog->result(), int(QDialog::Accepted));

        // The rule change reaches the call taker's replica with who made it.
        QTRY_COMPARE_WITH_TIMEOUT(ClusterWatch::rulesOf(m_agent->db()).fallback.count, 3, Sync);
    }

    void callTakerSeesItAfterSyncAndAttachesWithOneKey()
    {
        QVERIFY(!m_parentId.isEmpty());
        const IntakeRepository agentIntake(m_agent->db());
        QTRY_COMPARE_WITH_TIMEOUT(agentIntake.knownIssues(QDateTime::currentDateTimeUtc()).size(),
                                  qsizetype(1), Sync);
        test::Desk desk = test::openDesk(m_agent->db(), m_settingsDir.path(), QStringLiteral("ana"),
                                         AgentRole::CallTaker);
        QVERIFY(desk.window);
        QVERIFY(!desk.window->clusterMap()); // a call taker's map has no cluster alerts
        test::Journey j;
        KnownIssueBanner *banner = test::rodentCallAtChestnutSt(j, *desk.window);
        QVERIFY(banner);
        QTRY_VERIFY(banner->isVisible());
        QVERIFY(banner->issue());
        QCOMPARE(banner->issue()->parentNumber, m_numbers.first());
        QCOMPARE(banner->issue()->postedBy, QStringLiteral("sam"));
        QCOMPARE(banner->findChild<QLabel *>(QStringLiteral("knownIssueAgentText"))->text(),
                 QStringLiteral("Rats at the Chestnut St dumpsters: inspectors know."));
        QVERIFY(j.press(Qt::Key_K, Qt::ControlModifier));
        QTRY_COMPARE(desk.window->intakePanel()->lastNumber(), m_numbers.first());
        QCOMPARE(desk.window->intakePanel()->session().outcome(),
                 std::optional(Outcome::AttachedToExisting));

        // The caller attached to the parent request reaches the supervisor's workstation.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_supervisor->scalar(QStringLiteral("SELECT count(*) FROM events WHERE entity_id = ? "
                                                "AND kind = 'request.caller_attached'"),
                                 {m_parentId}),
            qint64(1), Sync);
        qInfo("known issue on a second desk: %d keys beyond typed text", j.keys);
    }
};

QTEST_MAIN(TestKnownIssueDesks)
#include "tst_knownissuedesks.moc"

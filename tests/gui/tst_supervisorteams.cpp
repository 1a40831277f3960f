// Teams and the phone system's figures in the supervisor workspace, by keyboard only (every key
// to QApplication::focusWidget()) in the real main window at 1366x768: a supervisor opens the
// workspace, goes to the Teams tab, puts ana into "Days" and bob into "Nights", filters the
// figures by team, then loads the phone system's interval report through the file dialog and
// sees the service level beside the request figures, and what imported history the replica
// holds. Results are read through the capability
// API (AgentTeams, SupervisionKpis, PhoneFigures).

#include "models/store/eventstore.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/phone/phonefigures.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/supervisor/phonefigurespanel.h"
#include "ui/supervisor/supervisorworkspace.h"
#include "ui/supervisor/teamspanel.h"

#include <QApplication>
#include <QComboBox>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace civicdesk;

namespace {

void contact(Database &db, const QString &id, const QString &agent, qint64 minutesAgo)
{
    EventStore events(db);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const auto &[kind, payload, at] :
         {std::tuple{QStringLiteral("contact.started"),
                     QJsonObject{{QStringLiteral("channel"), QStringLiteral("phone")}},
                     now.addSecs(-minutesAgo * 60)},
          std::tuple{QStringLiteral("contact.ended"),
                     QJsonObject{{QStringLiteral("outcome"), QStringLiteral("information_given")}},
                     now.addSecs(-minutesAgo * 60 + 120)}}) {
        auto r = events.append(Event::make(QStringLiteral("contact"), id, kind, payload, agent,
                                           QStringLiteral("W1"), at));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }
}

} // namespace

class TestSupervisorTeams : public test::DeskFixture
{
    Q_OBJECT

    QTemporaryDir m_dir; // the phone system's report

private slots:
    void init() { QVERIFY(freshCity()); }

    void teamsAndThePhoneSystemByKeyboard()
    {
        Database &db = m_store->db();
        // Two contacts by ana, one by bob, a few minutes ago (today in any zone but at the
        // first minutes after local midnight, which the test does not run at).
        contact(db, QStringLiteral("t-c1"), QStringLiteral("ana"), 3);
        contact(db, QStringLiteral("t-c2"), QStringLiteral("ana"), 2);
        contact(db, QStringLiteral("t-c3"), QStringLiteral("bob"), 1);
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        SupervisorWorkspace *workspace = test::openSupervisorWorkspace(desk, j);
        QVERIFY(workspace);
        QVERIFY(workspace->isActiveWindow());
        const QString today = workspace->filter().period.first.toString(Qt::ISODate);
        if (workspace->report().contacts != 3)
            QSKIP("the contacts fell on yesterday's local day (a run just after midnight)");

        // Ctrl+Tab to the Teams tab; the focus lands on its list.
        auto *tabs = workspace->findChild<QTabWidget *>(QStringLiteral("supervisorTabWidget"));
        QVERIFY(tabs);
        for (int i = 0; i < tabs->count() && tabs->currentWidget() != workspace->teamsPanel(); ++i)
            QVERIFY(j.press(Qt::Key_Tab, Qt::ControlModifier));
        QCOMPARE(tabs->currentWidget(), workspace->teamsPanel());
        QCOMPARE(j.focusName(), QStringLiteral("teamsTable"));
        // ana is the first agent: Enter edits her team.
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.type("teamNameLineEdit", QStringLiteral("Days")));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(AgentTeams::memberships(db.connectionName()).value(QStringLiteral("ana")),
                 QStringLiteral("Days"));
        // Back to the list, down to bob.
        QVERIFY(j.press(Qt::Key_Backtab));
        QVERIFY(j.press(Qt::Key_Backtab));
        QCOMPARE(j.focusName(), QStringLiteral("teamsTable"));
        QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.type("teamNameLineEdit", QStringLiteral("Nights")));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(AgentTeams::memberships(db.connectionName()).value(QStringLiteral("bob")),
                 QStringLiteral("Nights"));
        // Renamed at once: the name typed over the selection, spaces around it dropped.
        QVERIFY(j.press(Qt::Key_A, Qt::ControlModifier));
        QVERIFY(j.type("teamNameLineEdit", QStringLiteral(" Night shift ")));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(AgentTeams::memberships(db.connectionName()).value(QStringLiteral("bob")),
                 QStringLiteral("Night shift"));

        // A team counts its members' contacts while in it: ana and bob take new ones now.
        contact(db, QStringLiteral("t-c4"), QStringLiteral("ana"), 0);
        contact(db, QStringLiteral("t-c5"), QStringLiteral("ana"), 0);
        contact(db, QStringLiteral("t-c6"), QStringLiteral("bob"), 0);
        // The team filter on the Figures tab (Alt+I; the filters show on the tabs they apply
        // to): Alt+E, Down to "Days" (All teams, Days, Night shift).
        QVERIFY(j.press(Qt::Key_I, Qt::AltModifier));
        QVERIFY(j.press(Qt::Key_E, Qt::AltModifier));
        QCOMPARE(j.focusName(), QStringLiteral("kpiTeamComboBox"));
        QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(workspace->filter().team, QStringLiteral("Days"));
        QTRY_COMPARE(workspace->report().contacts, 2);
        QVERIFY(j.press(Qt::Key_Down));
        QTRY_COMPARE(workspace->report().contacts, 1);

        // The phone system's report through the file dialog, by keyboard.
        const QString path = m_dir.filePath(QStringLiteral("intervals.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("interval_start,interval_minutes,queue,offered,answered,abandoned,"
                       "answered_within,threshold_seconds,asa_seconds\n");
            file.write(QString(today + u" 09:00,30,general,40,36,4,30,30,12\n").toUtf8());
            file.write(QString(today + u" 09:30,30,general,20,18,2,12,30,0:25\n").toUtf8());
            file.write(QString(today + u" 09:00,30,spanish,10,9,1,8,30,8.5\n").toUtf8());
        }
        // The Phone system tab (Alt+S).
        QVERIFY(j.press(Qt::Key_S, Qt::AltModifier));
        QTRY_COMPARE(tabs->currentWidget(), workspace->phonePanel());
        // The file dialog is the panel's seam (as for the exports): it answers with the path.
        bool asked = false;
        workspace->phonePanel()->setFileChooser([&asked, path] {
            asked = true;
            return path;
        });
        QVERIFY(j.press(Qt::Key_V, Qt::AltModifier));
        QTRY_VERIFY(asked); // a mnemonic clicks after the button's press animation
        QTRY_COMPARE(workspace->phonePanel()->figures().total.offered, 70);
        QVERIFY2(workspace->phonePanel()->status().contains(u"3"),
                 qPrintable(workspace->phonePanel()->status()));
        auto *line = workspace->findChild<QLabel *>(QStringLiteral("phoneSummaryLabel"));
        QVERIFY(line);
        QTRY_VERIFY2(line->text().contains(u"71 % in 30 s"), qPrintable(line->text()));
        QVERIFY2(line->text().contains(u"10 %"), qPrintable(line->text()));
        QVERIFY2(line->text().contains(u"0:15"), qPrintable(line->text()));
        QVERIFY(test::mnemonicClashes(workspace).isEmpty());

        // The Figures tab says what imported history this replica holds, as the capability
        // counts it (the central store's figures count all the city's history).
        QVERIFY(j.press(Qt::Key_I, Qt::AltModifier));
        auto *history = workspace->findChild<QLabel *>(QStringLiteral("kpiHistoryLabel"));
        QVERIFY(history);
        QTRY_VERIFY(history->isVisible());
        // The fixture city is Boston's (America/New_York).
        auto held = SupervisionKpis(db).history(QTimeZone("America/New_York"));
        QVERIFY2(held.ok(), held.ok() ? "" : qPrintable(held.error().message));
        QCOMPARE(history->text(), SupervisionKpis::historyNote(held.value()));
    }
};

QTEST_MAIN(TestSupervisorTeams)
#include "tst_supervisorteams.moc"

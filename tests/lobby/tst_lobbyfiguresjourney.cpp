// The supervisor workspace's "Lobby" tab by keyboard in the real main window at 1366x768, every
// key to QApplication::focusWidget(): Ctrl+Shift+W opens the workspace, Alt+O the lobby
// figures, Down to "No-shows", Enter lists the visit behind it, Escape comes back. The figures
// shown are the LobbyFigures API's for the workspace's filter, and the lobby visits' CSV export
// holds one line per visit without the visitor's name.

#include "models/lobby/lobbyservice.h"
#include "models/store/eventstore.h"
#include "models/supervision/lobbyfigures.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/supervisor/exportactions.h"
#include "ui/supervisor/lobbyfigurespanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace civicdesk;

class TestLobbyFiguresJourney : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_dir;

private slots:
    void init()
    {
        m_store = test::miniCityStore();
        QVERIFY(m_store);
    }

    void lobbyTabByKeyboard()
    {
        // Two visits today at counter 4: one served, one a no-show after two recalls. The
        // times stay within today's city day (from its midnight at the earliest).
        {
            EventStore events(m_store->db());
            events.setRole(AgentRole::Lobby);
            LobbyService lobby(m_store->db(), events, QStringLiteral("lena"));
            const QTimeZone zone(QByteArrayLiteral("America/New_York"));
            const QDateTime now = QDateTime::currentDateTimeUtc();
            const QDateTime midnight =
                QDateTime(now.toTimeZone(zone).date(), QTime(0, 0), zone).toUTC();
            QDateTime at = std::max(now.addSecs(-600), midnight.addSecs(1));
            lobby.setClock([&at] { return at; });
            lobby.setCategories({QStringLiteral("Animals"), QStringLiteral("Food")});
            const CounterProfile counter{QStringLiteral("4"), {}};
            const auto issue = [&](const QString &name) {
                QVERIFY(
                    lobby.issue({QStringLiteral("Food"), {}, QStringLiteral("en"), {}, name}).ok());
            };
            const auto call = [&] {
                bool done = false;
                lobby.callNext(counter, [&done](Result<LobbyTicket> r) { done = r.ok(); });
                QVERIFY(done);
            };
            issue(QStringLiteral("Zelda Quux"));
            at = at.addSecs(1);
            issue({});
            at = at.addSecs(60);
            call();
            at = at.addSecs(120);
            QVERIFY(lobby.serve(counter.counter, Outcome::InformationGiven, {}, {}, {}).ok());
            at = at.addSecs(1);
            call();
            at = at.addSecs(1);
            QVERIFY(lobby.recall(counter.counter).ok());
            QVERIFY(lobby.recall(counter.counter).ok());
            QVERIFY(lobby.markNoShow(counter.counter).ok());
        }

        test::Desk desk = test::openDesk(m_store->db(), m_dir.path(), QStringLiteral("sam"),
                                         AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        QVERIFY(j.press(Qt::Key_O, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("lobbyFiguresTree"));
        LobbyFiguresPanel *panel = workspace->lobbyPanel();
        auto *tree = qobject_cast<QTreeWidget *>(QApplication::focusWidget());
        QCOMPARE(tree, panel->tree());

        // What the tab shows is the capability's answer for the workspace's filter.
        const LobbyFiguresReport expected =
            LobbyFigures(m_store->db()).report(workspace->filter().period).value();
        QCOMPARE(expected.visitors, qint64(2));
        QCOMPARE(expected.served, qint64(1));
        QCOMPARE(expected.noShows, qint64(1));
        QCOMPARE(panel->report().visitors, expected.visitors);
        QCOMPARE(*panel->report().wait.p90, *expected.wait.p90);
        QCOMPARE(*expected.service.average, 120.0);
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("All visits"));
        QCOMPARE(tree->currentItem()->text(1), QStringLiteral("2"));
        QCOMPARE(tree->currentItem()->text(6), QStringLiteral("2:00")); // average service
        // For the README's picture: CIVICDESK_SCREENSHOT_OUT=folder keeps one.
        if (const QString out = qEnvironmentVariable("CIVICDESK_SCREENSHOT_OUT"); !out.isEmpty())
            workspace->grab().save(QDir(out).filePath(QStringLiteral("lobby-figures.png")));

        // Down three times: "No-shows"; Enter lists the one visit behind it.
        for (int i = 0; i < 3; ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QCOMPARE(tree->currentItem()->text(0), QStringLiteral("No-shows"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("lobbyVisitsTable"));
        QTableWidget *visits = panel->visitsTable();
        QCOMPARE(visits->rowCount(), 1);
        QCOMPARE(visits->item(0, 0)->text(), QStringLiteral("B002"));
        QCOMPARE(visits->item(0, 4)->text(), QStringLiteral("4"));
        QCOMPARE(visits->item(0, 9)->text(), QStringLiteral("no-show"));
        for (int row = 0; row < visits->rowCount(); ++row)
            for (int column = 0; column < visits->columnCount(); ++column)
                QVERIFY(!visits->item(row, column)->text().contains(QStringLiteral("Zelda")));
        QVERIFY(j.press(Qt::Key_Escape));
        QTRY_COMPARE(j.focusName(), QStringLiteral("lobbyFiguresTree"));
        QTRY_VERIFY(!panel->visitsDialog());

        // The lobby visits as CSV, for the same filter: a header and one line per visit.
        auto *exports = workspace->findChild<ExportActions *>(QStringLiteral("exportActions"));
        QVERIFY(exports);
        const QString path = m_dir.filePath(QStringLiteral("lobby.csv"));
        QVERIFY(exports->exportTo(SupervisionExport::ExportKind::LobbyVisits, path).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(file.readAll());
        QCOMPARE(csv.count(QStringLiteral("\r\n")), 3);
        QVERIFY(csv.startsWith(LobbyFigures::csvColumns().join(u',')));
        QVERIFY(!csv.contains(QStringLiteral("Zelda")));
        qInfo("lobby figures journey: %d keys", j.keys);
    }
};

QTEST_MAIN(TestLobbyFiguresJourney)
#include "tst_lobbyfiguresjourney.moc"

// The lobby's three screens on one store, by keyboard, every key to QApplication::focusWidget():
// a resident takes a ticket at the check-in kiosk with a kiosk keypad's keys (arrows, Enter,
// Escape), the agent at the counter calls it with F5 in the real main window at 1366x768, and the
// display board beside them shows the ticket and the counter (never the name). Runs in English
// (tst_lobbyscreensjourney) and, with the Spanish translation loaded and a Spanish-speaking
// visitor, as tst_lobbyscreensjourney_es.

#include "tests/gui/desklanguage.h"
#include "ui/lobby/displayboard.h"
#include "ui/lobby/kioskwindow.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

using namespace civicdesk;

namespace {

bool activate(QWidget &window)
{
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

} // namespace

class TestLobbyScreensJourney : public test::LanguageDeskFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(useLanguageAndDesktopFont()); }
    void cleanupTestCase() { restoreFont(); }
    void init() { QVERIFY(freshCity()); }

    void aTicketFromTheKioskIsCalledAndShownOnTheBoard()
    {
        // The counter's desk, the board and the kiosk, each on its own screen of 1366x768.
        Desk desk = openDesk(QStringLiteral("lena"), AgentRole::Lobby);
        QVERIFY(desk.window);
        StoreContext &store = *desk.store;
        DisplayBoard board(store.lobby.repository(), m_store->db().changes());
        board.resize(1366, 768);
        board.show();
        QVERIFY(QTest::qWaitForWindowExposed(&board));
        QVERIFY(board.shownCalls().isEmpty());
        auto *invitation = board.findChild<QLabel *>(QStringLiteral("boardEmptyLabel"));
        QVERIFY(invitation && invitation->isVisible());

        StoreContext kioskStore(m_store->db(), QStringLiteral("kiosk"), AgentRole::Lobby);
        KioskWindow kiosk(kioskStore.lobby, m_store->db().meta(QStringLiteral("city_name")));
        kiosk.setTicketFolder(m_settingsDir.filePath(QStringLiteral("tickets")));
        kiosk.resize(1366, 768);
        kiosk.show();
        QVERIFY(QTest::qWaitForWindowExposed(&kiosk));
        QVERIFY(activate(kiosk));

        // ---- The resident, with the keypad: language, the third reason, a need, the name.
        const QString language = test::spanish() ? QStringLiteral("es") : QStringLiteral("en");
        test::Journey visitor;
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskEnglishButton"));
        if (test::spanish())
            QVERIFY(visitor.press(Qt::Key_Down));
        QVERIFY(visitor.press(Qt::Key_Return));
        QVERIFY(visitor.press(Qt::Key_Down));
        QVERIFY(visitor.press(Qt::Key_Down));
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskReason2Button"));
        QVERIFY(visitor.press(Qt::Key_Return));
        // A change of mind: Escape goes back to the reasons, the first one this time.
        QVERIFY(visitor.press(Qt::Key_Escape));
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskReason0Button"));
        QVERIFY(visitor.press(Qt::Key_Return));
        QVERIFY(visitor.press(Qt::Key_Down));
        QVERIFY(visitor.press(Qt::Key_Down));
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskNeedVisionButton"));
        QVERIFY(visitor.press(Qt::Key_Return));
        QVERIFY(visitor.type("kioskNameLineEdit", QStringLiteral("Zoe Resident")));
        // From the name, Down to "Get my ticket" (a keypad has no Tab).
        QVERIFY(visitor.press(Qt::Key_Down));
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskGetTicketButton"));
        QVERIFY(visitor.press(Qt::Key_Return));
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskDoneButton"));
        const QString number = kiosk.lastTicketNumber();
        QVERIFY(!number.isEmpty());
        const QList<LobbyTicket> waiting = store.lobby.repository().waiting();
        QCOMPARE(waiting.size(), 1);
        QCOMPARE(waiting.first().number, number);
        QCOMPARE(waiting.first().category, store.lobby.categories().value(0));
        QCOMPARE(waiting.first().accessibility, QStringLiteral("vision"));
        QCOMPARE(waiting.first().language, language);
        QCOMPARE(waiting.first().visitorName, QStringLiteral("Zoe Resident"));
        QVERIFY(visitor.press(Qt::Key_Return)); // Done: ready for the next resident
        QCOMPARE(visitor.focusName(), QStringLiteral("kioskEnglishButton"));

        // ---- The agent at the counter: Ctrl+Alt+L, F5.
        QVERIFY(activate(*desk.window));
        test::Journey agent;
        QVERIFY(agent.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QCOMPARE(agent.focusName(), QStringLiteral("counterQueueTreeWidget"));
        QVERIFY(agent.press(Qt::Key_F5));
        QTRY_VERIFY(store.lobby.current(QStringLiteral("1")).has_value());
        QCOMPARE(store.lobby.current(QStringLiteral("1"))->number, number);

        // ---- The board: the ticket and the counter, in front; the invitation gone; no name.
        QTRY_COMPARE(board.shownCalls(), QStringList{number + QStringLiteral(" 1")});
        QVERIFY(!invitation->isVisible());
        QCOMPARE(board.findChild<QLabel *>(QStringLiteral("nowServingTicketLabel"))->text(),
                 number);
        for (const QLabel *label : board.findChildren<QLabel *>())
            QVERIFY2(!label->text().contains(u"Zoe"), qPrintable(label->objectName()));
        qInfo("kiosk to board: %d keypad keys, %d counter keys", visitor.keys, agent.keys);
    }
};

QTEST_MAIN(TestLobbyScreensJourney)
#include "tst_lobbyscreensjourney.moc"

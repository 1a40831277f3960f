// The other workspaces at 1366x768 in the agent's language (tst_screensfit, and in Spanish
// tst_screensfit_es), at a desktop's usual 10 pt: the call taker's desk in each state of a call
// (the request form, the wrap-up, every History tab by its Alt letter, every Map view, the
// knowledge base), the lobby counter, and the first start's sign-in and city loading; and the
// screens that stand alone on a 1366x768 screen (a cheap TV is one): the lobby's check-in kiosk
// at every step in both visitor languages, the lobby's display board, and every page of the
// wallboard (also at the 1920x1080 it was designed for). In each, test::truncatedTexts is empty:
// no label, button, choice or date cut, no tab elided or behind the scroll arrows; a stand-alone
// screen also keeps to the screen's size and cuts no word of a wrapped label. Keys go to
// QApplication::focusWidget().

#include "models/citypack/citypack.h"
#include "tests/gui/desklanguage.h"
#include "tests/support/cutcolumns.h"
#include "ui/common/importdialog.h"
#include "ui/lobby/displayboard.h"
#include "ui/lobby/kioskwindow.h"
#include "ui/supervisor/wallboard.h"
#include "ui/sync/logindialog.h"

#include <QApplication>
#include <QFontMetrics>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>
#include <algorithm>

using namespace civicdesk;

namespace {

// What is cut in `root` in `state`, one line each.
QString cutIn(const QWidget *root, const QString &state)
{
    const QStringList cut = test::truncatedTexts(root);
    return cut.isEmpty() ? QString() : state + u":\n" + cut.join(u'\n');
}

const QSize Screen(1366, 768);

// A window that stands alone on a screen (kiosk, display board, wallboard), shown at the
// screen's size and active.
bool showOnScreen(QWidget &window, QSize screen = Screen)
{
    window.resize(screen);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

// What is cut in a stand-alone screen `root` of `screen`'s size: what truncatedTexts finds, a
// window grown past the screen (its layout needs more room: on the real screen the rest is
// cut off), and a word of a word-wrapped label wider than the label (a ticket number, a long
// Spanish word: it cannot wrap, so it is clipped).
QString cutOnScreen(const QWidget *root, const QString &state, QSize screen = Screen)
{
    QStringList cut = test::truncatedTexts(root) + test::cutColumns(root);
    if (root->width() > screen.width() || root->height() > screen.height())
        cut.append(QStringLiteral("the window needs %1x%2 on a %3x%4 screen")
                       .arg(root->width())
                       .arg(root->height())
                       .arg(screen.width())
                       .arg(screen.height()));
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (!label->isVisible() || !label->wordWrap() || label->textFormat() == Qt::RichText)
            continue;
        const QFontMetrics metrics(label->font());
        for (const QString &word :
             label->text().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts)) {
            const int needed = metrics.horizontalAdvance(word);
            if (needed > label->contentsRect().width())
                cut.append(QStringLiteral("%1 (QLabel): the word \"%2\" needs %3 px, has %4")
                               .arg(label->objectName(), word)
                               .arg(needed)
                               .arg(label->contentsRect().width()));
        }
    }
    return cut.isEmpty() ? QString() : state + u":\n" + cut.join(u'\n');
}

} // namespace

class TestScreensFit : public test::LanguageDeskFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(useLanguageAndDesktopFont()); }
    void cleanupTestCase() { restoreFont(); }
    void init() { QVERIFY(freshCity()); }

    void theCallTakersDeskInEveryState()
    {
        Desk desk = openDesk(QStringLiteral("agent1"), AgentRole::CallTaker);
        QVERIFY(desk.window);
        MainWindow *window = desk.window.get();
        QString cut = cutIn(window, QStringLiteral("start"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
        test::Journey j;
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("617")));
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("garbage")));
        QVERIFY(j.press(Qt::Key_Return));
        cut = cutIn(window, QStringLiteral("request form"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        cut = cutIn(window, QStringLiteral("wrap-up"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));

        // Every History tab by its Alt letter (the README's table).
        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        auto *history = window->findChild<QTabWidget *>(QStringLiteral("historyTabWidget"));
        QVERIFY(history);
        const QList<Qt::Key> letters =
            test::spanish() ? QList<Qt::Key>{Qt::Key_L, Qt::Key_A, Qt::Key_M, Qt::Key_D, Qt::Key_Q}
                            : QList<Qt::Key>{Qt::Key_A, Qt::Key_I, Qt::Key_M, Qt::Key_B, Qt::Key_S};
        QCOMPARE(history->count(), letters.size());
        for (int i = 0; i < letters.size(); ++i) {
            QVERIFY(j.press(letters.at(i), Qt::AltModifier));
            QTRY_COMPARE(history->currentIndex(), i);
            cut = cutIn(window, u"History, " + QString(history->tabText(i)).remove(u'&'));
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
        }

        // Every Map view, and the knowledge base.
        QVERIFY(j.press(Qt::Key_3, Qt::ControlModifier));
        auto *map = window->findChild<QTabWidget *>(QStringLiteral("mapTabWidget"));
        QVERIFY(map);
        for (int i = 0; i < map->count(); ++i) {
            map->setCurrentIndex(i);
            cut = cutIn(window, u"Map, " + QString(map->tabText(i)).remove(u'&'));
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
        }
        QVERIFY(j.press(Qt::Key_2, Qt::ControlModifier));
        QVERIFY(j.type("articleSearchLineEdit", QStringLiteral("trash")));
        cut = cutIn(window, QStringLiteral("knowledge search"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
    }

    void theLobbyCounter()
    {
        Desk desk = openDesk(QStringLiteral("agent1"), AgentRole::Lobby);
        QVERIFY(desk.window);
        // A queue to read: the reasons with the longest names in the agent's language, each
        // need, both languages, names (the waiting list shows every column whole but the name).
        LobbyService &lobby = desk.store->lobby;
        QStringList reasons = lobby.categories();
        const QString language = test::spanish() ? QStringLiteral("es") : QStringLiteral("en");
        std::sort(reasons.begin(), reasons.end(), [&](const QString &a, const QString &b) {
            return lobby.categoryName(a, language).size() > lobby.categoryName(b, language).size();
        });
        const QStringList needs = {QString(), QStringLiteral("wheelchair"),
                                   QStringLiteral("vision"), QStringLiteral("hearing"),
                                   QStringLiteral("other")};
        for (int i = 0; i < needs.size(); ++i) {
            const CheckIn in{
                reasons.at(i % 3),
                {},
                i % 2 ? QStringLiteral("es") : QStringLiteral("en"),
                needs.at(i),
                QStringLiteral("María de los Ángeles Villanueva-Castellanos %1").arg(i)};
            const auto issued = lobby.issue(in);
            QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message));
        }
        test::Journey j;
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QWidget *counter = desk.window->findChild<QWidget *>(QStringLiteral("counterPanel"));
        QVERIFY(counter);
        QTRY_VERIFY(counter->isVisible());
        auto *queue = counter->findChild<QTreeWidget *>(QStringLiteral("counterQueueTreeWidget"));
        QVERIFY(queue);
        QTRY_COMPARE(queue->topLevelItemCount(), int(needs.size()));
        const QString cut = cutIn(desk.window.get(), QStringLiteral("lobby counter"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
        // The clerk reads the whole queue at a glance: no column cut but the name, no scrolling.
        const QStringList columns = test::cutColumns(counter);
        QVERIFY2(columns.isEmpty(), qPrintable(columns.join(u'\n')));
    }

    // The check-in kiosk (civicdesk --kiosk) at every step, by the keys of a kiosk keypad
    // (arrows, Enter, Escape), for an English-speaking visitor and then, after Done, a
    // Spanish-speaking one. Its first step greets both in their language, whatever the
    // kiosk's own.
    void theKioskEveryStep()
    {
        StoreContext store(m_store->db(), QStringLiteral("kiosk"), AgentRole::Lobby);
        const QString city = m_store->db().meta(QStringLiteral("city_name"));
        KioskWindow kiosk(store.lobby, city);
        kiosk.setTicketFolder(m_settingsDir.filePath(QStringLiteral("tickets")));
        QVERIFY(showOnScreen(kiosk));
        auto *welcome = kiosk.findChild<QLabel *>(QStringLiteral("kioskWelcomeLabel"));
        QVERIFY(welcome);
        QCOMPARE(welcome->text(), QString(u"Welcome to " + city + u" · Bienvenido a " + city +
                                          u"\nChoose your language · Elija su idioma"));
        test::Journey j;
        QString cut;
        const auto check = [&](const QString &visitor, const char *step) {
            cut = cutOnScreen(&kiosk, u"kiosk, " + visitor + u' ' + QLatin1String(step));
            if (cut.isEmpty())
                cut = test::mnemonicClashes(&kiosk).join(u'\n');
        };
        for (const QString &visitor : {QStringLiteral("en"), QStringLiteral("es")}) {
            QCOMPARE(j.focusName(), QStringLiteral("kioskEnglishButton"));
            check(visitor, "language");
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
            if (visitor == u"es") {
                QVERIFY(j.press(Qt::Key_Down));
                QCOMPARE(j.focusName(), QStringLiteral("kioskSpanishButton"));
            }
            QVERIFY(j.press(Qt::Key_Return));
            QCOMPARE(j.focusName(), QStringLiteral("kioskReason0Button"));
            check(visitor, "reason");
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
            QVERIFY(j.press(Qt::Key_Down));
            QCOMPARE(j.focusName(), QStringLiteral("kioskReason1Button"));
            QVERIFY(j.press(Qt::Key_Up));
            QVERIFY(j.press(Qt::Key_Return));
            QCOMPARE(j.focusName(), QStringLiteral("kioskNeedNoneButton"));
            check(visitor, "need");
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
            // Escape: one step back, to the reasons.
            QVERIFY(j.press(Qt::Key_Escape));
            QCOMPARE(j.focusName(), QStringLiteral("kioskReason0Button"));
            QVERIFY(j.press(Qt::Key_Return));
            QVERIFY(j.press(Qt::Key_Down));
            QCOMPARE(j.focusName(), QStringLiteral("kioskNeedWheelchairButton"));
            QVERIFY(j.press(Qt::Key_Return));
            QVERIFY(j.type("kioskNameLineEdit", QStringLiteral("Ana")));
            check(visitor, "name");
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
            QVERIFY(j.press(Qt::Key_Return));
            QCOMPARE(j.focusName(), QStringLiteral("kioskDoneButton"));
            check(visitor, "ticket");
            QVERIFY2(cut.isEmpty(), qPrintable(cut));
            // The ticket is the visitor's, as chosen: in the queue with its language and need.
            const QList<LobbyTicket> waiting = store.lobby.repository().waiting();
            QVERIFY(!waiting.isEmpty());
            QCOMPARE(waiting.last().number, kiosk.lastTicketNumber());
            QCOMPARE(waiting.last().language, visitor);
            QCOMPARE(waiting.last().accessibility, QStringLiteral("wheelchair"));
            QCOMPARE(waiting.last().category, store.lobby.categories().value(0));
            QVERIFY(j.press(Qt::Key_Return)); // Done: the first step for the next visitor
        }
    }

    // The display board (civicdesk --display-board) before anyone is called, and with six
    // calls at two-digit counters on it, at 1366x768 and on a 1920x1080 TV.
    void theDisplayBoard()
    {
        StoreContext store(m_store->db(), QStringLiteral("lena"), AgentRole::Lobby);
        DisplayBoard board(store.lobby.repository(), m_store->db().changes());
        QVERIFY(showOnScreen(board));
        QString cut = cutOnScreen(&board, QStringLiteral("display board, nobody called"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
        // Nobody called yet: the invitation alone, in both languages whatever the PC's own,
        // and no empty "Now serving" or "Called before" over nothing.
        auto *invitation = board.findChild<QLabel *>(QStringLiteral("boardEmptyLabel"));
        QVERIFY(invitation && invitation->isVisible());
        QCOMPARE(invitation->text(),
                 QStringLiteral("Please take a ticket\nPor favor, tome un turno"));
        for (const char *empty : {"nowServingHeading", "nowTicketCaption", "recentHeading"}) {
            auto *label = board.findChild<QLabel *>(QString::fromLatin1(empty));
            QVERIFY(label);
            QVERIFY2(!label->isVisible(), empty);
        }
        const QString category = store.lobby.categories().value(0);
        for (int i = 0; i < DisplayBoard::RecentCount; ++i) {
            QVERIFY(store.lobby.issue({category, {}, QStringLiteral("es"), {}, {}}).ok());
            bool called = false;
            store.lobby.callNext({QString::number(10 + i), {}},
                                 [&called](Result<LobbyTicket> r) { called = r.ok(); });
            QVERIFY(called);
        }
        QTRY_COMPARE(board.shownCalls().size(), DisplayBoard::RecentCount);
        QVERIFY(!invitation->isVisible());
        QCOMPARE(board.findChild<QLabel *>(QStringLiteral("nowServingHeading"))->text(),
                 QStringLiteral("Now serving · Atendiendo"));
        cut = cutOnScreen(&board, QStringLiteral("display board, six calls"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));

        // On a 1920x1080 TV the same board, larger: the number grows with the screen.
        auto *number = board.findChild<QLabel *>(QStringLiteral("nowServingTicketLabel"));
        QVERIFY(number);
        const int small = QFontMetrics(number->font()).height();
        board.resize(1920, 1080);
        QTRY_COMPARE(board.size(), QSize(1920, 1080));
        cut = cutOnScreen(&board, QStringLiteral("display board at 1920x1080, six calls"),
                          QSize(1920, 1080));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
        const int large = QFontMetrics(number->font()).height();
        QVERIFY2(large >= small * 1.3, qPrintable(QStringLiteral("%1 px at 1366x768, %2 px at "
                                                                 "1920x1080")
                                                      .arg(small)
                                                      .arg(large)));
    }

    // Every page of the wallboard (civicdesk --wallboard) on a 1366x768 screen and on the
    // 1920x1080 one it was designed for.
    void theWallboardEveryPage()
    {
        StoreContext store(m_store->db(), QStringLiteral("sam"), AgentRole::Supervisor);
        for (const QSize &screen : {Screen, QSize(1920, 1080)}) {
            Wallboard wall(supervisorContextOf(store), WallboardSettings{});
            QVERIFY(showOnScreen(wall, screen));
            for (int page = 0; page < wall.pageCount(); ++page) {
                QTRY_COMPARE(wall.page(), page);
                const QString cut = cutOnScreen(&wall,
                                                QStringLiteral("wallboard at %1x%2, page %3")
                                                    .arg(screen.width())
                                                    .arg(screen.height())
                                                    .arg(page + 1),
                                                screen);
                QVERIFY2(cut.isEmpty(), qPrintable(cut));
                // A figure's name wraps only when it does not fit its third of the width.
                for (const QLabel *name : wall.findChildren<QLabel *>()) {
                    if (!name->isVisible() || !name->wordWrap())
                        continue;
                    const QFontMetrics metrics(name->font());
                    if (metrics.horizontalAdvance(name->text()) <= wall.width() * 0.28)
                        QVERIFY2(name->height() < 2 * metrics.lineSpacing(),
                                 qPrintable(u'"' + name->text() + u"\" on " +
                                            QString::number(name->height()) + u" px at " +
                                            QString::number(screen.width())));
                }
                wall.nextPage();
            }
        }
    }

    // The first start: signing in to the central store (with a refusal shown), then the city
    // loading into the new store.
    void theFirstStartDialogs()
    {
        LoginDialog login(QStringLiteral("https://civicdesk.example.org:8443"),
                          QStringLiteral("agent1"),
                          LoginDialog::tr("The central store refused the sign-in."),
                          [](const QString &, const QString &,
                             std::function<void(const QString &)> done) { done(QString()); });
        login.show();
        QVERIFY(QTest::qWaitForWindowExposed(&login));
        QString cut = cutIn(&login, QStringLiteral("sign-in"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));

        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        ImportDialog loading(m_settingsDir.filePath(QStringLiteral("first.sqlite")), pack.value());
        loading.setLabelText(ImportDialog::tr("Step %1 of %2: %3")
                                 .arg(8)
                                 .arg(8)
                                 .arg(QStringLiteral("requests-2015.csv.gz")));
        loading.show();
        QVERIFY(QTest::qWaitForWindowExposed(&loading));
        cut = cutIn(&loading, QStringLiteral("city loading"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
    }
};

QTEST_MAIN(TestScreensFit)
#include "tst_screensfit.moc"

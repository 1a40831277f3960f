// The other workspaces at 1366x768 in the agent's language (tst_screensfit, and in Spanish
// tst_screensfit_es), at a desktop's usual 10 pt: the call taker's desk in each state of a call
// (the request form, the wrap-up, every History tab by its Alt letter, every Map view, the
// knowledge base), the lobby counter, and the first start's sign-in and city loading. In each,
// test::truncatedTexts is empty: no label, button, choice or date cut, no tab elided or behind
// the scroll arrows. Keys go to QApplication::focusWidget().

#include "models/citypack/citypack.h"
#include "tests/gui/desklanguage.h"
#include "ui/common/importdialog.h"
#include "ui/sync/logindialog.h"

#include <QApplication>
#include <QTabWidget>
#include <QTest>

using namespace civicdesk;

namespace {

// What is cut in `root` in `state`, one line each.
QString cutIn(const QWidget *root, const QString &state)
{
    const QStringList cut = test::truncatedTexts(root);
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
        test::Journey j;
        QVERIFY(j.press(Qt::Key_L, Qt::ControlModifier | Qt::AltModifier));
        QWidget *counter = desk.window->findChild<QWidget *>(QStringLiteral("counterPanel"));
        QVERIFY(counter);
        QTRY_VERIFY(counter->isVisible());
        const QString cut = cutIn(desk.window.get(), QStringLiteral("lobby counter"));
        QVERIFY2(cut.isEmpty(), qPrintable(cut));
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

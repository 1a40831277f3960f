// The map prepared in the background (ui/map/mapwarmup.h), issue 20: once the window has been
// idle the map's page is loaded hidden with the basemap and the markers, so bringing its tab to
// the front only paints; keys typed into intake meanwhile all land where they were typed, and
// the hidden page takes no focus.

#include "tests/support/keyboardjourney.h"
#include "tests/webengine/mappagefixture.h"
#include "tests/webengine/syntheticrequests.h"
#include "ui/map/mapwarmup.h"

#include <QAction>
#include <QDockWidget>
#include <QTemporaryDir>

using namespace civicdesk;

class TestMapWarmUp : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;
    std::unique_ptr<test::TempStore> m_store; // the mini city, for the main window's tests

    // The real main window at 1366x768 for a call taker, as it opens (the focus where work
    // begins).
    test::Desk openDesk(const QString &agent)
    {
        if (!m_store)
            m_store = test::miniCityStore();
        test::Desk desk;
        desk.settings = std::make_unique<Settings>(m_settingsDir.filePath(agent + u".ini"));
        desk.store = std::make_unique<StoreContext>(m_store->db(), agent, AgentRole::CallTaker);
        desk.window = test::openMainWindow(*desk.store, *desk.settings);
        return desk;
    }

    // Whether the page has built what it was given (resources/map/map.js: civicdeskPrepared).
    static bool pagePrepared(test::MapPageFixture &f)
    {
        return f.evaluate(QStringLiteral("window.civicdeskPrepared()")).toBool();
    }

private slots:
    // Started hidden, the page builds the basemap and the markers without ever being shown;
    // shown, it answers "shown" with every request painted.
    void aPreparedMapOnlyPaintsWhenShown()
    {
        test::MapPageFixture f;
        f.create(this);
        MapWarmUp warmUp(f.map, 50);
        QTRY_VERIFY_WITH_TIMEOUT(warmUp.hasStarted(), 5000);
        QVERIFY(f.map->isStarted());
        QVERIFY(!f.panel->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(f.map->isReady(), test::MapPageFixture::Slow);
        QTRY_VERIFY_WITH_TIMEOUT(f.map->lastMarkerSequence() > 0, test::MapPageFixture::Slow);
        // A sync's requests arriving while the map is still hidden.
        const int sequence = f.map->lastMarkerSequence();
        f.map->setRequests(test::syntheticRequests(5000));
        QCOMPARE(f.map->lastMarkerSequence(), sequence + 1);
        QTRY_VERIFY_WITH_TIMEOUT(pagePrepared(f), test::MapPageFixture::Slow);
        QVERIFY(!f.panel->isVisible());
        for (const auto &r : std::as_const(f.rendered))
            QVERIFY2(r.what != u"shown", "the hidden page said it was shown");
        const qsizetype mark = f.rendered.size();
        f.panel->resize(1000, 760);
        f.panel->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.panel.get()));
        QVERIFY(f.waitRendered(mark, QStringLiteral("shown"), 5000));
        QCOMPARE(f.map->lastMarkerSequence(), sequence + 1); // nothing sent again at the show
        const QVariantList icons =
            f.evaluate(QStringLiteral("window.civicdeskRequestIcons()")).toList();
        QVERIFY(!icons.isEmpty());
    }

    // The agent's keys while the map starts in the background: it waits while keys come (each
    // restarts the idle time), starts at a pause, and every key typed while its web engine
    // starts lands in the field it was typed into; the hidden page never takes the focus.
    void keysTypedWhileTheMapIsPreparedAllLand()
    {
        const test::Desk desk = openDesk(QStringLiteral("agent1"));
        MainWindow *window = desk.window.get();
        QVERIFY(window);
        MapView *map = window->mapPanel()->mapView();
        MapWarmUp warmUp(map, 600);
        test::Journey j;
        QTRY_COMPARE(j.focusName(), QStringLiteral("startContactButton"));
        // The caller's number, a key every 100 ms: no pause long enough to start the map.
        for (const QChar digit : QStringLiteral("6175550100")) {
            QTest::keyClick(QApplication::focusWidget(), digit.toLatin1());
            QVERIFY(j.focusOnScreen());
            QTest::qWait(100);
            QVERIFY(!warmUp.hasStarted());
        }
        QVERIFY(window->intakePanel()->session().contactRunning());
        QCOMPARE(j.focusName(), QStringLiteral("callerPhoneLineEdit"));
        // A pause: the map starts, hidden.
        QTRY_VERIFY_WITH_TIMEOUT(warmUp.hasStarted(), 5000);
        QVERIFY(map->isStarted());
        QVERIFY(!map->isVisible());
        // The caller's name, typed while the web engine starts and loads the page.
        QVERIFY(j.tabTo("callerNameLineEdit"));
        const QString name = QStringLiteral("Maria Lopez");
        for (const QChar c : name) {
            QTest::keyClick(QApplication::focusWidget(), c.toLatin1());
            QCOMPARE(j.focusName(), QStringLiteral("callerNameLineEdit"));
            QVERIFY(j.focusOnScreen());
        }
        auto *nameEdit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(nameEdit);
        QCOMPARE(nameEdit->text(), name);
        QVERIFY(!map->isReady()); // the keys did not wait for the page
        QTRY_VERIFY_WITH_TIMEOUT(map->isReady(), test::MapPageFixture::Slow);
        // The page loaded hidden and took nothing: the focus and the text are where they were.
        QCOMPARE(j.focusName(), QStringLiteral("callerNameLineEdit"));
        QVERIFY(j.type("callerNameLineEdit", QStringLiteral(" Ruiz")));
        QCOMPARE(nameEdit->text(), QStringLiteral("Maria Lopez Ruiz"));
        QVERIFY(!map->isVisible());
        window->intakePanel()->discardUnfinishedWork();
    }

    // A map the agent closed is not prepared: its memory is spent only once it is opened.
    void aClosedMapIsNotPrepared()
    {
        const test::Desk desk = openDesk(QStringLiteral("agent2"));
        MainWindow *window = desk.window.get();
        QVERIFY(window);
        auto *dock = window->findChild<QDockWidget *>(QStringLiteral("mapDock"));
        QVERIFY(dock);
        dock->toggleViewAction()->trigger(); // View > Map, as the agent closes it
        QVERIFY(dock->isHidden());
        MapWarmUp warmUp(window->mapPanel()->mapView(), 50);
        QTest::qWait(500);
        QVERIFY(!warmUp.hasStarted());
        QVERIFY(!window->mapPanel()->mapView()->isStarted());
    }
};

QTEST_MAIN(TestMapWarmUp)
#include "tst_mapwarmup.moc"

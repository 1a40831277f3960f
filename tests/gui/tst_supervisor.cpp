// The supervisor workspace and the wallboard through the real widgets. By keyboard only, every
// key to QApplication::focusWidget(): a supervisor opens the workspace from the main window
// (Ctrl+Shift+W), goes to "Overdue now", lists the requests behind it, opens one's detail and
// timeline, then answers an agent's help flag. An agent has no way in, and raises the silent
// help flag with Ctrl+Shift+F1. The wallboard shows no personal data, colours its figures by
// the thresholds and follows the store. Results are read through the capability API.

#include "models/itemmodels/timelinemodel.h"
#include "models/store/eventstore.h"
#include "models/supervision/helpflags.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/workstation/storecontext.h"
#include "tests/support/citytoday.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/history/requestdetaildialog.h"
#include "ui/intake/intakepanel.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/kpitexts.h"
#include "ui/supervisor/supervisorworkspace.h"
#include "ui/supervisor/wallboard.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QFontMetrics>
#include <QJsonObject>
#include <QLocale>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace civicdesk;

namespace {

const QString Overdue = QStringLiteral("SUP-OVERDUE-1");

// Events as an agent's workstation writes them, at `at`.
void append(Database &db, const QString &type, const QString &id, const QString &kind,
            const QJsonObject &payload, const QString &actor, const QDateTime &at)
{
    EventStore events(db);
    auto r = events.append(Event::make(type, id, kind, payload, actor, QStringLiteral("W1"), at));
    QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
}

// An agent's contact today and a request that went past its due time a minute ago, with a
// caller's name, phone and address the wallboard must never show.
// The contact takes the ten minutes before now, or, just after the city's midnight, the first
// minutes of the day: it is always one of today's contacts.
void writeAgentWork(Database &db, const QString &number, const QString &contact)
{
    const QDateTime start = test::startWithinCityToday(QTimeZone("America/New_York"), 600);
    append(db, QStringLiteral("contact"), contact, QStringLiteral("contact.started"),
           {{QStringLiteral("channel"), QStringLiteral("phone")}}, QStringLiteral("Ximena"), start);
    append(db, QStringLiteral("caller"), contact + u"-caller", QStringLiteral("caller.upserted"),
           {{QStringLiteral("name"), QStringLiteral("Zelda Quux")},
            {QStringLiteral("phone"), QStringLiteral("+16175559876")}},
           QStringLiteral("Ximena"), start.addSecs(10));
    append(db, QStringLiteral("request"), contact + u"-request", QStringLiteral("request.created"),
           {{QStringLiteral("number"), number},
            {QStringLiteral("service_code"), QStringLiteral("SUPTEST")},
            {QStringLiteral("type_name"), QStringLiteral("Supervisor test type")},
            {QStringLiteral("department_code"), QStringLiteral("PWD")},
            {QStringLiteral("address"), QStringLiteral("12 Secretive St")},
            {QStringLiteral("caller_id"), QString(contact + u"-caller")},
            {QStringLiteral("due_at"),
             QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate)}},
           QStringLiteral("Ximena"), start.addSecs(20));
    append(db, QStringLiteral("contact"), contact, QStringLiteral("contact.ended"),
           {{QStringLiteral("outcome"), QStringLiteral("request_created")}},
           QStringLiteral("Ximena"), start.addSecs(100));
}

} // namespace

class TestSupervisor : public test::DeskFixture
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(freshCity()); }

    void agentsHaveNoWayInAndRaiseTheSilentFlag()
    {
        Desk desk = openDesk(QStringLiteral("agent1"), AgentRole::CallTaker);
        QVERIFY(desk.window);
        MainWindow *window = desk.window.get();
        StoreContext &store = *desk.store;
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        QVERIFY(!window->supervisorWorkspace());
        window->openSupervisorWorkspace();
        QVERIFY(!window->supervisorWorkspace());
        QVERIFY(!window->findChild<QAction *>(QStringLiteral("supervisorWorkspaceAction")));
        QVERIFY(!SupervisorWorkspace::mayOpen(AgentRole::CallTaker));
        QVERIFY(!SupervisorWorkspace::mayOpen(AgentRole::Editor));

        // Ctrl+Shift+F1 raises the flag: no dialog, the focus stays where it was.
        QWidget *before = QApplication::focusWidget();
        QVERIFY(j.press(Qt::Key_F1, Qt::ControlModifier | Qt::ShiftModifier));
        QCOMPARE(QApplication::focusWidget(), before);
        QVERIFY(!QApplication::activeModalWidget());
        const QList<HelpFlag> open = store.helpFlags.open();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().agent, QStringLiteral("agent1"));
        // Pressed again while open: still one flag.
        QVERIFY(j.press(Qt::Key_F1, Qt::ControlModifier | Qt::ShiftModifier));
        QCOMPARE(store.helpFlags.open().size(), 1);
    }

    // On every tab of the workspace, in English and in Spanish, each Alt+letter on screen
    // belongs to one control (the Clusters tab once took the review's "Publish" key).
    void everyTabOfTheWorkspaceHasItsOwnAltKeys()
    {
        for (const QString &language : {QStringLiteral("es"), QStringLiteral("en")}) {
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
            Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
            QVERIFY(desk.window);
            test::Journey j;
            QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
            SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
            QVERIFY(workspace);
            auto *tabs = workspace->findChild<QTabWidget *>();
            QVERIFY(tabs);
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QTRY_VERIFY(tabs->currentWidget()->isVisible());
                const QStringList clashes = test::mnemonicClashes(workspace->window());
                QVERIFY2(clashes.isEmpty(), qPrintable(language + u" tab " + tabs->tabText(i) +
                                                       u'\n' + clashes.join(QStringLiteral("\n"))));
            }
        }
    }

    // A supervisor's desk PC has a 1366x768 screen: on every tab, in English and in Spanish, the
    // workspace fits it (the Spanish filter row and tiles once made it wider than the screen,
    // cutting off Export, the help-flag tile and the right edge of every tab).
    void theWorkspaceFitsA1366x768Screen()
    {
        for (const QString &language : {QStringLiteral("es"), QStringLiteral("en")}) {
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
            Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
            QVERIFY(desk.window);
            test::Journey j;
            QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
            SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
            QVERIFY(workspace);
            auto *tabs = workspace->findChild<QTabWidget *>();
            QVERIFY(tabs);
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QTRY_VERIFY(tabs->currentWidget()->isVisible());
                const QSize least = workspace->minimumSizeHint();
                QVERIFY2(least.width() <= 1366 && least.height() <= 740,
                         qPrintable(QStringLiteral("%1, tab %2: the workspace needs %3x%4")
                                        .arg(language, tabs->tabText(i))
                                        .arg(least.width())
                                        .arg(least.height())));
            }
        }
    }

    void supervisorByKeyboardFromAFigureToARequestAndAHelpFlag()
    {
        writeAgentWork(m_store->db(), Overdue, QStringLiteral("sup-contact-1"));
        EventStore agentEvents(m_store->db());
        agentEvents.setRole(AgentRole::CallTaker);
        HelpFlags agent(m_store->db(), agentEvents, QStringLiteral("Ximena"));
        // Raised at a lobby counter: the supervisor sees which counter to go to.
        QVERIFY(agent.raise({}, QStringLiteral("3")).ok());

        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        MainWindow *window = desk.window.get();
        StoreContext &store = *desk.store;
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        QCOMPARE(workspace->report().overdue,
                 store.kpis.report(workspace->filter(), QDateTime::currentDateTimeUtc())
                     .value()
                     .overdue);
        QVERIFY(workspace->report().overdue >= 1);
        QVERIFY(workspace->report().contacts >= 1);

        // Every focusable control of the workspace has a name a screen reader says.
        for (QWidget *w : workspace->findChildren<QWidget *>()) {
            if (!w->isVisible() || !(w->focusPolicy() & Qt::TabFocus) || w->focusProxy())
                continue;
            QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
            QVERIFY2(iface && !iface->text(QAccessible::Name).trimmed().isEmpty(),
                     qPrintable(QString::fromLatin1(w->metaObject()->className()) + u'#' +
                                w->objectName()));
        }

        // End, then Up: "Overdue now", the last figure but one.
        auto *figures = qobject_cast<QTreeWidget *>(QApplication::focusWidget());
        QVERIFY(j.press(Qt::Key_End));
        QVERIFY(j.press(Qt::Key_Up));
        QCOMPARE(figures->currentItem()->text(0), QStringLiteral("Overdue now"));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        DrillDownDialog *drill = workspace->drillDown();
        QVERIFY(drill);
        QCOMPARE(qsizetype(drill->rowCount()), workspace->report().overdue);
        // Oldest first: the request that went overdue a minute ago is the last.
        QVERIFY(j.press(Qt::Key_End));
        auto *table = drill->table();
        QCOMPARE(table->item(table->currentRow(), 0)->text(), Overdue);
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(workspace->requestDetail() && workspace->requestDetail()->isVisible());
        QCOMPARE(workspace->requestDetail()->requestId(), QStringLiteral("sup-contact-1-request"));
        QVERIFY(workspace->requestDetail()->timeline()->rowCount() >= 1);

        // Back to the workspace, to the help flags (Alt+H), Tab to "Answer", Space.
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == workspace->requestDetail());
        QVERIFY(j.press(Qt::Key_Escape));
        QTRY_VERIFY(QApplication::focusWidget());
        if (QApplication::focusWidget()->window() == drill)
            QVERIFY(j.press(Qt::Key_Escape));
        QTRY_VERIFY(QApplication::focusWidget() &&
                    QApplication::focusWidget()->window() == workspace);
        QVERIFY(j.press(Qt::Key_H, Qt::AltModifier));
        QTRY_COMPARE(j.focusName(), QStringLiteral("helpFlagsTable"));
        auto *flags = qobject_cast<QTableWidget *>(QApplication::focusWidget());
        QCOMPARE(flags->rowCount(), 1);
        QCOMPARE(flags->item(0, 0)->text(), QStringLiteral("Ximena"));
        QCOMPARE(flags->item(0, 3)->text(), QStringLiteral("3"));
        QCOMPARE(flags->horizontalHeaderItem(3)->text(), SupervisorWorkspace::tr("Lobby counter"));
        QVERIFY(j.tabTo("answerHelpFlagButton"));
        QVERIFY(j.press(Qt::Key_Space));
        QVERIFY(store.helpFlags.open().isEmpty());
        QTRY_COMPARE(flags->rowCount(), 0);
        qInfo("supervisor journey: %d keys", j.keys);
    }

    // A request's detail deletes itself when closed: opening a request again afterwards (the same
    // or another) once used the deleted window and crashed the workstation.
    void aRequestOpensAgainAfterItsDetailClosed()
    {
        writeAgentWork(m_store->db(), Overdue, QStringLiteral("again-1"));
        Desk desk = openDesk(QStringLiteral("sam"), AgentRole::Supervisor);
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        SupervisorWorkspace *workspace = desk.window->supervisorWorkspace();
        QVERIFY(workspace);
        QTRY_COMPARE(j.focusName(), QStringLiteral("kpiFiguresTree"));
        QVERIFY(j.press(Qt::Key_End));
        QVERIFY(j.press(Qt::Key_Up)); // "Overdue now"
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_COMPARE(j.focusName(), QStringLiteral("drillTable"));
        DrillDownDialog *drill = workspace->drillDown();
        QVERIFY(j.press(Qt::Key_End));
        for (int round = 0; round < 2; ++round) {
            QVERIFY(j.press(Qt::Key_Return));
            QTRY_VERIFY(workspace->requestDetail() && workspace->requestDetail()->isVisible());
            QCOMPARE(workspace->requestDetail()->requestId(), QStringLiteral("again-1-request"));
            QTRY_VERIFY(QApplication::focusWidget() &&
                        QApplication::focusWidget()->window() == workspace->requestDetail());
            QVERIFY(j.press(Qt::Key_Escape));
            QTRY_VERIFY(QApplication::focusWidget() &&
                        QApplication::focusWidget()->window() == drill);
            QTRY_VERIFY(!workspace->requestDetail()); // deleted, and known to be
        }
    }

    void wallboardSettingsKeepDefaultsForBadValues()
    {
        const QString file = m_settingsDir.filePath(QStringLiteral("wall.ini"));
        {
            Settings settings(file);
            QCOMPARE(settings.wallboard().rotateSeconds, 15);
            QCOMPARE(settings.wallboard().slaGreenPercent, 90);
            WallboardSettings w;
            w.rotateSeconds = 30;
            w.overdueRed = 5;
            settings.setWallboard(w);
            QCOMPARE(settings.wallboard().rotateSeconds, 30);
            QCOMPARE(settings.wallboard().overdueRed, 5);
        }
        {
            QSettings raw(file, QSettings::IniFormat);
            raw.setValue(QStringLiteral("wallboard/rotateSeconds"), QStringLiteral("soon"));
            raw.setValue(QStringLiteral("wallboard/overdueRed"), -3);
        }
        Settings again(file);
        QCOMPARE(again.wallboard().rotateSeconds, 15);
        QCOMPARE(again.wallboard().overdueRed, 25);
    }

    void wallboardShowsNoPersonalDataAndFollowsTheStore()
    {
        writeAgentWork(m_store->db(), QStringLiteral("SUP-WALL-1"), QStringLiteral("wall-1"));
        StoreContext store(m_store->db(), QStringLiteral("sam"), AgentRole::Supervisor);
        WallboardSettings thresholds;
        thresholds.overdueAmber = 1;
        thresholds.overdueRed = 1000;
        Wallboard wall(supervisorContextOf(store), thresholds);
        wall.resize(1920, 1080);
        wall.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wall));
        const qint64 overdue =
            SupervisionKpis(m_store->db())
                .report(KpiFilter{KpiPeriod::today(QDateTime::currentDateTimeUtc(),
                                                   QTimeZone("America/New_York")),
                                  {},
                                  {},
                                  4},
                        QDateTime::currentDateTimeUtc())
                .value()
                .overdue;
        QVERIFY(overdue >= 1);
        QCOMPARE(wall.figure(QStringLiteral("overdue")), QLocale().toString(overdue));
        QCOMPARE(wall.level(QStringLiteral("overdue")), Wallboard::Level::Warning);
        const QString contactsBefore = wall.figure(QStringLiteral("contacts"));
        QVERIFY(contactsBefore.toInt() >= 1);
        const QString noun = wall.texts().join(u'\n');
        for (const char *personal : {"Ximena", "Zelda", "Quux", "9876", "Secretive", "SUP-WALL"})
            QVERIFY2(!noun.contains(QLatin1String(personal)), personal);
        // The footer names the city as people say it, with the city's clock, never a zone id.
        const QString city = m_store->db().meta(QStringLiteral("city_name"));
        QVERIFY(!city.isEmpty());
        const QString footer =
            wall.findChild<QLabel *>(QStringLiteral("wallboardUpdatedLabel"))->text();
        const auto cityTime = [](qint64 secondsAgo) {
            return QLocale().toString(QDateTime::currentDateTimeUtc()
                                          .addSecs(-secondsAgo)
                                          .toTimeZone(QTimeZone("America/New_York"))
                                          .time(),
                                      QLocale::ShortFormat);
        };
        QVERIFY2(footer.contains(city), qPrintable(footer));
        QVERIFY2(!footer.contains(u"America/"), qPrintable(footer));
        // Written when the wall last counted (a minute may have turned since).
        QVERIFY2(footer.contains(cityTime(0)) || footer.contains(cityTime(60)), qPrintable(footer));

        // An event reaching the store updates the figures; a second overdue request past the red
        // threshold turns the figure red.
        thresholds.overdueRed = int(overdue) + 1;
        Wallboard strict(supervisorContextOf(store), thresholds);
        QCOMPARE(strict.level(QStringLiteral("overdue")), Wallboard::Level::Warning);
        // Within 2 s of the event reaching the store (the issue's promise for a wall screen).
        writeAgentWork(m_store->db(), QStringLiteral("SUP-WALL-2"), QStringLiteral("wall-2"));
        QTRY_COMPARE_WITH_TIMEOUT(wall.figure(QStringLiteral("contacts")).toInt(),
                                  contactsBefore.toInt() + 1, 2000);
        QTRY_COMPARE_WITH_TIMEOUT(strict.level(QStringLiteral("overdue")), Wallboard::Level::Alarm,
                                  2000);
        // Open help flags turn red from one.
        QCOMPARE(wall.figure(QStringLiteral("help")), QStringLiteral("0"));
        QVERIFY(HelpFlags(m_store->db(), store.events, QStringLiteral("Ximena")).raise().ok());
        QTRY_COMPARE_WITH_TIMEOUT(wall.figure(QStringLiteral("help")), QStringLiteral("1"), 2000);
        QCOMPARE(wall.level(QStringLiteral("help")), Wallboard::Level::Alarm);

        // The pages rotate and come back to the first.
        QCOMPARE(wall.page(), 0);
        for (int i = 1; i <= wall.pageCount(); ++i) {
            wall.nextPage();
            QCOMPARE(wall.page(), i % wall.pageCount());
        }
    }

    // A wall screen smaller than the 1920x1080 the type was designed for: the window stays
    // within the screen and every figure fits its own third of the width (at a fixed 96 pt,
    // "50 %" or "0:45" was wider than a third of 800 px and the window grew past the screen).
    void wallboardFitsSmallerScreens()
    {
        writeAgentWork(m_store->db(), QStringLiteral("SUP-WALL-3"), QStringLiteral("wall-3"));
        StoreContext store(m_store->db(), QStringLiteral("sam"), AgentRole::Supervisor);
        for (const QSize &screen : {QSize(800, 600), QSize(1366, 768), QSize(1920, 1080)}) {
            Wallboard wall(supervisorContextOf(store), WallboardSettings{});
            wall.resize(screen);
            wall.show();
            QVERIFY(QTest::qWaitForWindowExposed(&wall));
            QApplication::processEvents();
            QVERIFY2(wall.width() <= screen.width() && wall.height() <= screen.height(),
                     qPrintable(QStringLiteral("%1x%2 on %3x%4")
                                    .arg(wall.width())
                                    .arg(wall.height())
                                    .arg(screen.width())
                                    .arg(screen.height())));
            for (int page = 0; page < wall.pageCount(); ++page) {
                QList<QRect> taken;
                for (QLabel *value : wall.findChildren<QLabel *>()) {
                    if (!value->objectName().startsWith(u"wallboardValue_") ||
                        !value->isVisible() || value->text().isEmpty())
                        continue;
                    const int wide = QFontMetrics(value->font()).horizontalAdvance(value->text());
                    QVERIFY2(wide <= value->contentsRect().width(),
                             qPrintable(value->text() + u" at " + QString::number(screen.width())));
                    const QRect inWall(value->mapTo(&wall, QPoint(0, 0)),
                                       QSize(wide, value->height()));
                    QVERIFY2(inWall.right() <= wall.width(), qPrintable(value->text()));
                    for (const QRect &other : std::as_const(taken))
                        QVERIFY2(!other.intersects(inWall), qPrintable(value->text()));
                    taken.append(inWall);
                }
                QVERIFY(!taken.isEmpty());
                wall.nextPage();
                QApplication::processEvents();
            }
        }
    }

    // The wallboard's lobby page: today's walk-ins, the waits and the time at the counter,
    // from the same queue the counters work (never a ticket number or a name).
    void wallboardShowsTheLobbyToday()
    {
        StoreContext store(m_store->db(), QStringLiteral("sam"), AgentRole::Supervisor);
        const QTimeZone zone("America/New_York");
        QDateTime now = test::startWithinCityToday(zone, 600);
        store.lobby.setClock([&now] { return now; });
        const QString category = store.lobby.categories().value(0);
        const CheckIn visitor{category, {}, QStringLiteral("es"), {}, QStringLiteral("Zelda")};
        QVERIFY(store.lobby.issue(visitor).ok());
        now = now.addSecs(60);
        const auto second = store.lobby.issue(visitor);
        QVERIFY(second.ok());
        now = now.addSecs(240); // the first visitor waited 300 s
        std::optional<Result<LobbyTicket>> called;
        store.lobby.callNext({QStringLiteral("4"), {}},
                             [&called](Result<LobbyTicket> r) { called = std::move(r); });
        QVERIFY(called && called->ok());
        now = now.addSecs(120); // and was served in 120 s
        QVERIFY(store.lobby.serve(QStringLiteral("4"), Outcome::InformationGiven, {}, {}, {}).ok());

        Wallboard wall(supervisorContextOf(store, [&now] { return now; }), WallboardSettings{});
        QCOMPARE(wall.figure(QStringLiteral("lobby_visitors")), QStringLiteral("2"));
        QCOMPARE(wall.figure(QStringLiteral("lobby_unserved")), QStringLiteral("1"));
        QCOMPARE(wall.figure(QStringLiteral("lobby_wait")), kpitexts::duration(300.0));
        QCOMPARE(wall.figure(QStringLiteral("lobby_wait_p90")), kpitexts::duration(300.0));
        QCOMPARE(wall.figure(QStringLiteral("lobby_service")), kpitexts::duration(120.0));
        QCOMPARE(wall.figure(QStringLiteral("lobby_no_shows")), QStringLiteral("0"));
        const QString shown = wall.texts().join(u'\n');
        QVERIFY(!shown.contains(u"Zelda"));
        QVERIFY(!shown.contains(second.value().ticket.number));

        // A second call at another counter reaches the wall with the store's change.
        now = now.addSecs(60);
        called.reset();
        store.lobby.callNext({QStringLiteral("5"), {}},
                             [&called](Result<LobbyTicket> r) { called = std::move(r); });
        QVERIFY(called && called->ok());
        QTRY_COMPARE(wall.figure(QStringLiteral("lobby_unserved")), QStringLiteral("1"));
        QTRY_COMPARE(wall.figure(QStringLiteral("lobby_wait")), kpitexts::duration(360.0));
    }
};

QTEST_MAIN(TestSupervisor)
#include "tst_supervisor.moc"

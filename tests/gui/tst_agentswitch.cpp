// A shared counter PC switches agents without closing the window (issue 18, item 6), by
// keyboard in the real main window at 1366x768, every key to QApplication::focusWidget():
// a supervisor with a call open switches (Ctrl+Shift+U), keeps the call as her draft, a call
// taker signs in and serves (no supervisor menu for him, his name on what he records), and
// when she signs in again her call comes back. A wrong password or a cancelled switch gives
// the present agent their screen back; an unreachable central store refuses the switch with
// the reason; the drafts of both agents survive the workstation being killed mid-switch.
// The central store's answer (name, role) comes from a stand-in here, except for the
// unreachable store, which goes through the real sign-in client.

#include "app/workstation/agentswitch.h"
#include "models/intake/intakerepository.h"
#include "models/requests/historyrepository.h"
#include "models/sync/syncclient.h"
#include "models/workstation/storecontext.h"
#include "tests/gui/intakefixture.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/common/switchagentdialog.h"
#include "ui/intake/intakepanel.h"
#include "ui/lobby/counterpanel.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

using namespace civicdesk;

namespace {

// The central store's answer for the two agents of these tests (their own passwords).
AgentSwitch::Authenticate standInCentralStore()
{
    return [](const QString &user, const QString &password,
              std::function<void(Result<AgentSwitch::SignedIn>)> done) {
        const QHash<QString, std::pair<QString, AgentRole>> accounts = {
            {QStringLiteral("ana"), {QStringLiteral("ana-secret"), AgentRole::Supervisor}},
            {QStringLiteral("bob"), {QStringLiteral("bob-secret"), AgentRole::CallTaker}},
            {QStringLiteral("lena"), {QStringLiteral("lena-secret"), AgentRole::Lobby}}};
        const auto it = accounts.constFind(user);
        if (it == accounts.cend() || it->first != password)
            return done(makeError(QStringLiteral("auth"), QStringLiteral("wrong password")));
        done(AgentSwitch::SignedIn{user, it->second});
    };
}

// Once a modal window of `T` is up with the focus in it, runs `steps` (inside its exec()).
// Polls without blocking, so it can be armed from inside another modal window's steps.
template <typename T> void whenModal(QObject *context, std::function<void(T *)> steps)
{
    auto *poll = new QTimer(context);
    poll->setInterval(20);
    auto tries = std::make_shared<int>(250);
    QObject::connect(poll, &QTimer::timeout, context, [poll, tries, steps] {
        auto *modal = qobject_cast<T *>(QApplication::activeModalWidget());
        const bool up =
            modal && QApplication::focusWidget() && QApplication::focusWidget()->window() == modal;
        if (!up && --*tries > 0)
            return;
        poll->stop();
        poll->deleteLater();
        if (up) {
            steps(modal);
        } else if (auto *other = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
            other->reject(); // fail instead of hanging
        }
    });
    poll->start();
}

} // namespace

class TestAgentSwitch : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;

    struct Counter
    {
        test::Desk desk;
        std::unique_ptr<AgentSwitch> agentSwitch;
    };

    Counter openCounter(AgentSwitch::Authenticate authenticate)
    {
        Counter c;
        c.desk = test::openDesk(m_store->db(), m_settingsDir.path(), QStringLiteral("ana"),
                                AgentRole::Supervisor);
        c.desk.settings->setAgentName(QStringLiteral("ana"));
        if (c.desk.window)
            c.agentSwitch = std::make_unique<AgentSwitch>(
                *c.desk.window, *c.desk.store, *c.desk.settings, std::move(authenticate), true);
        return c;
    }

    // In the sign-in dialog: the next agent's name, Tab, the password, Enter.
    static void signIn(test::Journey &j, const QString &user, const QString &password)
    {
        if (!j.type("switchAgentUserLineEdit", user) || !j.press(Qt::Key_Tab) ||
            !j.type("switchAgentPasswordLineEdit", password))
            return;
        j.press(Qt::Key_Return);
    }

    // Ctrl+Shift+U with a contact open, "Keep as my draft" (Enter), then `user` signs in.
    static void switchKeepingTheDraft(test::Journey &j, QObject *context, const QString &user,
                                      const QString &password)
    {
        whenModal<QMessageBox>(context, [&j, context, user, password](QMessageBox *box) {
            QCOMPARE(box->objectName(), QStringLiteral("switchAgentOpenWorkMessageBox"));
            QVERIFY(test::mnemonicClashes(box).isEmpty());
            whenModal<SwitchAgentDialog>(
                context, [&j, user, password](SwitchAgentDialog *) { signIn(j, user, password); });
            j.press(Qt::Key_Return);
        });
        QVERIFY(pressSwitch(j));
    }

    // Ctrl+N and a phone number, then Ctrl+Shift+U answered "End it first" (the wrap-up opens).
    static bool callAndEndItFirst(test::Journey &j, QObject *context)
    {
        if (!j.press(Qt::Key_N, Qt::ControlModifier) ||
            !j.type("callerPhoneLineEdit", QStringLiteral("6175550100")))
            return false;
        whenModal<QMessageBox>(context, [&j](QMessageBox *box) {
            auto *end = box->findChild<QPushButton *>(QStringLiteral("switchAgentEndFirstButton"));
            QVERIFY(end);
            end->setFocus();
            j.press(Qt::Key_Space);
        });
        return pressSwitch(j);
    }

    // Ctrl+Shift+U; afterwards the keyboard is back in the window, on screen.
    static bool pressSwitch(test::Journey &j)
    {
        j.press(Qt::Key_U, Qt::ControlModifier | Qt::ShiftModifier);
        return QTest::qWaitFor([] { return QApplication::focusWidget() != nullptr; }, 2000) &&
               j.focusOnScreen();
    }

    static QString phoneOnScreen(MainWindow &window)
    {
        return test::child<QLineEdit>(&window, "callerPhoneLineEdit")->text();
    }

    std::optional<Draft> draftOf(const QString &agent) const
    {
        for (const Draft &d : IntakeRepository(m_store->db()).drafts()) {
            if (d.id == IntakeSession::draftIdFor(agent))
                return d;
        }
        return std::nullopt;
    }

private slots:
    // CIVICDESK_TEST_LANGUAGE=es runs the same journeys with the Spanish translation loaded.
    void initTestCase()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        if (!language.isEmpty())
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
    }

    void init()
    {
        m_store = test::miniCityStore();
        QVERIFY(m_store);
    }

    void journeySwitchWithADraftOpenAndBack()
    {
        Counter c = openCounter(standInCentralStore());
        QVERIFY(c.desk.window);
        MainWindow &window = *c.desk.window;
        StoreContext &store = *c.desk.store;
        QCOMPARE(window.findChild<QAction *>(QStringLiteral("switchAgentAction"))->shortcut(),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
        auto *counterDock = window.findChild<QDockWidget *>(QStringLiteral("lobbyDock"));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("supervisorWorkspaceAction")));

        // Ana takes a call and types the caller's number.
        test::Journey j;
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        const QString anasContact = window.intakePanel()->contactId();
        QVERIFY(!anasContact.isEmpty());
        counterDock->show();

        // She switches: her call is kept as her draft, Bob signs in.
        switchKeepingTheDraft(j, this, QStringLiteral("bob"), QStringLiteral("bob-secret"));
        QCOMPARE(store.agent, QStringLiteral("bob"));
        QCOMPARE(store.role, AgentRole::CallTaker);
        QVERIFY(window.isVisible());
        QVERIFY(counterDock->isVisible()); // the lobby queue view stays open
        QCOMPARE(j.focusName(), QStringLiteral("typeSearchLineEdit"));
        // Nothing of Ana's caller on Bob's screen; her call is in her draft.
        QVERIFY(window.intakePanel()->contactId().isEmpty());
        QCOMPARE(phoneOnScreen(window), QString());
        const auto anasDraft = draftOf(QStringLiteral("ana"));
        QVERIFY(anasDraft);
        QCOMPARE(anasDraft->contactId, anasContact);
        QVERIFY(!draftOf(QStringLiteral("bob")));
        // The window says who works here now, and a call taker has no supervisor menu.
        const QString label = test::child<QLabel>(&window, "agentStatusLabel")->text();
        QVERIFY2(label.contains(u"bob"), qPrintable(label));
        QVERIFY(test::child<QLabel>(&window, "agentStatusLabel")->isVisible());
        QTRY_VERIFY(!window.findChild<QAction *>(QStringLiteral("supervisorWorkspaceAction")));
        QVERIFY(j.press(Qt::Key_W, Qt::ControlModifier | Qt::ShiftModifier));
        QVERIFY(!window.supervisorWorkspace());
        window.openSupervisorWorkspace();
        QVERIFY(!window.supervisorWorkspace());

        // Bob serves a caller of his own: the contact is his.
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550111")));
        const QString bobsContact = window.intakePanel()->contactId();
        QVERIFY(!bobsContact.isEmpty() && bobsContact != anasContact);
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        const auto bobs = HistoryRepository(m_store->db()).contactEntry(bobsContact);
        QVERIFY(bobs);
        QCOMPARE(bobs->contact.agent, QStringLiteral("bob"));
        QVERIFY(!bobs->contact.isRunning());
        const auto anas = HistoryRepository(m_store->db()).contactEntry(anasContact);
        QVERIFY(anas);
        QCOMPARE(anas->contact.agent, QStringLiteral("ana"));
        QVERIFY(anas->contact.isRunning());

        // Ana signs in again (nothing open: no question): her call comes back as she left it.
        whenModal<SwitchAgentDialog>(this, [&j](SwitchAgentDialog *) {
            signIn(j, QStringLiteral("ana"), QStringLiteral("ana-secret"));
        });
        QVERIFY(pressSwitch(j));
        QCOMPARE(store.agent, QStringLiteral("ana"));
        QCOMPARE(store.role, AgentRole::Supervisor);
        QCOMPARE(window.intakePanel()->contactId(), anasContact);
        QCOMPARE(phoneOnScreen(window), QStringLiteral("6175550100"));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("supervisorWorkspaceAction")));
        QVERIFY(j.focusOnScreen());
        qInfo("journey switch agent with a draft and back: %d keys beyond typed text", j.keys);
    }

    // A supervisor after a call taker gets the supervisor's menus, and what is recorded
    // (here a help flag) carries the new agent.
    void theRoleAndTheActorFollowTheSwitchAtOnce()
    {
        Counter c = openCounter(standInCentralStore());
        QVERIFY(c.desk.window);
        StoreContext &store = *c.desk.store;
        test::Journey j;
        whenModal<SwitchAgentDialog>(this, [&j](SwitchAgentDialog *) {
            signIn(j, QStringLiteral("bob"), QStringLiteral("bob-secret"));
        });
        QVERIFY(pressSwitch(j));
        QCOMPARE(store.role, AgentRole::CallTaker);
        QCOMPARE(store.events.role(), std::optional(AgentRole::CallTaker));
        QVERIFY(!store.knowledge.canCreate());
        QTRY_VERIFY(
            !c.desk.window->findChild<QAction *>(QStringLiteral("supervisorWorkspaceAction")));
        const auto flag = store.helpFlags.raise();
        QVERIFY(flag);
        const QList<HelpFlag> open = store.helpFlags.open();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().agent, QStringLiteral("bob"));
    }

    // A lobby agent signing in is put at the counter: its waiting list has the keyboard, so F5
    // calls the next visitor at once.
    void aLobbyAgentStartsAtTheCounter()
    {
        Counter c = openCounter(standInCentralStore());
        QVERIFY(c.desk.window);
        StoreContext &store = *c.desk.store;
        auto issued = store.lobby.issue(
            {store.lobby.categories().value(0), {}, QStringLiteral("en"), {}, {}});
        QVERIFY2(issued.ok(), qPrintable(issued ? QString() : issued.error().message));
        c.desk.window->counterPanel()->refresh();
        test::Journey j;
        whenModal<SwitchAgentDialog>(this, [&j](SwitchAgentDialog *) {
            signIn(j, QStringLiteral("lena"), QStringLiteral("lena-secret"));
        });
        QVERIFY(pressSwitch(j));
        QCOMPARE(store.role, AgentRole::Lobby);
        QTRY_COMPARE(j.focusName(), QStringLiteral("counterQueueTreeWidget"));
        QVERIFY(j.focusOnScreen());
        QVERIFY(j.press(Qt::Key_F5));
        QTRY_VERIFY(store.lobby.current(c.desk.window->counterPanel()->counterName()));
        QCOMPARE(store.lobby.current(c.desk.window->counterPanel()->counterName())->id,
                 issued.value().ticket.id);
        QCOMPARE(store.lobby.current(c.desk.window->counterPanel()->counterName())->agent,
                 QStringLiteral("lena"));
    }

    // A wrong password keeps the dialog with the reason; cancelling gives Ana her call back.
    void aRefusedOrCancelledSwitchGivesTheScreenBack()
    {
        Counter c = openCounter(standInCentralStore());
        QVERIFY(c.desk.window);
        MainWindow &window = *c.desk.window;
        test::Journey j;
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        const QString contact = window.intakePanel()->contactId();
        QString message;
        whenModal<QMessageBox>(this, [&j, &message, this](QMessageBox *) {
            whenModal<SwitchAgentDialog>(this, [&j, &message](SwitchAgentDialog *dialog) {
                QVERIFY(test::mnemonicClashes(dialog).isEmpty());
                signIn(j, QStringLiteral("bob"), QStringLiteral("not his password"));
                message = test::child<QLabel>(dialog, "switchAgentMessageLabel")->text();
                QCOMPARE(j.focusName(), QStringLiteral("switchAgentPasswordLineEdit"));
                j.press(Qt::Key_Escape);
            });
            j.press(Qt::Key_Return);
        });
        QVERIFY(pressSwitch(j));
        QCOMPARE(message, QStringLiteral("wrong password"));
        QCOMPARE(c.desk.store->agent, QStringLiteral("ana"));
        QCOMPARE(window.intakePanel()->contactId(), contact);
        QCOMPARE(phoneOnScreen(window), QStringLiteral("6175550100"));
    }

    // "End it first": no switch, the wrap-up is where the agent ends the call.
    void endItFirstOpensTheWrapUp()
    {
        Counter c = openCounter(standInCentralStore());
        QVERIFY(c.desk.window);
        test::Journey j;
        QVERIFY(callAndEndItFirst(j, this));
        QCOMPARE(c.desk.store->agent, QStringLiteral("ana"));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        QVERIFY(!c.desk.window->intakePanel()->contactId().isEmpty());
    }

    // Wrap-up notes typed and not saved are part of the agent's draft: the next agent never
    // sees them, and they come back, with the wrap-up open, when their agent signs in again.
    void wrapUpNotesStayWithTheirAgent()
    {
        Counter c = openCounter(standInCentralStore());
        QVERIFY(c.desk.window);
        MainWindow &window = *c.desk.window;
        test::Journey j;
        QVERIFY(callAndEndItFirst(j, this));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        QVERIFY(j.tabTo("wrapUpNotesEdit"));
        const QString notes = QStringLiteral("She brings the permit on Monday");
        QVERIFY(j.type("wrapUpNotesEdit", notes));
        const QString contact = window.intakePanel()->contactId();

        switchKeepingTheDraft(j, this, QStringLiteral("bob"), QStringLiteral("bob-secret"));
        QCOMPARE(c.desk.store->agent, QStringLiteral("bob"));
        auto *edit = test::child<QPlainTextEdit>(&window, "wrapUpNotesEdit");
        QVERIFY(edit->toPlainText().isEmpty());
        QVERIFY(!edit->isVisible());
        const auto kept = draftOf(QStringLiteral("ana"));
        QVERIFY(kept);
        QCOMPARE(kept->payload.value(u"wrap_up_notes").toString(), notes);

        whenModal<SwitchAgentDialog>(this, [&j](SwitchAgentDialog *) {
            signIn(j, QStringLiteral("ana"), QStringLiteral("ana-secret"));
        });
        QVERIFY(pressSwitch(j));
        QCOMPARE(c.desk.store->agent, QStringLiteral("ana"));
        QCOMPARE(window.intakePanel()->contactId(), contact);
        QCOMPARE(edit->toPlainText(), notes);
        QVERIFY(edit->isVisible());
    }

    // The central store cannot be reached: the switch is refused with the reason and the
    // present agent stays signed in (no credential is kept on the PC to check offline).
    void anUnreachableCentralStoreRefusesTheSwitch()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const QUrl server(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
        closed.close();
        QNetworkAccessManager network;
        SyncClient client(network, server);
        client.setToken(QStringLiteral("anas-token"));
        Counter c = openCounter(centralSignIn(network, client, nullptr, m_store->db()));
        QVERIFY(c.desk.window);
        test::Journey j;
        QString message;
        whenModal<SwitchAgentDialog>(this, [&j, &message](SwitchAgentDialog *dialog) {
            signIn(j, QStringLiteral("bob"), QStringLiteral("bob-secret"));
            auto *label = test::child<QLabel>(dialog, "switchAgentMessageLabel");
            static_cast<void>(
                QTest::qWaitFor([label] { return label->text().contains(u"127.0.0.1"); }, 20000));
            message = label->text();
            j.press(Qt::Key_Escape);
        });
        QVERIFY(pressSwitch(j));
        QVERIFY2(message.contains(server.toString()), qPrintable(message));
        QCOMPARE(c.desk.store->agent, QStringLiteral("ana"));
        QCOMPARE(client.token(), QStringLiteral("anas-token"));
    }

    // SIGKILL mid-switch (Bob's draft kept, Ana's kept, the next sign-in not done): both
    // drafts come back, each to its own agent.
    void bothDraftsSurviveAKillMidSwitch()
    {
        const QString path = m_store->path();
        m_store->close();
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QStringLiteral(AGENT_SWITCH_CHILD), {path});
        QVERIFY(child.waitForStarted());
        QByteArray output;
        while (!output.contains("READY") && child.waitForReadyRead(60000))
            output += child.readAllStandardOutput();
        QVERIFY2(output.contains("READY"), output.constData());
        child.kill(); // SIGKILL: no chance to clean up
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        m_store->reopen();

        for (const auto &[agent, phone] :
             {std::pair(QStringLiteral("ana"), QStringLiteral("617 555 0100")),
              std::pair(QStringLiteral("bob"), QStringLiteral("617 555 0111"))}) {
            StoreContext store(m_store->db(), agent);
            IntakePanel panel({store.catalogue, store.requests, store.intake, store.service,
                               store.addresses, store.districts});
            QVERIFY2(!panel.contactId().isEmpty(), qPrintable(agent));
            QCOMPARE(test::child<QLineEdit>(&panel, "callerPhoneLineEdit")->text(), phone);
        }
    }
};

QTEST_MAIN(TestAgentSwitch)
#include "tst_agentswitch.moc"

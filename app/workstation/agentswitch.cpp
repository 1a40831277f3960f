#include "app/workstation/agentswitch.h"

#include "models/store/database.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "models/workstation/storecontext.h"
#include "ui/common/mainwindow.h"
#include "ui/common/roletext.h"
#include "ui/common/settings.h"
#include "ui/common/switchagentdialog.h"
#include "ui/intake/intakepanel.h"

#include <QCoreApplication>
#include <QDockWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>
#include <memory>
#include <optional>

namespace civicdesk {

namespace {

// Calls `done` with the number of changes still waiting once the outbox is empty or `ms` have
// passed (at once when nothing waits, or when no sync runs that could empty it).
void waitForOutbox(SyncEngine *engine, int ms, const std::function<void(int)> &done)
{
    if (!engine || engine->status().waiting == 0 || !engine->isRunning()) {
        done(engine ? engine->status().waiting : 0);
        return;
    }
    engine->notifyReconnected();
    auto *poll = new QTimer(engine);
    poll->setInterval(100);
    auto left = std::make_shared<int>(ms / 100);
    QObject::connect(poll, &QTimer::timeout, engine, [engine, poll, left, done] {
        const int waiting = engine->status().waiting;
        if (waiting > 0 && --*left > 0)
            return;
        poll->deleteLater();
        poll->stop();
        done(waiting);
    });
    poll->start();
}

} // namespace

AgentSwitch::AgentSwitch(MainWindow &window, StoreContext &store, Settings &settings,
                         Authenticate authenticate, bool passwordNeeded, QObject *parent)
    : QObject(parent), m_window(window), m_store(store), m_settings(settings),
      m_authenticate(std::move(authenticate)), m_passwordNeeded(passwordNeeded)
{
    connect(&window, &MainWindow::switchAgentRequested, this, &AgentSwitch::start);
}

void AgentSwitch::start()
{
    if (m_window.isPractice())
        return;
    IntakePanel *intake = m_window.intakePanel();
    if (intake->hasUnfinishedWork()) {
        // Never carried silently to the next agent's screen, never lost.
        QMessageBox box(QMessageBox::Question, tr("Switch agent"),
                        tr("A contact or an unsubmitted request is open. Keep it as your draft "
                           "(the next agent does not see it; it comes back when you sign in "
                           "here again), or end it first?"),
                        QMessageBox::NoButton, &m_window);
        box.setObjectName(QStringLiteral("switchAgentOpenWorkMessageBox"));
        QPushButton *keep = box.addButton(tr("&Keep as my draft"), QMessageBox::AcceptRole);
        keep->setObjectName(QStringLiteral("switchAgentKeepDraftButton"));
        QPushButton *end = box.addButton(tr("&End it first"), QMessageBox::ActionRole);
        end->setObjectName(QStringLiteral("switchAgentEndFirstButton"));
        QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
        box.setDefaultButton(keep);
        box.setEscapeButton(cancel);
        box.exec();
        backToTheWindow();
        if (box.clickedButton() == end) {
            intake->beginWrapUp();
            m_window.statusBar()->showMessage(tr("End the contact (Ctrl+E) or submit the "
                                                 "request, then switch agent (Ctrl+Shift+U)."),
                                              10000);
            return;
        }
        if (box.clickedButton() != keep)
            return;
    }
    // The present agent's work is theirs from here on, saved before anyone else signs in.
    if (!intake->parkForAnotherAgent())
        return;
    auto next = std::make_shared<std::optional<SignedIn>>();
    SwitchAgentDialog dialog(
        m_store.agent, roleText(m_store.role), m_passwordNeeded,
        [this, next](const QString &user, const QString &password,
                     std::function<void(const QString &)> done) {
            m_authenticate(user, password, [next, done](Result<SignedIn> r) {
                if (!r)
                    return done(r.error().message);
                *next = r.value();
                done(QString());
            });
        },
        &m_window);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    backToTheWindow();
    if (!accepted || !*next) {
        // Nobody else signed in: the present agent's screen comes back as it was.
        intake->restoreDraft();
        return;
    }
    switchTo(**next);
}

void AgentSwitch::backToTheWindow()
{
    // The keyboard goes back to the window the agent works in (not every window system gives
    // it back by itself when a dialog closes).
    m_window.raise();
    m_window.activateWindow();
}

void AgentSwitch::switchTo(const SignedIn &next)
{
    m_store.switchAgent(next.name, next.role);
    m_settings.setAgentName(next.name);
    if (m_passwordNeeded)
        m_settings.setSignedInRole(next.role);
    m_window.agentSwitched();
    if (m_onSwitched)
        m_onSwitched();
    IntakePanel *intake = m_window.intakePanel();
    intake->restoreDraft();
    // The status bar's agent label says who works here now (no passing message over it). A
    // lobby agent starts at the counter's waiting list, unless their draft holds a contact.
    auto *counter = m_window.findChild<QDockWidget *>(QStringLiteral("lobbyDock"));
    if (next.role == AgentRole::Lobby && counter && !intake->hasUnfinishedWork())
        m_window.showArea(counter);
    else
        intake->focusSearch();
}

AgentSwitch::Authenticate standaloneSignIn(Settings &settings)
{
    return [&settings](const QString &user, const QString &,
                       std::function<void(Result<AgentSwitch::SignedIn>)> done) {
        done(AgentSwitch::SignedIn{user, settings.agentRole()});
    };
}

AgentSwitch::Authenticate centralSignIn(QNetworkAccessManager &network, SyncClient &client,
                                        SyncEngine *engine, Database &database, int drainMs)
{
    return [&network, &client, engine, &database,
            drainMs](const QString &user, const QString &password,
                     std::function<void(Result<AgentSwitch::SignedIn>)> done) {
        // A client of its own: the present agent's session goes on until the next one is sure.
        // Deleted later, never inside one of its own answers.
        std::shared_ptr<SyncClient> verifier(new SyncClient(network, client.server()),
                                             [](SyncClient *c) { c->deleteLater(); });
        const QString device = database.meta(QStringLiteral("device_code"));
        verifier->login(
            user, password, device,
            [&client, engine, drainMs, verifier, user, done](Result<LoginResult> r) {
                if (!r) {
                    if (r.error().code == u"network" || r.error().code == u"timeout")
                        return done(makeError(
                            QStringLiteral("switch.offline"),
                            AgentSwitch::tr(
                                "The central store (%1) cannot be reached: %2. Switching agents "
                                "needs it to check the next agent's password and role, so the "
                                "present agent stays signed in. Try again when the connection "
                                "is back.")
                                .arg(client.server().toString(), r.error().message)));
                    return done(r.error());
                }
                const LoginResult login = r.value();
                const auto role = agentRoleFromName(login.role);
                if (!role) {
                    verifier->logout([verifier](Result<Ok>) {});
                    return done(makeError(QStringLiteral("switch.role"),
                                          AgentSwitch::tr("The central store gave %1 a role this "
                                                          "workstation does not know (%2).")
                                              .arg(user, login.role)));
                }
                waitForOutbox(
                    engine, drainMs,
                    [&client, engine, verifier, login, user, role, done](int waiting) {
                        if (waiting > 0) {
                            verifier->logout([verifier](Result<Ok>) {});
                            return done(makeError(
                                QStringLiteral("switch.outbox"),
                                AgentSwitch::tr(
                                    "%n change(s) by the present agent have not reached the "
                                    "central store yet; they must go first, under that "
                                    "agent's name. Check the connection (Sync menu) and try "
                                    "again.",
                                    nullptr, waiting)));
                        }
                        // The sync goes on under the next agent at once; the present agent's
                        // session is ended on the side, so no call of the sync ever carries a token
                        // signed out.
                        const QString previous = client.token();
                        client.setToken(login.token);
                        verifier->setToken(previous);
                        verifier->logout([verifier](Result<Ok>) {});
                        if (engine && !engine->isRunning())
                            engine->start();
                        done(
                            AgentSwitch::SignedIn{login.name.isEmpty() ? user : login.name, *role});
                    });
            });
    };
}

} // namespace civicdesk

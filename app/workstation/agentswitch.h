#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QObject>
#include <functional>

class QNetworkAccessManager;

namespace civicdesk {

class Database;
class MainWindow;
class Settings;
class SyncClient;
class SyncEngine;
struct StoreContext;

// The fast agent switch of a shared (counter) PC, File ▸ Switch agent (Ctrl+Shift+U): the
// present agent's work is kept as their own draft (asked first when a contact or a request is
// open: keep it as my draft, or end it first), the next agent signs in, and every service,
// menu and view follows the new name and role at once, without closing the window, the lobby
// queue or the sync. When the first agent signs in again, their draft comes back.
class AgentSwitch : public QObject
{
    Q_OBJECT

public:
    struct SignedIn
    {
        QString name;
        AgentRole role = AgentRole::CallTaker;
    };
    // Checks the next agent: their name as the sign-in knows it and their role, or why not.
    using Authenticate = std::function<void(const QString &user, const QString &password,
                                            std::function<void(Result<SignedIn>)> done)>;

    // `passwordNeeded`: false on a standalone workstation (no accounts to check).
    AgentSwitch(MainWindow &window, StoreContext &store, Settings &settings,
                Authenticate authenticate, bool passwordNeeded, QObject *parent = nullptr);

    // Everything else that follows the agent (the sync's sign-in, practice), after a switch.
    void setOnSwitched(std::function<void()> onSwitched) { m_onSwitched = std::move(onSwitched); }

    // The action: asks about open work, parks it as the present agent's draft, shows the
    // sign-in and switches (or, cancelled or refused, gives the present agent their screen back).
    void start();

private:
    // The switch itself, once the present agent's screen is parked and the next agent signed
    // in: services, settings, window, then the next agent's draft (if any) on screen.
    void switchTo(const SignedIn &next);
    void backToTheWindow();

    MainWindow &m_window;
    StoreContext &m_store;
    Settings &m_settings;
    Authenticate m_authenticate;
    bool m_passwordNeeded;
    std::function<void()> m_onSwitched;
};

// A standalone workstation: any name, under the workstation's own role (its setting).
AgentSwitch::Authenticate standaloneSignIn(Settings &settings);

// With a central store: the next agent's password and role are checked by the central store
// (with a client of their own, so the present agent's session is untouched until then); the
// present agent's changes still waiting in the outbox are pushed under their own session
// first (waiting up to `drainMs`); then the sync goes on under the next agent's session.
// Unreachable central store: refused with the reason, and the present agent stays signed in.
// No password or hash of it is ever kept on the PC.
AgentSwitch::Authenticate centralSignIn(QNetworkAccessManager &network, SyncClient &client,
                                        SyncEngine *engine, Database &database,
                                        int drainMs = 15000);

} // namespace civicdesk

#pragma once

#include "models/sync/syncstatus.h"
#include "ui/history/centralquery.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QAction;
class QLabel;
class QMainWindow;

namespace civicdesk {

class EventStore;
class Settings;
class CentralLookup;
class SyncClient;
class SyncEngine;
class SyncStore;

// The workstation's side of sync in the window: the status-bar line (standalone, online or
// offline, changes waiting, last successful sync, refused changes), the Sync menu (sign in,
// sign out, find requests beyond the local replica, refused changes, server settings), and asking
// for the password again when the token expires. With no engine the workstation is standalone and
// says so.
class SyncController : public QObject
{
    Q_OBJECT

public:
    // Seam for tests: shows the sign-in dialog with a reason; true when signed in.
    using LoginPrompt = std::function<bool(const QString &reason)>;

    // `journal` (the outbox's refused changes) and `lookup` (requests beyond the replica):
    // handed over by the composition root (Workspace::journal, Workspace::centralLookup).
    SyncController(QMainWindow &window, Settings &settings, SyncStore &journal,
                   CentralLookup &lookup, EventStore &events, SyncEngine *engine,
                   SyncClient *client, QString agent, QObject *parent = nullptr);

    void setLoginPrompt(LoginPrompt prompt) { m_prompt = std::move(prompt); }
    // Another agent signed in at this PC (File ▸ Switch agent): sign-ins are theirs from now.
    void setAgent(const QString &agent) { m_agent = agent; }
    // Called (debounced) after remote events changed the projections.

    // The default prompt: the modal LoginDialog against this controller's client.
    bool promptForLogin(const QString &reason);
    void signOut();
    void showRefusedChanges();
    void showCentralLookup();
    void showServerSettings();

    QString statusText() const;
    // The history views' questions to the central store (local answers with a note when offline
    // or signed out).
    CentralQuery centralQuery();

private:
    void createMenu();
    void updateStatus();
    void signedIn();

    QMainWindow &m_window;
    Settings &m_settings;
    SyncStore &m_journal;
    CentralLookup &m_lookup;
    EventStore &m_events;
    SyncEngine *m_engine;
    SyncClient *m_client;
    QString m_agent;
    LoginPrompt m_prompt;
    QPointer<QLabel> m_label;
    QAction *m_signIn = nullptr;
    QAction *m_signOut = nullptr;
    bool m_prompting = false;
};

} // namespace civicdesk

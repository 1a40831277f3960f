#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/sync/centrallookup.h"
#include "models/sync/syncstore.h"
#include "models/workstation/storecontext.h"
#include "ui/common/settings.h"
#include "ui/practice/practicemode.h"

#include <QPointer>
#include <memory>
#include <optional>

namespace civicdesk {

class CallController;
class MainWindow;
class SyncCallArbiter;
class SyncClient;
class SyncEngine;
class TelephonyAdapter;

// The role this workstation works under. With a central store it is the role the store returned
// at sign-in (remembered in the settings, so "Work offline" keeps the last signed-in role, or a
// call taker's when there was never a sign-in); standalone (the demo, no central store) it is the
// workstation's own setting. Returns the role and remembers a signed-in one.
AgentRole workingRole(Settings &settings, bool centralStore, std::optional<AgentRole> signedInAs);

// The workstation's object graph, built once by the composition root: the store's services
// (StoreContext: repositories, the event log, intake, knowledge, the address and district
// indexes) under one role, and a SyncEngine only when a central store's client is given. A
// practice workspace is the same graph on another database with no client and so no sync.
class Workspace
{
public:
    Workspace(Database &database, const QString &agent, AgentRole role,
              SyncClient *client = nullptr);
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    StoreContext &store() { return m_store; }
    // Null without a central store.
    SyncEngine *syncEngine() { return m_engine.get(); }
    // The sync journal (outbox, refused changes), also read standalone.
    SyncStore &journal() { return m_journal; }
    // Requests beyond the local replica: the central store's answer when signed in and
    // reachable, this workstation's otherwise (standalone: always).
    CentralLookup &centralLookup() { return m_lookup; }
    AgentRole role() const { return m_store.role; }
    // Telephony: the adapter for `spec` (see models/cti/ctiendpoint.h; "" or "none": none),
    // popping calls into the window's intake from the local store, its state in the status
    // bar; it connects (and reconnects with backoff) from here on. A spec that does not parse
    // is an error and nothing starts; a build without CIVICDESK_WITH_CTI refuses any but none.
    // Called again, the old link and its status go and the new one starts (no restart); an
    // area code that is not one is refused too.
    Status startTelephony(const QString &spec, const QString &areaCode, MainWindow &window);
    // File ▸ Phone settings (Ctrl+Alt+O) in `window`: the dialog (ui/cti), then the settings
    // saved and the phone reconnected with them. Starts the phone `settings` hold.
    Status offerTelephonySettings(Settings &settings, MainWindow &window);
    // Null when no phone is configured.
    TelephonyAdapter *telephony() { return m_telephony.get(); }
    // Stops syncing and the phone link; changes made from here on wait in the outbox for the
    // next start.
    void shutDown();

private:
    StoreContext m_store;
    SyncStore m_journal;
    CentralLookup m_lookup;
    std::unique_ptr<SyncEngine> m_engine;
    std::unique_ptr<TelephonyAdapter> m_telephony;
    QPointer<CallController> m_calls; // owned by the window
    // The central store decides which counter calls a lobby ticket (models/sync/synccallarbiter.h).
    std::unique_ptr<SyncCallArbiter> m_callArbiter;
};

// Practice mode's graphs over the live store `live`: a practice Workspace on its own practice
// database (made from `live`'s reference data) for the agent `agent` names when practice starts
// (another may have signed in since), always as a call taker and with no sync client; the
// scenarios' reference read from `live`; the city's time zone. `built` (tests) sees each
// practice Workspace as it is made.
PracticeGraphs practiceGraphs(Database &live, std::function<QString()> agent,
                              std::function<void(Workspace &)> built = {});

} // namespace civicdesk

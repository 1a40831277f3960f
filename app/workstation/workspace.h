#pragma once

#include "models/domain/agentrole.h"
#include "ui/common/settings.h"
#include "ui/common/storecontext.h"

#include <memory>
#include <optional>

namespace civicdesk {

class SyncCallArbiter;
class SyncClient;
class SyncEngine;

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
    AgentRole role() const { return m_store.role; }
    // Stops syncing; changes made from here on wait in the outbox for the next start.
    void shutDown();

private:
    StoreContext m_store;
    std::unique_ptr<SyncEngine> m_engine;
    // The central store decides which counter calls a lobby ticket (models/sync/synccallarbiter.h).
    std::unique_ptr<SyncCallArbiter> m_callArbiter;
};

} // namespace civicdesk

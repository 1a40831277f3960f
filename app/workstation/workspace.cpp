#include "app/workstation/workspace.h"

#include "models/sync/synccallarbiter.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"

#include <QNetworkInformation>

namespace civicdesk {

AgentRole workingRole(Settings &settings, bool centralStore, std::optional<AgentRole> signedInAs)
{
    if (signedInAs) {
        settings.setSignedInRole(*signedInAs);
        return *signedInAs;
    }
    if (centralStore)
        return settings.signedInRole().value_or(AgentRole::CallTaker);
    return settings.agentRole();
}

Workspace::Workspace(Database &database, const QString &agent, AgentRole role, SyncClient *client)
    : m_store(database, agent, role)
{
    if (!client)
        return;
    m_store.centralStore = true;
    m_engine = std::make_unique<SyncEngine>(database, *client);
    m_callArbiter = std::make_unique<SyncCallArbiter>(*client);
    m_store.lobby.setArbiter(m_callArbiter.get());
    if (QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        QObject::connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged,
                         m_engine.get(),
                         [engine = m_engine.get()](QNetworkInformation::Reachability r) {
                             if (r == QNetworkInformation::Reachability::Online)
                                 engine->notifyReconnected();
                         });
    }
}

Workspace::~Workspace()
{
    shutDown();
}

void Workspace::shutDown()
{
    m_store.lobby.setArbiter(nullptr);
    if (m_engine)
        m_engine->stop();
}

} // namespace civicdesk

#include "models/requests/historyservices.h"

#include "models/requests/historycontext.h"

namespace civicdesk {

HistoryServices::HistoryServices(const HistoryContext &context)
    : database(context.database), search(context.database), history(context.database),
      timeline(context.database),
      actions(context.database, context.events, context.agent, context.role),
      readback(context.database), duplicates(context.database), callbacks(context.database),
      catalogue(context.database), delivery(context.database), centralStore(context.centralStore),
      agent(context.agent), cityZone(context.cityZone)
{
}

void HistoryServices::switchAgent(const QString &agentName, AgentRole role)
{
    agent = agentName;
    actions.setAgent(agentName);
    actions.setRole(role);
}

void HistoryServices::setClock(Clock clock)
{
    m_clock = clock;
    actions.setClock(std::move(clock));
}

} // namespace civicdesk

#include "ui/supervisor/supervisorcontext.h"

#include "models/workstation/storecontext.h"

namespace civicdesk {

SupervisorContext supervisorContextOf(StoreContext &store, Clock clock)
{
    return SupervisorContext{store.supervision,  store.supervision.changes(),
                             store.events,       store.kpis,
                             store.helpFlags,    store.history,
                             store.lobbyFigures, store.agent,
                             store.role,         store.supervision.cityZone(),
                             store.centralStore, std::move(clock)};
}

} // namespace civicdesk

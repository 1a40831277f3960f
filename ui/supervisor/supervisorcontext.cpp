#include "ui/supervisor/supervisorcontext.h"

#include "ui/common/storecontext.h"

namespace civicdesk {

SupervisorContext supervisorContextOf(StoreContext &store, Clock clock)
{
    return SupervisorContext{
        store.database,
        store.events,
        store.kpis,
        store.helpFlags,
        store.history,
        store.lobbyFigures,
        store.agent,
        store.role,
        QTimeZone(store.database.meta(QStringLiteral("city_timezone")).toUtf8()),
        store.centralStore,
        std::move(clock)};
}

} // namespace civicdesk

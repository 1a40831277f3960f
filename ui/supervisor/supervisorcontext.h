#pragma once

#include "models/domain/clock.h"
#include "models/domain/permissions/agentrole.h"

#include <QString>
#include <QTimeZone>

namespace civicdesk {

class EventStore;
class HelpFlags;
class HistoryServices;
class LobbyFigures;
class StoreChanges;
class SupervisionKpis;
class SupervisionServices;
struct StoreContext;

// What the supervisor workspace and the wallboard need, given by the composition root: its
// services, never the Database (the widgets build no reader of their own).
struct SupervisorContext
{
    const SupervisionServices &services; // readers, exports, reviews, teams, cluster alerts
    StoreChanges &changes;               // the store's one "applied" signal
    EventStore &events;
    SupervisionKpis &kpis;
    HelpFlags &helpFlags;
    HistoryServices &history; // the drill-downs' request detail and intake replay
    const LobbyFigures &lobbyFigures;
    QString agent;
    AgentRole role = AgentRole::CallTaker;
    QTimeZone cityZone;
    bool centralStore = false;
    Clock clock;
};

// The workspace's and the wallboard's context over the composition root's store services, in
// the city's time zone (the store's city_timezone).
SupervisorContext supervisorContextOf(StoreContext &store, Clock clock = {});

} // namespace civicdesk

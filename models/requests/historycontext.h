#pragma once

#include "models/requests/requestactions.h"

#include <QString>
#include <QTimeZone>

namespace civicdesk {

class Database;
class EventStore;

// What the history area's services read from and act on, given by the composition root.
struct HistoryContext
{
    Database &database;
    EventStore &events;
    QString agent;      // the signed-in agent (their own contacts, and the actor of changes)
    QTimeZone cityZone; // times are shown in the city's zone
    AgentRole role = AgentRole::CallTaker;
    bool centralStore = false; // a central store is configured: show where changes are
};

} // namespace civicdesk

#pragma once

#include "models/domain/permissions/agentrole.h"

#include <QString>

namespace civicdesk {

// A role as the agent reads it, in the interface's language ("Call taker", "Supervisor"...).
QString roleText(AgentRole role);

} // namespace civicdesk

#include "ui/common/roletext.h"

#include <QCoreApplication>

namespace civicdesk {

QString roleText(AgentRole role)
{
    switch (role) {
    case AgentRole::CallTaker:
        return QCoreApplication::translate("RoleText", "Call taker");
    case AgentRole::Lobby:
        return QCoreApplication::translate("RoleText", "Lobby counter");
    case AgentRole::Supervisor:
        return QCoreApplication::translate("RoleText", "Supervisor");
    case AgentRole::Trainer:
        return QCoreApplication::translate("RoleText", "Trainer");
    case AgentRole::Editor:
        return QCoreApplication::translate("RoleText", "Knowledge editor");
    case AgentRole::Admin:
        return QCoreApplication::translate("RoleText", "Administrator");
    }
    return agentRoleName(role);
}

} // namespace civicdesk

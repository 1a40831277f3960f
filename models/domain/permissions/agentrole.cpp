#include "models/domain/permissions/agentrole.h"

#include <array>

namespace civicdesk {

namespace {

constexpr std::array<std::pair<AgentRole, const char *>, 6> RoleNames = {{
    {AgentRole::CallTaker, "call_taker"},
    {AgentRole::Lobby, "lobby"},
    {AgentRole::Supervisor, "supervisor"},
    {AgentRole::Trainer, "trainer"},
    {AgentRole::Editor, "editor"},
    {AgentRole::Admin, "admin"},
}};

} // namespace

QString agentRoleName(AgentRole role)
{
    for (const auto &[value, name] : RoleNames) {
        if (value == role)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<AgentRole> agentRoleFromName(const QString &name)
{
    for (const auto &[value, text] : RoleNames) {
        if (name == QLatin1String(text))
            return value;
    }
    return std::nullopt;
}

QStringList agentRoleNames()
{
    QStringList names;
    for (const auto &entry : RoleNames)
        names.append(QString::fromLatin1(entry.second));
    return names;
}

bool mayRecordCalls(AgentRole role)
{
    return role != AgentRole::Trainer;
}

bool mayManageRequests(AgentRole role)
{
    return role == AgentRole::Supervisor || role == AgentRole::Admin;
}

bool mayEditArticles(AgentRole role)
{
    return role == AgentRole::Editor || mayApproveArticles(role);
}

bool mayApproveArticles(AgentRole role)
{
    return role == AgentRole::Supervisor || role == AgentRole::Admin;
}

bool mayReviewAgents(AgentRole role)
{
    return role == AgentRole::Supervisor || role == AgentRole::Admin;
}

bool mayManageUsers(AgentRole role)
{
    return role == AgentRole::Admin;
}

bool mayAuthorScenarios(AgentRole role)
{
    return role == AgentRole::Trainer || role == AgentRole::Admin;
}

bool mayLeadLivePractice(AgentRole role)
{
    return role == AgentRole::Trainer || role == AgentRole::Admin;
}

bool mayJoinLivePractice(AgentRole role)
{
    return mayRecordCalls(role);
}

} // namespace civicdesk

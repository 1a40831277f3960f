#pragma once

#include <QString>
#include <optional>

namespace civicdesk {

// What a person may do in the knowledge base. Agents read; editors write drafts and send them
// for review; supervisors also approve (publish), correct published articles and archive.
enum class KnowledgeRole
{
    Agent,
    Editor,
    Supervisor
};

QString knowledgeRoleName(KnowledgeRole role);
// "agent", "editor" or "supervisor" (case-insensitive); nothing for anything else.
std::optional<KnowledgeRole> knowledgeRoleFromName(const QString &name);

} // namespace civicdesk

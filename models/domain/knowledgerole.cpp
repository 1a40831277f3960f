#include "domain/knowledgerole.h"

namespace civicdesk {

QString knowledgeRoleName(KnowledgeRole role)
{
    switch (role) {
    case KnowledgeRole::Agent:
        return QStringLiteral("agent");
    case KnowledgeRole::Editor:
        return QStringLiteral("editor");
    case KnowledgeRole::Supervisor:
        return QStringLiteral("supervisor");
    }
    return {};
}

std::optional<KnowledgeRole> knowledgeRoleFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (KnowledgeRole role :
         {KnowledgeRole::Agent, KnowledgeRole::Editor, KnowledgeRole::Supervisor}) {
        if (n == knowledgeRoleName(role))
            return role;
    }
    return std::nullopt;
}

} // namespace civicdesk

#include "models/domain/supervision/teammembership.h"

#include <QCoreApplication>

namespace civicdesk::teammembership {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(TeamMembership)
};
} // namespace

QString entityType()
{
    return QStringLiteral("agent_team");
}

QString kind()
{
    return QStringLiteral("team.member_set");
}

QJsonObject payload(const QString &team)
{
    return {{QStringLiteral("team"), team.trimmed()}};
}

QString problem(const QString &team)
{
    if (team.size() > MaxTeamLength)
        return Text::tr("A team's name is at most %1 characters.").arg(MaxTeamLength);
    for (const QChar c : team) {
        if (c.category() == QChar::Other_Control)
            return Text::tr("A team's name cannot hold control characters.");
    }
    if (team != team.trimmed())
        return Text::tr("A team's name cannot start or end with spaces.");
    return QString();
}

Status check(const QString &agent, const QJsonObject &payload)
{
    if (agent.trimmed().isEmpty())
        return makeError(QStringLiteral("team.agent"), Text::tr("Name the agent."));
    if (!payload.value(u"team").isString())
        return makeError(QStringLiteral("team.name"),
                         Text::tr("\"team\" must be a name (empty for no team)."));
    if (const QString p = problem(payload.value(u"team").toString()); !p.isEmpty())
        return makeError(QStringLiteral("team.name"), p);
    return Ok{};
}

} // namespace civicdesk::teammembership

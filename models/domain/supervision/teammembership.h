#pragma once

#include "models/domain/result.h"

#include <QJsonObject>
#include <QString>

namespace civicdesk {

// A supervisor puts an agent into a team (or out of every team), as an event (entity type
// "agent_team", entity id = the agent's user name, synced to every workstation):
//
//   team.member_set  by a supervisor or admin  {"team": the team's name, "" = no team}
//
// The latest event of an agent says the agent's team now; the KPIs of a team count the
// contacts and requests of its members now.
namespace teammembership {
constexpr int MaxTeamLength = 40;
QString entityType();
QString kind();
QJsonObject payload(const QString &team);
// The team name's problem (empty: none).
QString problem(const QString &team);
Status check(const QString &agent, const QJsonObject &payload);
} // namespace teammembership

} // namespace civicdesk

#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// The roles of the people who sign in to the central store. What each may do:
//
//   call_taker  take calls: requests, contacts, callers
//   lobby       the same, at the walk-in counter
//   supervisor  everything agents do, plus manage requests (set in progress, close, unlink
//               duplicates, re-route), approve and archive articles and review agents' work
//   trainer     read everything agents read; write practice scenarios; practice sessions never
//               reach the central store
//   editor      agent work plus writing knowledge articles (drafts, sending for review)
//   admin       manage users, plus everything a supervisor does
//
// The rules per event kind are in eventpermission.h; these are the grants they are made of.
enum class AgentRole
{
    CallTaker,
    Lobby,
    Supervisor,
    Trainer,
    Editor,
    Admin
};

QString agentRoleName(AgentRole role);
// Exactly one of the names above; nothing for anything else.
std::optional<AgentRole> agentRoleFromName(const QString &name);
QStringList agentRoleNames();

bool mayRecordCalls(AgentRole role);     // requests, contacts, callers
bool mayManageRequests(AgentRole role);  // status moves, closing, unlinking, re-routing
bool mayEditArticles(AgentRole role);    // drafts, edits, sending for review
bool mayApproveArticles(AgentRole role); // publish, archive, restore
bool mayReviewAgents(AgentRole role);    // quality reviews: write and read everyone's
bool mayManageUsers(AgentRole role);
// Practice scenarios: writing and editing them in the client (files, not events: practice never
// reaches the central store). Trainers and admins.
bool mayAuthorScenarios(AgentRole role);
// A live practice call (the practice channel of civicdesk-server): trainers and admins open one
// and play the caller; the agents who take calls join one as the trainee. The server asks these.
bool mayLeadLivePractice(AgentRole role);
bool mayJoinLivePractice(AgentRole role);

} // namespace civicdesk

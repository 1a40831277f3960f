#pragma once

#include "models/domain/event.h"
#include "models/domain/knowledge/knowledgearticle.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/servicerequest.h"
#include "models/domain/supervision/reviewevent.h"

#include <QStringList>
#include <optional>

namespace civicdesk {

// What the store holds now of the entity an event is about. The permission check reads it
// from the store itself: the event's own claims ("from", "previous_status") are never trusted.
struct EntityState
{
    std::optional<RequestStatus> requestStatus;          // the request, when the store has it
    std::optional<KnowledgeArticle::State> articleState; // the article, when the store has it
    std::optional<ReviewState> review; // the evaluation (review.*), when the store has it
};

struct PermissionDenial
{
    QString message; // translated, says which role may
    QString field;   // the part of the event that decided: kind, payload.to, payload.field
};

// The one permission table: may `role` append `event` to the event log, given the entity's
// state now? Asked by the UI (what to offer), by the workstation's event store (before
// writing) and by the central store (before accepting a pushed event).
//
//   kind                          needs
//   request.created               recordCalls
//   request.note_added            recordCalls
//   request.caller_attached       recordCalls
//   request.duplicate_linked      recordCalls
//   request.callback_scheduled    recordCalls
//   request.callback_done         recordCalls
//   request.field_changed         recordCalls for description and address (what the caller
//                                 said); manageRequests for type, department, neighbourhood
//                                 and caller (re-routing work)
//   request.status_changed        recordCalls to reopen a closed request; manageRequests for
//                                 every other move (in progress, close)
//   request.duplicate_unlinked    manageRequests
//   contact.*, caller.upserted    recordCalls (contact.step_recorded: one intake step, for
//                                 replay and practice scoring)
//   contact.*, caller.upserted    recordCalls
//   ticket.* (the lobby queue)    recordCalls (a call of a ticket that is not waiting is
//                                 refused by the projection: one call per ticket and round)
//   article.created               ArticleLifecycle::canCreate
//   article.edited                ArticleLifecycle::canEdit in the article's state now
//   article.reviewed              ArticleLifecycle::canMarkReviewed in the state now
//   article.state_changed         ArticleLifecycle::checkTransition from the state now
//   review.recorded               reviewAgents
//   review.form_published         reviewAgents
//   review.evaluation_submitted   reviewAgents, for an evaluation the store does not hold yet
//   review.acknowledged           the agent the evaluation is about (as the store holds it),
//   review.disputed               once, within review::ResponseWindowDays of its submission
//   review.decided                reviewAgents, on a disputed evaluation not decided yet
//   review.coaching_noted         reviewAgents, on an evaluation the store holds
//   agent.help_requested          recordCalls (an agent asks for a supervisor)
//   agent.help_answered           reviewAgents (a supervisor answers)
//   known_issue.posted            manageRequests (a supervisor posts a known issue from a cluster)
//   known_issue.withdrawn         manageRequests
//   team.member_set               reviewAgents (a supervisor puts an agent into a team)
//   phone.intervals_reported      reviewAgents (a supervisor imports the phone system's report)
//   cluster.rules_set             reviewAgents (a supervisor changes a cluster alert's rule)
//   supervision.exported          reviewAgents (a supervisor exports figures: CSV or PDF)
//   anything else                 refused
std::optional<PermissionDenial> checkEventPermission(AgentRole role, const Event &event,
                                                     const EntityState &now);

// Who may read a quality review event (the sync pull, the review endpoint): reviewAgents reads
// every agent's and the forms; anyone else only the events about themselves (payload "agent").
bool mayReadReviewEvent(AgentRole role, const QString &user, const Event &event);

// The event kinds the table knows, for documentation and the role matrix tests.
QStringList permittedEventKinds();

// What the UI offers, from the same table.
bool mayChangeRequestStatus(AgentRole role, RequestStatus from, RequestStatus to);
bool mayUnlinkDuplicates(AgentRole role);

} // namespace civicdesk

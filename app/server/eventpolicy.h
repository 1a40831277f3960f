#pragma once

#include "models/accounts/accountstore.h"
#include "models/central/centrallog.h"
#include "models/domain/permissions/eventpermission.h"

namespace civicdesk {

// Who may write which event: the actor must be the signed-in user, and the session's role must
// be allowed the event by the one permission table (domain/permissions/eventpermission.h), judged
// on the state the central store holds now, never on what the event claims.
std::optional<EventRejection> authorizeEvent(const Event &event, const EntityState &now,
                                             const Session &session);

} // namespace civicdesk

#pragma once

#include "storage/accountstore.h"
#include "storage/centrallog.h"

namespace civicdesk {

// Who may write which event: the actor must be the signed-in user; call work needs a role that
// records calls; articles follow the knowledge lifecycle (editors draft and send for review,
// supervisors and admins approve, archive and restore); quality reviews are for supervisors.
std::optional<EventRejection> authorizeEvent(const Event &event, const Session &session);

} // namespace civicdesk

#pragma once

// Private to storage: the events that link requests to each other and to callbacks, and their
// projection, called by the projector inside the event's transaction. Payloads carry ids AND
// request numbers, so an event read on another workstation or on the server stands alone:
//
//   request.duplicate_linked    on the duplicate  {"number", "parent_id", "parent_number"}
//   request.duplicate_unlinked  on the duplicate  {"number", "parent_id", "parent_number"}
//   request.callback_scheduled  {"callback_id", "number", "due_at" (ISO 8601, UTC), "note",
//                                "caller_id", "caller_name", "phone"}
//   request.callback_done       {"callback_id", "number", "outcome", "note"}
//
// Projections: request_duplicates (one parent per duplicate; the later link wins),
// request_callbacks (times in milliseconds), and request_related_events, which lists a link
// event under the parent too, so both requests' timelines show it.

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QStringList>

class QSqlDatabase;

namespace civicdesk::requestlinkprojection {

bool handles(const Event &event);
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);
// The outcomes a callback is marked done with (stored as these codes).
const QStringList &callbackOutcomes();

} // namespace civicdesk::requestlinkprojection

#pragma once

// Private to storage: the lobby queue's events (entity type "ticket") and their projection,
// called by the projector inside the event's transaction. Every payload carries the ticket's
// number, so an event read on another workstation or on the server stands alone:
//
//   ticket.issued       {"number" (A012), "category", "category_name", "prefix", "seq", "day"
//                        (yyyy-MM-dd), "language", "accessibility" ("" or a need), "name"}
//   ticket.called       {"number", "counter", "round", "reason" (out of order, optional)}
//   ticket.recalled     {"number", "counter"}
//   ticket.no_show      {"number", "counter"}
//   ticket.parked       {"number", "counter", "note"}
//   ticket.transferred  {"number", "counter", "to_counter" and/or "to_category", "reason"}
//   ticket.returned     {"number", "counter"}
//   ticket.served       {"number", "counter", "outcome" (a contact outcome), "contact_id",
//                        "request_ids" [..], "notes"}
//
// Projection: lobby_tickets (one row per ticket, its state now) and lobby_calls (one row per
// call of a ticket's round in the queue). A ticket.called event applies only to a ticket that
// is waiting in that round: a second call of the same ticket is refused, and the central store
// (which projects in one transaction under its write lock) therefore never holds two calls of
// one waiting ticket; the (ticket, round) key of lobby_calls keeps that true across server
// processes too.

#include "models/domain/event.h"
#include "models/domain/result.h"

class QSqlDatabase;

namespace civicdesk::lobbyprojection {

bool handles(const Event &event);
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);

} // namespace civicdesk::lobbyprojection

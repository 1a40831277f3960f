#pragma once

// Private to storage: the desk's events — a contact from start to end, its call, its steps,
// what was searched in vain and read — and their projections (`contacts`, `knowledge_gaps`,
// `contact_articles`); and an agent's help flag, which has no projection (read from the log).
//
//   contact.started            {"channel", "caller_id", the call: "call_id", "call_number", ...}
//   contact.ended              {"outcome", "transfer_destination", "notes", "call_ended_at", ...}
//   contact.call_ended         the call outlived its contact: {"call_ended_at", "call_end_cause"}
//   contact.step_recorded      {"step": an intake step, "detail": {...}}; log only
//   contact.search_unanswered  {"query", "language" (required; "" when not known)}
//   contact.article_opened     {"article_id"}
//   agent.help_requested       {"contact_id", "counter" (both optional)}; log only
//   agent.help_answered        {"agent", "note"}; log only

#include "models/domain/event.h"
#include "models/domain/result.h"

class QSqlDatabase;

namespace civicdesk::contactprojection {

bool handles(const Event &event);
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);

} // namespace civicdesk::contactprojection

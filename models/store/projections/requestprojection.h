#pragma once

// Private to storage: the service request's own events and their projections, `requests`,
// `request_callers` and `callers` (the links between requests are requestlinkprojection's).
//
//   request.created          a new request, its place (and R*Tree row on SQLite) and times
//   request.field_changed    {"field": one of a fixed list, "after": value}
//   request.status_changed   {"status": open|in_progress|closed, "closure_reason": text}
//   request.note_added       {"text": text}; the note stays in the event log
//   request.caller_attached  {"caller_id": id, "role": requester|...}
//   caller.upserted          a caller's name, phone, email, language and preference

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QVariantList>

class QSqlDatabase;

namespace civicdesk::requestprojection {

bool handles(const Event &event);
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);

// The insert of request.created, for the projector's batches: its head (the columns), their
// number, and one event's row in that order.
const QString &createdInsertHead();
constexpr int CreatedInsertColumns = 24;
QVariantList createdRow(const Event &event);

} // namespace civicdesk::requestprojection

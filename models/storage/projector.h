#pragma once

// Private to storage: applies one event to the projection tables inside the caller's
// transaction.

#include "domain/event.h"
#include "domain/result.h"

class QSqlDatabase;

namespace civicdesk::projector {

// Rejects unknown kinds and payloads missing what the kind needs, naming the field.
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);

} // namespace civicdesk::projector

#pragma once

// Private to storage: applies one event to the projection tables inside the caller's
// transaction.

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QList>

class QSqlDatabase;

namespace civicdesk::projector {

// Rejects unknown kinds and payloads missing what the kind needs, naming the field.
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);
// Applies events in order, in fewer statements where the dialect gains from it (PostgreSQL:
// runs of request.created become one insert). On failure it does not say which event failed:
// roll back and apply them one by one to find out.
Status applyAll(QSqlDatabase &db, const QList<Event> &events);

} // namespace civicdesk::projector

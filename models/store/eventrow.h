#pragma once

// The one reader of an event row, for the stores that read events back from their `events`
// table (the workstation's sync journal, the central log): the columns in one order, the event
// they make, and the payload's stored form.

#include "models/domain/event.h"

#include <QJsonObject>
#include <QString>

class QSqlQuery;

namespace civicdesk::eventrow {

// "id, entity_type, entity_id, kind, payload, actor, device, client_time", each name prefixed
// with `prefix` (e.g. "e.").
QString columns(const QString &prefix = {});
// The event whose columns() start at column `first` of the query's current row.
Event read(const QSqlQuery &query, int first = 0);
// A payload as the events table stores it: compact JSON text.
QString payloadText(const QJsonObject &payload);

} // namespace civicdesk::eventrow

#pragma once

// Private to storage and the supervisor's KPIs: the request rollup, so that a period's requests
// by type and department and its SLA are read, not counted again request by request.
//
//  - kpi_request_days: per UTC day, kind, type (service code, else the type's name), type name,
//    department ("" none), channel ("" none) and origin (imported = 1: the city's imported
//    history): the requests and, for kind 'closed', those closed on or before their due time.
//    Kind 'opened' counts a request on the UTC day it opened (opened_at / 86400); kind 'closed'
//    counts a request closed with a due time on the UTC day it closed. A whole function of the
//    requests table: the projection of a request event moves the request's rows out of their
//    old buckets and into their new ones (in the event's transaction); the city's history
//    import and a workstation's reference loader, which write requests directly, rebuild it
//    when they finish. The supervisor's KPIs sum the UTC days a period covers whole and count
//    its edges from the requests directly (models/supervision/kpi/kpirequests.h).

#include "models/domain/result.h"

#include <QStringList>

class QSqlDatabase;

namespace civicdesk::requestrollups {

// The migration's statements (SQLite, translated for PostgreSQL like every migration): never
// change them once released, add a migration.
QStringList migration();
// Empties the rollup and builds it again from the requests.
Status rebuild(QSqlDatabase &db);

// A request as the rollup counts it: read before a request event is projected and after, then
// move() with both.
struct RequestState
{
    bool exists = false;
    qint64 openedAt = 0;
    bool opened = false; // has an opening time
    QString service;
    QString typeName;
    QString department;
    QString channel;
    bool imported = false;
    bool closed = false; // closed, with a closing and a due time
    qint64 closedAt = 0;
    bool met = false; // closed on or before its due time
    bool operator==(const RequestState &other) const = default;
};
Result<RequestState> state(QSqlDatabase &db, const QString &requestId);
Status move(QSqlDatabase &db, const RequestState &before, const RequestState &after);

} // namespace civicdesk::requestrollups

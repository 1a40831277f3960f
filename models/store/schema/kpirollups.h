#pragma once

// Private to storage and the supervisor's KPIs: what the store keeps so that a period's figures
// are read, not counted again row by row. Maintained by the projections when an event is applied
// (in its transaction), built from the projections by the migration that adds them, and rebuilt
// the same way on demand (rebuild()):
//
//  - kpi_contact_days: contacts per UTC day (started_at / 86400), agent, channel and outcome
//    ("" while running): contacts, ended, handle seconds, and the contacts per UTC hour of that
//    day (h0 .. h23). A whole function of the contacts table: applying contact.started or
//    contact.ended moves the contact's row out of its old bucket and into its new one. The
//    supervisor's KPIs sum the UTC days a period covers whole and count its edges directly, so
//    any time zone's local days come out exact; a local hour is a UTC hour moved by the zone's
//    offset on the days it has one offset in whole hours.
//  - contact_request_links: which contact each request was made or joined in (request.created
//    or request.caller_attached written on the contact's workstation between its start and its
//    end: the latest contact started there before the event, unless it had ended), what the
//    event log says once and never changes; with the link's caller and type (kept current as
//    the request and the contact change) and whether the same caller came back about the same
//    type within 7 days (kept current for the caller-and-type groups a change touches).
//  - contacts.fcr: the contact's first-contact resolution (NULL: not counted; 0 resolved; 1 the
//    caller came back), summed in kpi_contact_days (fcr_eligible, fcr_repeated) like the rest,
//    so a period's first-contact resolution is a sum too.
//  - requests.created_by: the actor of the request's request.created event (empty for the
//    city's imported history), so a period's requests by agent need no look-up in the log.

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QStringList>

class QSqlDatabase;

namespace civicdesk::kpirollups {

// The migration's statements (SQLite, translated for PostgreSQL like every migration), released
// as schema 25: never change them, add a migration.
QStringList migration();
// Empties the rollups (the request rollup too, models/store/schema/requestrollups.h) and builds
// them again from the projections and the log.
Status rebuild(QSqlDatabase &db);

// The contact's rollup before and after a contact event is projected: call before() first,
// then after() with its answer.
struct ContactState
{
    bool exists = false;
    qint64 startedAt = 0;
    QString agent;
    QString channel;
    QString outcome;
    bool ended = false;
    qint64 handleSeconds = 0;
    int fcr = -1; // first-contact resolution: -1 not counted, 0 resolved, 1 repeated
};
Result<ContactState> contactState(QSqlDatabase &db, const QString &contactId);
Status moveContact(QSqlDatabase &db, const ContactState &before, const ContactState &after);

// Links a request event (request.created, request.caller_attached) already in the log to the
// contact it was written in, if any.
Status linkToContact(QSqlDatabase &db, const Event &event);

// After a request's or a contact's projection changed: the caller and type of its links again,
// whether each link of the caller-and-type groups they were and are in was repeated, and the
// first-contact resolution of those groups' contacts (moved in the rollup).
enum class FcrScope
{
    Request,
    Contact
};
Status refreshFcr(QSqlDatabase &db, FcrScope scope, const QString &id);

} // namespace civicdesk::kpirollups

#pragma once

#include "domain/servicerequest.h"

#include <QDateTime>

namespace civicdesk {

// One line of a request's timeline: an event from the log, or (for history imported from the
// city) a moment recorded in the imported row.
struct TimelineEntry
{
    enum class Kind
    {
        Created,
        FieldChanged,
        StatusChanged,
        NoteAdded,
        CallerAttached,
        TargetSet, // imported rows: the department's target date
        Closed     // imported rows: closed, with the city's closure text
    };
    Kind kind = Kind::Created;
    QDateTime time;
    QString actor;   // agent user name; empty for imported history
    QString device;  // workstation code; empty for imported history
    QString channel; // phone, web, open311, ...; empty when the agent worked on the request
    bool imported = false;

    QString field;  // FieldChanged
    QString before; // FieldChanged: what it was (from the event, else replayed from the log)
    QString after;  // FieldChanged
    RequestStatus status = RequestStatus::Open; // StatusChanged, Closed
    RequestStatus previousStatus = RequestStatus::Open;
    QString closureReason; // StatusChanged, Closed
    QString text;          // NoteAdded
    bool isPublic = false; // NoteAdded: may be read to the caller
    QString callerId;      // CallerAttached, Created
    QString callerName;
};

} // namespace civicdesk

#pragma once

#include "models/domain/servicerequest.h"

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
        TargetSet,         // imported rows: the department's target date
        Closed,            // imported rows: closed, with the city's closure text
        DuplicateLinked,   // this request linked as a duplicate, or (asParent) one linked to it
        DuplicateUnlinked, // the same, undone
        CallbackScheduled, // a callback promised to the caller by dueAt
        CallbackDone       // a callback made, with its outcome
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
    QString callerId;      // CallerAttached, Created, CallbackScheduled
    QString callerName;
    QString relatedId;     // Duplicate*: the other request
    QString relatedNumber; // Duplicate*: its number
    bool asParent = false; // Duplicate*: this request is the parent, the other the duplicate
    QString callbackId;    // Callback*
    QDateTime dueAt;       // CallbackScheduled
    QString phone;         // CallbackScheduled: the number to call
    QString outcome;       // CallbackDone: one of RequestActions::callbackOutcomes()
};

} // namespace civicdesk

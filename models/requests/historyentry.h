#pragma once

#include "models/domain/contact.h"
#include "models/domain/servicerequest.h"

namespace civicdesk {

// One row of a history view: a request, or a contact with the requests it made or joined.
struct HistoryEntry
{
    enum class Kind
    {
        Request,
        Contact
    };
    Kind kind = Kind::Request;
    ServiceRequest request;     // the request; for a contact, the first request it made or joined
    Contact contact;            // contacts only
    QStringList requestNumbers; // contacts only: every request it made or joined
    bool sameAddress = false;   // location view: at the address being entered
    double distanceMeters = -1; // location view: from the point being entered

    QDateTime when() const { return kind == Kind::Contact ? contact.startedAt : request.openedAt; }
};

} // namespace civicdesk

#pragma once

#include "models/domain/contact.h"
#include "models/domain/servicerequest.h"

#include <QString>

namespace civicdesk::requesttexts {

// The words the history views show for stored codes, shared by every request and timeline
// model (translated in one context, so each word is translated once).
// The titles of the columns every request list starts with: number, type, status, SLA, channel,
// address (columns 0 to 5); empty for any other column.
QString columnTitle(int column);
QString status(RequestStatus status);
// The status with the city's own word beside it when an imported request carries one that says
// more than open/closed ("Closed · Cancelled", "Open · Pending"); otherwise status(r.status).
QString status(const ServiceRequest &request);
QString sla(SlaState state);
QString channel(const QString &channel);
QString outcome(std::optional<Outcome> outcome);
// Closure reasons chosen here are codes; imported closure text is shown as the city wrote it.
QString closureReason(const QString &reason);
QString field(const QString &field);
// How a callback went (RequestActions::callbackOutcomes()).
QString callbackOutcome(const QString &outcome);

} // namespace civicdesk::requesttexts

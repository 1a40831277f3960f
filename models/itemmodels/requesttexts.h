#pragma once

#include "models/domain/contact.h"
#include "models/domain/servicerequest.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

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
// When something happened, as a list shows it in the locale's short form: the time alone when
// it was the day of `now` ("9:27 AM"), otherwise the date alone ("1/2/15"), in `zone` (the
// city's; the agent's own when invalid).
QString listMoment(const QDateTime &when, const QDateTime &now, const QTimeZone &zone);
// The date and time, in the locale's short form ("1/2/15 9:27 AM"), for a list's tooltip.
QString fullMoment(const QDateTime &when, const QTimeZone &zone);
// How a callback went (RequestActions::callbackOutcomes()).
QString callbackOutcome(const QString &outcome);

} // namespace civicdesk::requesttexts

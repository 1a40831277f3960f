#pragma once

#include "models/cti/phonenumber.h"
#include "models/domain/contact.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace civicdesk {

// The phone rang at the agent's desk: who calls, which number they dialled, through which queue,
// and what the phone system learned before (the language chosen in the IVR).
struct CallOffer
{
    QString callId;
    PhoneNumber caller;
    QString dialledNumber; // as given (DNIS)
    QString queue;
    QString language; // "en", "es", or "" when the phone system does not say
    QDateTime at;     // when the adapter heard of it (UTC)
};

struct CallEnd
{
    QString callId;
    CallEndCause cause = CallEndCause::Normal;
    QString detail; // the phone system's own words ("Connection reset by peer"), if any
    QDateTime at;
};

// Where the adapter stands with the phone (or the phone system's bridge).
enum class LinkState
{
    Off,        // not configured
    Connecting, // first attempt under way
    Connected,
    Retrying // lost or refused: the next attempt is scheduled (with backoff)
};

} // namespace civicdesk

Q_DECLARE_METATYPE(civicdesk::CallOffer)
Q_DECLARE_METATYPE(civicdesk::CallEnd)

#pragma once

#include "models/cti/callevents.h"
#include "models/intake/intakerepository.h"

namespace civicdesk {

// What the desk shows when the phone rings, decided from the local replica alone (so it works
// with the central store unreachable): the callers on file with the caller's number.
struct ScreenPop
{
    enum class Kind
    {
        OneCaller,      // the contact starts with that caller
        SeveralCallers, // a shared number: the agent chooses
        NewCaller,      // nobody on file: a new contact with the number filled in
        Anonymous       // withheld or no number: never searched, said plainly
    };
    Kind kind = Kind::Anonymous;
    CallOffer offer;
    QList<CallerMatch> callers;
    // What the contact records about the call.
    ContactCall contactCall() const;
};

ScreenPop screenPopFor(const CallOffer &offer, const IntakeRepository &intake);

} // namespace civicdesk

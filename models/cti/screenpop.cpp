#include "models/cti/screenpop.h"

namespace civicdesk {

namespace {
// A shared line lists at most this many callers to choose from.
constexpr int maxCallersShown = 8;
} // namespace

ContactCall ScreenPop::contactCall() const
{
    ContactCall call;
    call.callId = offer.callId;
    call.number = offer.caller.isNumber() || offer.caller.kind == PhoneNumber::Kind::ShortCode
                      ? offer.caller.e164
                      : QString();
    call.rawNumber = offer.caller.raw.left(maxCallIdLength);
    call.dialledNumber = offer.dialledNumber.left(maxCallIdLength);
    call.queue = offer.queue.left(maxCallIdLength);
    call.offeredAt = offer.at;
    return call;
}

ScreenPop screenPopFor(const CallOffer &offer, const IntakeRepository &intake)
{
    ScreenPop pop;
    pop.offer = offer;
    if (offer.caller.isAnonymous()) {
        pop.kind = ScreenPop::Kind::Anonymous;
        return pop;
    }
    if (offer.caller.isNumber())
        pop.callers = intake.callersWithPhone(offer.caller.e164, maxCallersShown);
    pop.kind = pop.callers.isEmpty()     ? ScreenPop::Kind::NewCaller
               : pop.callers.size() == 1 ? ScreenPop::Kind::OneCaller
                                         : ScreenPop::Kind::SeveralCallers;
    return pop;
}

} // namespace civicdesk

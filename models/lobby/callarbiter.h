#pragma once

#include "models/domain/event.h"

#include <QString>
#include <functional>

namespace civicdesk {

// Who decides that a call of a ticket is the only one: with a central store, the store itself
// (models/sync/synccallarbiter.h sends the ticket.called event and waits for its answer, so two
// counters never both get the same ticket). Without a central store there is no arbiter: one
// workstation holds the only queue.
class CallArbiter
{
public:
    enum class Verdict
    {
        Accepted,   // the central store recorded this call: the ticket is this counter's
        Refused,    // another counter called it first (or the store refused the event)
        Unreachable // no answer: the counter works offline on its own partition of the queue
    };
    struct Answer
    {
        Verdict verdict = Verdict::Unreachable;
        QString message; // the store's reason for a refusal, or the network error
    };
    using Done = std::function<void(Answer)>;

    virtual ~CallArbiter() = default;
    // Submits one ticket.called event; answers exactly once through `done`, never before
    // returning.
    virtual void submit(const Event &call, Done done) = 0;
};

} // namespace civicdesk

#include "models/sync/synccallarbiter.h"

#include "models/sync/syncclient.h"

namespace civicdesk {

void SyncCallArbiter::submit(const Event &call, Done done)
{
    const QString id = call.id;
    m_client.push({call}, [id, done = std::move(done)](Result<PushResult> result) {
        if (!result) {
            // Transient failures and a lost session alike: the counter cannot know, so it
            // serves its own partition until the store answers again.
            done({Verdict::Unreachable, result.error().message});
            return;
        }
        for (const Acknowledgement &ack : result.value().accepted) {
            if (ack.id == id) {
                done({Verdict::Accepted, {}});
                return;
            }
        }
        for (const EventRejection &rejection : result.value().rejected) {
            if (rejection.id == id) {
                done({Verdict::Refused, rejection.message});
                return;
            }
        }
        done({Verdict::Unreachable, QStringLiteral("no answer about the call")});
    });
}

} // namespace civicdesk

#pragma once

#include "models/lobby/callarbiter.h"

namespace civicdesk {

class SyncClient;

// The central store decides which counter gets a ticket: the ticket.called event is pushed at
// once (POST /api/v1/events), where the store appends it and projects it in one transaction
// under its write lock; the projection refuses a call of a ticket that is no longer waiting, so
// the store's log holds one call per ticket and round. Accepted: the ticket is this counter's.
// Refused (a rejection with code "conflict"): someone else has it. No answer within the timeout,
// or no valid session: unreachable, and the counter works offline (LobbyService).
class SyncCallArbiter : public CallArbiter
{
public:
    // Calls through the workstation's signed-in client (its session and server).
    explicit SyncCallArbiter(SyncClient &client) : m_client(client) {}

    void submit(const Event &call, Done done) override;

private:
    SyncClient &m_client;
};

} // namespace civicdesk

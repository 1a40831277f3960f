#pragma once

#include "app/server/apigate.h"
#include "app/server/longpoll.h"
#include "models/accounts/accountstore.h"
#include "models/central/centrallog.h"

class QHttpServer;

namespace civicdesk {

class Database;

// The sync API of API.md: sign-in, push and long-polled pull of events.
class SyncApi
{
public:
    static constexpr int MaxBatch = 500;
    static constexpr int MaxPull = 1000;
    static constexpr int DefaultPull = 500;
    static constexpr int MaxWaitSeconds = 60;
    // Sign-ins per minute from one address: enough for a shift change of a whole contact centre
    // behind one NAT address, few enough to slow password spraying across accounts (each
    // account also locks after five failures).
    static constexpr int LoginsPerAddressPerMinute = 120;

    SyncApi(Database &database, AccountStore &accounts);
    void registerRoutes(QHttpServer &server);
    // Events accepted by another part of this process (Open311 POST): wake waiting pulls.
    void eventsAccepted() { m_longPoll.notify(); }
    void shutdown() { m_longPoll.releaseAll(); }

private:
    QHttpServerResponse login(const QHttpServerRequest &request);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse me(const QHttpServerRequest &request);
    QHttpServerResponse push(const QHttpServerRequest &request);
    void pull(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse eventsAfter(qint64 after, int limit);

    Database &m_database;
    AccountStore &m_accounts;
    CentralLog m_log;
    ApiGate m_gate;
    RateLimiter m_loginsPerAddress{LoginsPerAddressPerMinute};
    LongPoll m_longPoll;
};

} // namespace civicdesk

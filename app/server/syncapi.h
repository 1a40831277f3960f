#pragma once

#include "app/server/apigate.h"
#include "app/server/longpoll.h"
#include "app/server/passwordchecks.h"
#include "app/server/serveroptions.h"
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
    // A sign-in refused because every password check worker and queue place is taken.
    static constexpr int SignInRetryAfterSeconds = 2;

    SyncApi(Database &database, AccountStore &accounts, const SignInLimits &signIns = {});
    void registerRoutes(QHttpServer &server);
    // Events accepted by another part of this process (Open311 POST): wake waiting pulls.
    void eventsAccepted()
    {
        lastSeq(true);
        m_longPoll.notify();
    }
    // How old the store's highest sequence number known here may be when a long-poll is
    // judged (this process's own events refresh it at once; another process's within this, and
    // a waiting pull within LongPoll::PollMs).
    static constexpr int LastSeqFreshMs = 20;
    // Pull answers kept for reuse while no new event arrives; beyond this many, forgotten.
    static constexpr int MaxSharedAnswers = 256;
    void shutdown() { m_longPoll.releaseAll(); }

private:
    void login(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse signInAnswer(const Result<Session> &session, const QString &name);
    QHttpServerResponse logout(const QHttpServerRequest &request);
    QHttpServerResponse me(const QHttpServerRequest &request);
    QHttpServerResponse push(const QHttpServerRequest &request);
    void pull(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse eventsAfter(qint64 after, int limit);
    // The store's highest sequence number: read again when `fresh` or older than LastSeqFreshMs.
    qint64 lastSeq(bool fresh = false);

    Database &m_database;
    AccountStore &m_accounts;
    CentralLog m_log;
    ApiGate m_gate;
    SignInLimits m_signIns;
    RateLimiter m_loginsPerAddress;
    RateLimiter m_loginsPerAccount;
    PasswordChecks m_passwordChecks;
    LongPoll m_longPoll;
    qint64 m_lastSeq = 0;
    QElapsedTimer m_lastSeqRead;
    // Answers of pulls since the last new event, by (after, limit): the pollers one wake-up
    // answered pull again after the same number, and share one read and one encoding of what
    // came meanwhile instead of each querying and encoding it (issue 13, item 9).
    struct SharedAnswer
    {
        QByteArray data;
    };
    QHash<std::pair<qint64, int>, SharedAnswer> m_sharedAnswers;
    qint64 m_sharedAnswersSeq = -1;
};

} // namespace civicdesk

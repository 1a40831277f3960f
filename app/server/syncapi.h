#pragma once

#include "app/server/apigate.h"
#include "app/server/longpoll.h"
#include "app/server/passwordchecks.h"
#include "app/server/serveroptions.h"
#include "app/server/storewriter.h"
#include "app/server/wireanswer.h"
#include "models/accounts/accountstore.h"
#include "models/central/centrallog.h"

#include <memory>
#include <variant>
#include <vector>

class QHttpServer;

namespace civicdesk {

namespace http {
class PendingAnswer;
}

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

    // A batch, sign-in or sign-out refused because the store writer's queue is full.
    static constexpr int WriterRetryAfterSeconds = 1;

    // Pushes written together in one transaction at most (whole batches: at least one).
    static constexpr int MaxGroupEvents = 2000;

    // Reads (pulls, sign-ins) use `database` on this thread; pushes are written by `writer`,
    // `pushQueue` of them at most waiting for it (more: 503 busy).
    SyncApi(Database &database, AccountStore &accounts, StoreWriter &writer,
            const SignInLimits &signIns = {}, int pushQueue = 256);
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
    // At shutdown: the batches queued are written and answered, and every waiter answered.
    void shutdown()
    {
        do
            m_writer.finish(); // answering one group may send the next to the writer
        while (m_writing);
        m_longPoll.releaseAll();
    }

private:
    // Sign-in (syncsignin.cpp): the attempt counted here, then in the store every process
    // shares (by the store writer), then the password checked on a worker, then the outcome
    // written by the store writer.
    struct SignInRequest
    {
        QString address; // the client's (behind a trusted proxy, from X-Forwarded-For)
        QString name;
        QString password;
        QString device;
    };
    void login(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void countSignIn(const std::shared_ptr<http::PendingAnswer> &pending,
                     const SignInRequest &signIn);
    void checkPassword(const std::shared_ptr<http::PendingAnswer> &pending,
                       const SignInRequest &signIn);
    // The password was checked: the store writer records the outcome.
    void finishSignIn(const std::shared_ptr<http::PendingAnswer> &pending,
                      const AccountStore::SignInAttempt &attempt, bool matched,
                      const QString &device);
    QHttpServerResponse signInAnswer(const Result<Session> &session, const QString &name);
    void logout(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // True (and `pending` answered 503 busy) when `pushQueue` jobs wait for the store writer.
    bool writerFull(const std::shared_ptr<http::PendingAnswer> &pending);
    QHttpServerResponse me(const QHttpServerRequest &request);
    // A push, signed in and decoded on the event loop, checked and written on the writer's.
    struct Batch
    {
        Session session;
        QList<Event> events;
    };
    struct WrittenBatch
    {
        QHttpServerResponse response{QHttpServerResponse::StatusCode::InternalServerError};
        qint64 lastSeq = 0;
        bool accepted = false; // some event is new to the store
    };
    // The batch of a push, or the answer that refuses it (nothing written).
    std::variant<QHttpServerResponse, Batch> decodeBatch(const QHttpServerRequest &request);
    void push(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Sends the pushes queued to the writer as one group, unless it is writing already.
    void writeQueued();
    // Runs on the store writer's thread, on its connection.
    static std::vector<WrittenBatch> writeBatches(Database &store, const QList<Batch> &batches);
    static WrittenBatch answerFor(const Result<PushOutcome> &outcome);
    void pull(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // A pull's whole answer (shared, see m_sharedAnswers): the log after `after`, with the
    // quality reviews `session` may read.
    http::WireAnswer eventsAfter(qint64 after, int limit, const Session &session);
    // Whose quality reviews a pull by `session` carries: pulls of the same audience may share
    // an answer, pulls of different ones only when the range holds no review.
    static QString reviewAudience(const Session &session);
    // The store's highest sequence number: read again when `fresh` or older than LastSeqFreshMs.
    qint64 lastSeq(bool fresh = false);

    Database &m_database;
    AccountStore &m_accounts;
    StoreWriter &m_writer;
    struct QueuedPush
    {
        Batch batch;
        std::shared_ptr<http::PendingAnswer> pending;
    };
    std::vector<QueuedPush> m_queuedPushes; // waiting for the writer, in arrival order
    bool m_writing = false;                 // a group is with the writer
    int m_pushQueue;
    CentralLog m_log;
    ApiGate m_gate;
    SignInLimits m_signIns;
    RateLimiter m_loginsPerAddress;
    RateLimiter m_loginsPerAccount;
    QElapsedTimer m_attemptsPruned; // when this process last deleted the store's windows over
    PasswordChecks m_passwordChecks;
    LongPoll m_longPoll;
    qint64 m_lastSeq = 0;
    QElapsedTimer m_lastSeqRead;
    // Answers of pulls since the last new event, by (after, limit) and whose reviews they
    // carry (one for everyone when the range holds none): the pollers one wake-up
    // answered pull again after the same number, and share one read and one encoding of what
    // came meanwhile instead of each querying and encoding it (issue 13, item 9).
    using SharedAnswerKey = std::pair<std::pair<qint64, int>, QString>;
    QHash<SharedAnswerKey, http::WireAnswer> m_sharedAnswers;
    qint64 m_sharedAnswersSeq = -1;
};

} // namespace civicdesk

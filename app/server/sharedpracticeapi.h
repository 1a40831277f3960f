#pragma once

#include "app/server/apigate.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;

namespace civicdesk {

namespace http {
class PendingAnswer;
}

class CentralPractice;
class Database;
class StoreWriter;

// Practice shared through the central store (API.md, "Shared practice"): the scenarios trainers
// write and the trainees' scored runs, under /api/v1/practice/ beside the live practice channel.
// The server decides who may: trainers and admins write scenarios (mayAuthorScenarios), every
// signed-in user reads them; a run is sent by its own trainee only; trainers, supervisors and
// admins read every run (mayReadEveryTraineeReport), everyone else their own. A scenario is
// checked with the very loader that checks scenario files, against the store's catalogue,
// knowledge base and referrals, before anything is written. Practice lives in tables of its own
// (CentralPractice), never in the event log: a pull, a projection or an Open311 answer never
// carries it. Reads are answered on the event loop, writes by the store writer.
class SharedPracticeApi
{
public:
    static constexpr int WriterRetryAfterSeconds = 1;
    static constexpr int MaxRunsPerPost = 20;

    SharedPracticeApi(Database &database, AccountStore &accounts, StoreWriter &writer,
                      int writerQueue);
    void registerRoutes(QHttpServer &server);

private:
    QHttpServerResponse scenarios(const QHttpServerRequest &request);
    void saveScenario(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void removeScenario(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse runs(const QHttpServerRequest &request);
    void addRuns(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Screened and signed in (and, when `body` is given, a JSON object of at most the
    // practice body size); else answered through `pending`.
    std::optional<Session> admitted(const QHttpServerRequest &request, http::PendingAnswer &pending,
                                    QJsonObject *body);
    using Write = std::function<QHttpServerResponse(CentralPractice &)>;
    void write(const std::shared_ptr<http::PendingAnswer> &pending, Write job);

    Database &m_database;
    StoreWriter &m_writer;
    int m_writerQueue;
    ApiGate m_gate;
};

} // namespace civicdesk

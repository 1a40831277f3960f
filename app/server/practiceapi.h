#pragma once

#include "app/server/apigate.h"
#include "app/server/practicerooms.h"
#include "app/server/routetable.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <memory>
#include <optional>
#include <variant>
#include <vector>

class QHttpServer;

namespace civicdesk {

// The practice channel of API.md ("Live practice calls"): a trainer opens a live practice call
// and plays the caller from one workstation, a trainee joins it with the join code from
// another; the trainer's lines, the trainee's questions and the trainee's intake (read only)
// travel as messages, pulled by long-poll like the sync API's events. It reads the store only to
// check sign-ins and never writes to it: the calls live in this process's memory (PracticeRooms)
// and are forgotten when they end or sit idle.
class PracticeApi : public QObject
{
public:
    static constexpr int MaxWaitSeconds = 30;
    static constexpr int SweepMs = 1000;

    PracticeApi(AccountStore &accounts, PracticeLimits limits = {}, QObject *parent = nullptr);
    void registerRoutes(QHttpServer &server);
    // Answers every waiting pull now (at shutdown).
    void shutdown();

private:
    QHttpServerResponse open(const Session &session, const QJsonObject &body);
    QHttpServerResponse join(const Session &session, const QJsonObject &body);
    QHttpServerResponse post(const Session &session, const QJsonObject &body);
    QHttpServerResponse close(const Session &session, const QJsonObject &body);
    void pull(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse messages(const QString &id, const QString &user, qint64 after);
    // A POST's sign-in and JSON body; `roleCheck` (when given) is asked before the body is
    // read.
    struct SignedPost
    {
        Session session;
        QJsonObject body;
    };
    using RoleCheck = std::optional<Error> (*)(AgentRole);
    std::variant<SignedPost, QHttpServerResponse> readPost(const QHttpServerRequest &request,
                                                           RoleCheck roleCheck = nullptr);
    QHttpServerResponse refusal(const Error &error, const QString &field = {}) const;
    // Answers the waiting pulls of call `id` that have something new (or all, when `force`).
    void wake(const QString &id, bool force = false);
    void sweep();

    struct Waiter
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        QString id;
        QString user;
        qint64 after;
        qint64 deadlineMs;
        QString logLine;
        QElapsedTimer started;
    };

    ApiGate m_gate;
    PracticeRooms m_rooms;
    QElapsedTimer m_clock;
    qint64 m_epochMs; // wall time when m_clock started
    QTimer m_sweep;
    std::vector<std::unique_ptr<Waiter>> m_waiters;
    qint64 nowMs() const { return m_epochMs + m_clock.elapsed(); }
};

} // namespace civicdesk

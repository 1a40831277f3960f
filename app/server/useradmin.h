#pragma once

#include "app/server/apigate.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <functional>
#include <memory>
#include <optional>

class QHttpServer;

namespace civicdesk {

namespace http {
class PendingAnswer;
}

class StoreWriter;

// /api/v1/users for admins: the list is read on the event loop; a new user or a change (role,
// disabled, password) is checked there, then written by the store writer — the password's
// Argon2id hash with it, never on the event loop — and answered once committed. The sessions
// this process keeps in memory are forgotten after each change (it may end or alter them).
class UserAdmin
{
public:
    // A change refused because the store writer's queue is full.
    static constexpr int WriterRetryAfterSeconds = 1;

    UserAdmin(AccountStore &accounts, StoreWriter &writer, int writerQueue);
    void registerRoutes(QHttpServer &server);

private:
    // 401 without a valid token, 403 for anyone but an admin; nothing when allowed.
    std::optional<QHttpServerResponse> refuseUnlessAdmin(const QHttpServerRequest &request);
    // Screened, signed in as an admin and with a JSON object for a body; else answered here.
    bool admitted(const QHttpServerRequest &request, const QString &arg,
                  http::PendingAnswer &pending, QJsonObject &body);
    QHttpServerResponse users(const QHttpServerRequest &request);
    void addUser(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void changeUser(const QString &name, const QHttpServerRequest &request,
                    QHttpServerResponder &&responder);
    // What runs on the store writer's thread, with an AccountStore on its connection.
    using Write = std::function<QHttpServerResponse(AccountStore &)>;
    void write(const std::shared_ptr<http::PendingAnswer> &pending, Write job);

    AccountStore &m_accounts;
    StoreWriter &m_writer;
    int m_writerQueue;
    ApiGate m_gate;
};

} // namespace civicdesk

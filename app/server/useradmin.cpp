#include "app/server/useradmin.h"

#include "app/server/answeredwrite.h"
#include "app/server/httpreply.h"
#include "app/server/pendinganswer.h"

#include <QCoreApplication>
#include <QHttpServer>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(QueryApi)
};

QJsonObject accountJson(const Account &account)
{
    return QJsonObject{{QStringLiteral("name"), account.name},
                       {QStringLiteral("role"), agentRoleName(account.role)},
                       {QStringLiteral("disabled"), account.disabled}};
}

// The answer to an account write that failed: the caller's fault named, else the store's.
QHttpServerResponse refusal(const Error &error, const QString &field)
{
    if (error.code == u"conflict")
        return http::error(HttpStatus::Conflict, QStringLiteral("conflict"), error.message,
                           QStringLiteral("name"));
    if (error.code == u"not_found")
        return http::error(HttpStatus::NotFound, QStringLiteral("not_found"), error.message);
    if (error.code == u"validation")
        return http::validationError(error.message, field);
    return http::storeUnavailable(error.message);
}

} // namespace

UserAdmin::UserAdmin(AccountStore &accounts, StoreWriter &writer, int writerQueue)
    : m_accounts(accounts), m_writer(writer), m_writerQueue(writerQueue), m_gate(accounts)
{
}

void UserAdmin::registerRoutes(QHttpServer &server)
{
    using Method = QHttpServerRequest::Method;
    server.route(QStringLiteral("/api/v1/users"), Method::Get,
                 http::timed([this](const QHttpServerRequest &r) { return users(r); }));
    server.route(QStringLiteral("/api/v1/users"), Method::Post,
                 [this](const QHttpServerRequest &r, QHttpServerResponder &&responder) {
                     addUser(r, std::move(responder));
                 });
    server.route(
        QStringLiteral("/api/v1/users/<arg>"), Method::Patch,
        [this](const QString &name, const QHttpServerRequest &r, QHttpServerResponder &&responder) {
            changeUser(name, r, std::move(responder));
        });
}

std::optional<QHttpServerResponse> UserAdmin::refuseUnlessAdmin(const QHttpServerRequest &request)
{
    auto gate = m_gate.authenticate(request);
    // After a database outage, as for every route: once more on a fresh connection.
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate);
        denied && denied->statusCode() == HttpStatus::ServiceUnavailable && http::recoverStore())
        gate = m_gate.authenticate(request);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    if (!mayManageUsers(std::get<Session>(gate).role))
        return ApiGate::forbidden(Text::tr("Only admins may manage users."));
    return std::nullopt;
}

bool UserAdmin::admitted(const QHttpServerRequest &request, const QString &arg,
                         http::PendingAnswer &pending, QJsonObject &body)
{
    std::optional<QHttpServerResponse> refused = http::screen(request, arg);
    if (!refused)
        refused = refuseUnlessAdmin(request);
    if (!refused)
        refused = http::parseObject(request, body);
    if (refused)
        pending.reply(*refused);
    return !refused;
}

QHttpServerResponse UserAdmin::users(const QHttpServerRequest &request)
{
    if (auto refused = refuseUnlessAdmin(request))
        return std::move(*refused);
    QJsonArray list;
    for (const Account &a : m_accounts.users())
        list.append(accountJson(a));
    return http::json(QJsonObject{{QStringLiteral("users"), list}});
}

void UserAdmin::addUser(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    QJsonObject body;
    if (!admitted(request, QString(), *pending, body))
        return;
    for (const char *name : {"name", "role", "password"}) {
        if (!body.value(QLatin1String(name)).isString())
            return pending->reply(http::validationError(
                Text::tr("\"%1\" is required (a string).").arg(QLatin1String(name)),
                QString::fromLatin1(name)));
    }
    const auto role = agentRoleFromName(body.value(u"role").toString());
    if (!role)
        return pending->reply(http::validationError(
            Text::tr("\"role\" must be one of: %1.").arg(agentRoleNames().join(u", ")),
            QStringLiteral("role")));
    const QString name = body.value(u"name").toString();
    const QString password = body.value(u"password").toString();
    if (auto s = AccountStore::checkUserName(name); !s)
        return pending->reply(http::validationError(s.error().message, QStringLiteral("name")));
    if (auto s = AccountStore::checkPassword(name, password); !s)
        return pending->reply(http::validationError(s.error().message, QStringLiteral("password")));
    write(pending, [name, role = *role, password](AccountStore &accounts) {
        if (auto s = accounts.addUser(name, role, password); !s)
            return refusal(s.error(), QStringLiteral("password"));
        return http::json(accountJson(Account{name, role, false}), HttpStatus::Created);
    });
}

void UserAdmin::changeUser(const QString &name, const QHttpServerRequest &request,
                           QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    QJsonObject body;
    if (!admitted(request, name, *pending, body))
        return;
    if (!m_accounts.user(name))
        return pending->reply(http::error(HttpStatus::NotFound, QStringLiteral("not_found"),
                                          Text::tr("No user named \"%1\".").arg(name.left(64))));
    std::optional<AgentRole> role;
    if (body.contains(u"role")) {
        role = agentRoleFromName(body.value(u"role").toString());
        if (!role)
            return pending->reply(http::validationError(
                Text::tr("\"role\" must be one of: %1.").arg(agentRoleNames().join(u", ")),
                QStringLiteral("role")));
    }
    if (body.contains(u"disabled") && !body.value(u"disabled").isBool())
        return pending->reply(http::validationError(Text::tr("\"disabled\" must be true or false."),
                                                    QStringLiteral("disabled")));
    if (body.contains(u"password") && !body.value(u"password").isString())
        return pending->reply(http::validationError(Text::tr("\"password\" must be a string."),
                                                    QStringLiteral("password")));
    std::optional<QString> password;
    if (body.contains(u"password")) {
        password = body.value(u"password").toString();
        if (auto s = AccountStore::checkPassword(name, *password); !s)
            return pending->reply(
                http::validationError(s.error().message, QStringLiteral("password")));
    }
    std::optional<bool> disabled;
    if (body.contains(u"disabled"))
        disabled = body.value(u"disabled").toBool();
    write(pending, [name, role, disabled, password](AccountStore &accounts) {
        if (role) {
            if (auto s = accounts.setRole(name, *role); !s)
                return refusal(s.error(), QStringLiteral("role"));
        }
        if (disabled) {
            if (auto s = accounts.setDisabled(name, *disabled); !s)
                return refusal(s.error(), QStringLiteral("disabled"));
        }
        if (password) {
            if (auto s = accounts.resetPassword(name, *password); !s)
                return refusal(s.error(), QStringLiteral("password"));
        }
        const auto account = accounts.user(name);
        if (!account)
            return refusal(Error{QStringLiteral("not_found"),
                                 Text::tr("No user named \"%1\".").arg(name.left(64))},
                           QString());
        return http::json(accountJson(*account));
    });
}

void UserAdmin::write(const std::shared_ptr<http::PendingAnswer> &pending, Write job)
{
    http::answeredWrite(
        m_writer, m_writerQueue, WriterRetryAfterSeconds, pending,
        [job = std::move(job)](Database &store) {
            AccountStore accounts(store);
            return job(accounts);
        },
        // A new role, a disabled account or a new password ends or alters sessions.
        [this] { m_accounts.forgetCachedSessions(); });
}

} // namespace civicdesk

#include "app/server/apigate.h"

#include "app/server/httpreply.h"
#include "app/server/routetable.h"

#include <QCoreApplication>
#include <algorithm>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ApiGate)
};

} // namespace

bool RateLimiter::allow(const QString &key, qint64 nowMs, int *retryAfterSeconds)
{
    Window &w = m_windows[key];
    if (nowMs - w.startMs >= 60000) {
        w.startMs = nowMs;
        w.count = 0;
    }
    if (w.count >= m_perMinute) {
        if (retryAfterSeconds)
            *retryAfterSeconds = int((w.startMs + 60000 - nowMs + 999) / 1000);
        return false;
    }
    ++w.count;
    if (m_windows.size() > 10000) {
        // Forget finished windows so a stream of new keys cannot grow the table without end.
        for (auto it = m_windows.begin(); it != m_windows.end();)
            it = nowMs - it->startMs >= 60000 ? m_windows.erase(it) : std::next(it);
    }
    return true;
}

std::variant<Session, QHttpServerResponse> ApiGate::authenticate(const QHttpServerRequest &request)
{
    return authenticate(http::bearerToken(request));
}

std::optional<QHttpServerResponse> ApiGate::admit(const RequestHead &head)
{
    if (!needsSignIn(head.path))
        return std::nullopt;
    const QString token = http::bearerToken(head.authorization);
    auto gate = authenticate(token);
    // After a database outage, as for every route: once more on a fresh connection.
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate);
        denied && denied->statusCode() == QHttpServerResponse::StatusCode::ServiceUnavailable &&
        http::recoverStore())
        gate = authenticate(token);
    if (auto *denied = std::get_if<QHttpServerResponse>(&gate))
        return std::move(*denied);
    return std::nullopt;
}

bool ApiGate::signedIn(const RequestHead &head)
{
    const QString token = http::bearerToken(head.authorization);
    return !token.isEmpty() && std::holds_alternative<Session>(authenticate(token));
}

std::variant<Session, QHttpServerResponse> ApiGate::authenticate(const QString &token)
{
    if (token.isEmpty()) {
        QHttpServerResponse response = http::error(
            QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthenticated"),
            Text::tr("Sign in first: send \"Authorization: Bearer <token>\" with the token from "
                     "POST /api/v1/login."));
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
        return response;
    }
    auto found = m_accounts.session(token, QDateTime::currentDateTimeUtc());
    if (!found) {
        // The store could not be asked (a database outage): not the token's fault. The
        // workstation keeps its session and tries again later; the detail goes to the log.
        return http::storeUnavailable(found.error().message);
    }
    const std::optional<Session> &session = found.value();
    if (!session) {
        QHttpServerResponse response = http::error(
            QHttpServerResponse::StatusCode::Unauthorized, QStringLiteral("unauthenticated"),
            Text::tr("The token is unknown, expired or signed out; sign in again."));
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"),
                           QByteArrayLiteral("Bearer error=\"invalid_token\""));
        return response;
    }
    return *session;
}

namespace {

QHostAddress plain(const QHostAddress &address)
{
    bool ok = false;
    const quint32 v4 = address.toIPv4Address(&ok); // ::ffff:a.b.c.d as a.b.c.d
    return ok ? QHostAddress(v4) : address;
}

bool trusted(const QHostAddress &address, const QList<std::pair<QHostAddress, int>> &proxies)
{
    return std::any_of(proxies.begin(), proxies.end(),
                       [&address](const auto &subnet) { return address.isInSubnet(subnet); });
}

} // namespace

QHostAddress clientAddress(const QHttpServerRequest &request,
                           const QList<std::pair<QHostAddress, int>> &trustedProxies)
{
    QHostAddress client = plain(request.remoteAddress());
    if (!trusted(client, trustedProxies))
        return client;
    // Each proxy appends the address it got the request from; walk back from the nearest hop
    // over trusted proxies. An entry that is no address ends the walk at the hop that sent it.
    QList<QByteArray> hops;
    for (const auto &[name, value] : request.headers()) {
        if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            hops += value.split(',');
    }
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address = plain(QHostAddress(QString::fromLatin1(hop->trimmed())));
        if (address.isNull())
            break;
        client = address;
        if (!trusted(client, trustedProxies))
            break;
    }
    return client;
}

QHttpServerResponse ApiGate::forbidden(const QString &message)
{
    return http::error(QHttpServerResponse::StatusCode::Forbidden, QStringLiteral("forbidden"),
                       message);
}

QHttpServerResponse ApiGate::tooMany(int retryAfterSeconds, const QString &message)
{
    QHttpServerResponse response = http::error(QHttpServerResponse::StatusCode::TooManyRequests,
                                               QStringLiteral("rate_limited"), message);
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds));
    return response;
}

} // namespace civicdesk

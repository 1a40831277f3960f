#pragma once

#include "app/server/requestframer.h"
#include "models/accounts/accountstore.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <optional>
#include <variant>

namespace civicdesk {

// Counts attempts per key in one-minute windows, in this process's memory (the sign-in limits
// shared by every process on a store are counted in it: models/accounts/signinattempts.h).
class RateLimiter
{
public:
    explicit RateLimiter(int perMinute) : m_perMinute(perMinute) {}
    // Counts one attempt; false (and the seconds to wait) when over the limit.
    bool allow(const QString &key, qint64 nowMs, int *retryAfterSeconds = nullptr);

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };
    int m_perMinute;
    QHash<QString, Window> m_windows;
};

// The sync API's door: a valid bearer token (401 otherwise; 503 with Retry-After when the
// store cannot be asked, so a database outage never signs anyone out) and, where asked, a role
// check (403).
class ApiGate
{
public:
    explicit ApiGate(AccountStore &accounts) : m_accounts(accounts) {}

    std::variant<Session, QHttpServerResponse> authenticate(const QHttpServerRequest &request);
    std::variant<Session, QHttpServerResponse> authenticate(const QString &token);
    // For a request about to send a body, judged from its head: the 401 (or 503) it gets when it
    // needs a sign-in and has no valid token, so that its body is never read.
    std::optional<QHttpServerResponse> admit(const RequestHead &head);
    // Whether the head carries the token of a live session (false when the store cannot say).
    bool signedIn(const RequestHead &head);
    static QHttpServerResponse forbidden(const QString &message);
    static QHttpServerResponse tooMany(int retryAfterSeconds, const QString &message);

private:
    AccountStore &m_accounts;
};

// The address a request comes from: the peer's, or — when the peer is one of the trusted
// proxies — the last address in X-Forwarded-For that is not a trusted proxy itself.
QHostAddress clientAddress(const QHttpServerRequest &request,
                           const QList<std::pair<QHostAddress, int>> &trustedProxies);

} // namespace civicdesk

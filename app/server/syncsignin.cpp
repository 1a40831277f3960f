// The sync API's sign-in (POST /api/v1/login): the attempt counted per client address and per
// user name in the store every server process shares, the password checked on a worker thread,
// the outcome written by the store writer.

#include "app/server/httpreply.h"
#include "app/server/pendinganswer.h"
#include "app/server/syncapi.h"
#include "models/accounts/signinattempts.h"

#include <QCoreApplication>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(SyncApi)
};

QHttpServerResponse tooManyFromAddress(int retryAfterSeconds)
{
    return ApiGate::tooMany(
        retryAfterSeconds, Text::tr("Too many sign-in attempts from this address; wait %1 seconds.")
                               .arg(retryAfterSeconds));
}

QHttpServerResponse tooManyForAccount(int retryAfterSeconds)
{
    return ApiGate::tooMany(retryAfterSeconds,
                            Text::tr("Too many sign-in attempts for this account; wait %1 seconds.")
                                .arg(retryAfterSeconds));
}

} // namespace

void SyncApi::login(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto pending = http::PendingAnswer::make(request, std::move(responder));
    if (auto refused = http::screen(request))
        return pending->reply(*refused);
    // This process's own counts first: what they refuse the shared count would refuse too, so
    // a flood from one address or at one account is turned away here without a write.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int retry = 0;
    const QString address = clientAddress(request, m_signIns.trustedProxies).toString();
    if (!m_loginsPerAddress.allow(address, now, &retry))
        return pending->reply(tooManyFromAddress(retry));
    QJsonObject body;
    if (auto refused = http::parseObject(request, body))
        return pending->reply(*refused);
    for (const char *name : {"username", "password"}) {
        if (!body.value(QLatin1String(name)).isString() ||
            body.value(QLatin1String(name)).toString().isEmpty())
            return pending->reply(http::validationError(
                Text::tr("\"%1\" is required (a string).").arg(QLatin1String(name)),
                QString::fromLatin1(name)));
    }
    if (body.contains(u"device") && !body.value(u"device").isString())
        return pending->reply(http::validationError(Text::tr("\"device\" must be a string."),
                                                    QStringLiteral("device")));
    const QString name = body.value(u"username").toString();
    if (!m_loginsPerAccount.allow(name, now, &retry))
        return pending->reply(tooManyForAccount(retry));
    countSignIn(pending, SignInRequest{address, name, body.value(u"password").toString(),
                                       body.value(u"device").toString().left(64)});
}

void SyncApi::countSignIn(const std::shared_ptr<http::PendingAnswer> &pending,
                          const SignInRequest &signIn)
{
    if (writerFull(pending))
        return;
    // Counted by the store writer in the store every process shares: N processes behind nginx
    // hold one limit, not N. A store that cannot count is a 503 with Retry-After — neither an
    // attempt let through uncounted nor a wrong password.
    const QList<SignInAttempts::Limit> limits{
        {SignInAttempts::addressKey(signIn.address), m_signIns.perAddressPerMinute},
        {SignInAttempts::accountKey(signIn.name), m_signIns.perAccountPerMinute}};
    const bool prune =
        !m_attemptsPruned.isValid() || m_attemptsPruned.elapsed() >= SignInAttempts::WindowMs;
    if (prune)
        m_attemptsPruned.start();
    auto verdict = std::make_shared<Result<SignInAttempts::Verdict>>(Error{});
    m_writer.submit(
        [limits, prune, verdict](Database &store) {
            SignInAttempts attempts(store);
            const auto count = [&] {
                return attempts.count(limits, QDateTime::currentMSecsSinceEpoch(), prune);
            };
            *verdict = count();
            if (!*verdict && StoreWriter::reconnected(store))
                *verdict = count(); // the connection was lost (PostgreSQL restarted)
        },
        [this, pending, verdict, signIn] {
            if (!*verdict)
                return pending->reply(http::storeUnavailable(verdict->error().message));
            const SignInAttempts::Verdict &counted = verdict->value();
            if (counted.refusedBy == 0)
                return pending->reply(tooManyFromAddress(counted.retryAfterSeconds));
            if (counted.refusedBy == 1)
                return pending->reply(tooManyForAccount(counted.retryAfterSeconds));
            checkPassword(pending, signIn);
        });
}

void SyncApi::checkPassword(const std::shared_ptr<http::PendingAnswer> &pending,
                            const SignInRequest &signIn)
{
    auto attempt = m_accounts.beginSignIn(signIn.name, QDateTime::currentDateTimeUtc());
    if (!attempt && !attempt.error().code.startsWith(u"auth.") && http::recoverStore())
        attempt = m_accounts.beginSignIn(signIn.name, QDateTime::currentDateTimeUtc());
    if (!attempt)
        return pending->reply(signInAnswer(attempt.error(), signIn.name));
    const bool queued = m_passwordChecks.submit(
        [hash = attempt.value().hash, password = signIn.password] {
            return AccountStore::passwordMatches(hash, password);
        },
        [this, pending, attempt = attempt.value(), device = signIn.device](bool matched) {
            finishSignIn(pending, attempt, matched, device);
        });
    if (!queued)
        pending->reply(http::busy(Text::tr("The server is checking as many sign-ins as it can; "
                                           "try again in %1 seconds.")
                                      .arg(SignInRetryAfterSeconds),
                                  SignInRetryAfterSeconds));
}

void SyncApi::finishSignIn(const std::shared_ptr<http::PendingAnswer> &pending,
                           const AccountStore::SignInAttempt &attempt, bool matched,
                           const QString &device)
{
    if (writerFull(pending))
        return;
    // The outcome (a new session, or a failure towards the lock) is written by the store writer
    // on its own connection, even when the client has gone; answered once committed.
    auto outcome = std::make_shared<Result<Session>>(Error{});
    m_writer.submit(
        [attempt, matched, device, outcome](Database &store) {
            AccountStore accounts(store);
            const auto finish = [&] {
                return accounts.finishSignIn(attempt, matched, device,
                                             QDateTime::currentDateTimeUtc());
            };
            *outcome = finish();
            if (!*outcome && !outcome->error().code.startsWith(u"auth.") &&
                StoreWriter::reconnected(store))
                *outcome = finish(); // the connection was lost (PostgreSQL restarted)
        },
        [this, pending, outcome, name = attempt.name] {
            pending->reply(signInAnswer(*outcome, name));
        });
}

QHttpServerResponse SyncApi::signInAnswer(const Result<Session> &session, const QString &name)
{
    if (!session) {
        if (session.error().code == u"auth.locked") {
            const int seconds = m_accounts.lockedSeconds(name, QDateTime::currentDateTimeUtc());
            return ApiGate::tooMany(seconds, session.error().message);
        }
        if (session.error().code.startsWith(u"auth."))
            return http::error(HttpStatus::Unauthorized,
                               session.error().code == u"auth.disabled"
                                   ? QStringLiteral("disabled")
                                   : QStringLiteral("invalid_credentials"),
                               session.error().message);
        return http::storeUnavailable(session.error().message);
    }
    const Session &s = session.value();
    return http::json(QJsonObject{
        {QStringLiteral("token"), s.token},
        {QStringLiteral("expires_at"), double(s.expiresAt.toMSecsSinceEpoch())},
        {QStringLiteral("user"), QJsonObject{{QStringLiteral("name"), s.userName},
                                             {QStringLiteral("role"), agentRoleName(s.role)}}}});
}

} // namespace civicdesk

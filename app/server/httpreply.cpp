#include "app/server/httpreply.h"

#include "models/domain/text/storabletext.h"
#include "models/open311/georeport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringDecoder>
#include <QTcpSocket>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcServer, "civicdesk.server")

namespace civicdesk::http {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(HttpApi)
};

} // namespace

QHttpServerResponse json(const QJsonObject &body, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse json(const QJsonArray &body, QHttpServerResponse::StatusCode status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/json"),
                               QJsonDocument(body).toJson(QJsonDocument::Compact), status);
}

QHttpServerResponse error(QHttpServerResponse::StatusCode status, const QString &code,
                          const QString &message, const QString &field)
{
    QJsonObject detail{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!field.isEmpty())
        detail.insert(QStringLiteral("field"), field);
    return json(QJsonObject{{QStringLiteral("error"), detail}}, status);
}

QHttpServerResponse validationError(const QString &message, const QString &field)
{
    return error(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("validation"), message,
                 field);
}

QHttpServerResponse storeUnavailable(const QString &detail)
{
    // The detail (driver and SQL text) goes to the log, never to the client.
    qCWarning(lcServer) << "store failure:" << detail;
    QHttpServerResponse response =
        error(QHttpServerResponse::StatusCode::ServiceUnavailable, QStringLiteral("unavailable"),
              Text::tr("The central store cannot read or write just now; nothing was changed. "
                       "Try again in a few seconds."));
    response.setHeader(QByteArrayLiteral("Retry-After"),
                       QByteArray::number(StoreRetryAfterSeconds));
    return response;
}

QHttpServerResponse busy(const QString &message, int retryAfterSeconds)
{
    QHttpServerResponse response =
        error(QHttpServerResponse::StatusCode::ServiceUnavailable, QStringLiteral("busy"), message);
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfterSeconds));
    return response;
}

QHttpServerResponse open311Error(QHttpServerResponse::StatusCode status, const QString &description)
{
    return json(open311::errors(int(status), description), status);
}

QString requestLine(const QHttpServerRequest &request)
{
    static const char *methods[] = {"GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH"};
    const auto method = request.method();
    const char *name = "OTHER";
    for (int bit = 0; bit < 7; ++bit) {
        if (int(method) == (1 << bit))
            name = methods[bit];
    }
    return QLatin1String(name) + u' ' + request.url().path();
}

void writeWhole(const QHttpServerResponse &response, QHttpServerResponder &&responder)
{
    QTcpSocket *socket = responder.socket();
    const int descriptor = socket ? int(socket->socketDescriptor()) : -1;
    int on = 1;
    if (descriptor >= 0)
        ::setsockopt(descriptor, IPPROTO_TCP, TCP_CORK, &on, sizeof on);
    response.write(std::move(responder));
    if (descriptor >= 0) {
        socket->flush(); // what Qt still buffers goes to the kernel before the cork comes off
        int off = 0;
        ::setsockopt(descriptor, IPPROTO_TCP, TCP_CORK, &off, sizeof off);
    }
}

void logRequest(const QHttpServerRequest &request, const QHttpServerResponse &response,
                const QElapsedTimer &timer)
{
    logRequest(requestLine(request), response, timer);
}

void logRequest(const QString &line, const QHttpServerResponse &response,
                const QElapsedTimer &timer)
{
    logRequest(line, response.statusCode(), timer);
}

void logRequest(const QString &line, QHttpServerResponse::StatusCode status,
                const QElapsedTimer &timer)
{
    qCInfo(lcServer).noquote() << line << int(status)
                               << QStringLiteral("%1 ms").arg(double(timer.nsecsElapsed()) / 1e6, 0,
                                                              'f', 1);
}

namespace {

std::function<bool()> &storeRecovery()
{
    static std::function<bool()> recover;
    return recover;
}

// A query parameter or path part the store could not keep exactly: refused before any handler
// runs, in the error shape of the API asked.
std::optional<QHttpServerResponse> refuseUnstorable(const QHttpServerRequest &request,
                                                    const QString &arg = {})
{
    std::optional<std::pair<QString, QString>> bad;
    if (auto why = unstorableText(arg))
        bad = std::pair{QStringLiteral("path"), *why};
    for (const auto &[key, value] : request.query().queryItems(QUrl::FullyDecoded)) {
        if (bad)
            break;
        if (auto why = unstorableText(key); why)
            bad = std::pair{key, *why};
        else if (auto whyValue = unstorableText(value))
            bad = std::pair{key, *whyValue};
    }
    if (!bad)
        return std::nullopt;
    const QString message = Text::tr("\"%1\" %2.").arg(bad->first, bad->second);
    if (request.url().path().startsWith(u"/open311"))
        return open311Error(QHttpServerResponse::StatusCode::BadRequest, message);
    return error(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("validation"), message,
                 bad->first);
}

} // namespace

void setStoreRecovery(std::function<bool()> recover)
{
    storeRecovery() = std::move(recover);
}

bool recoverStore()
{
    return storeRecovery() && storeRecovery()();
}

std::optional<QHttpServerResponse> screen(const QHttpServerRequest &request, const QString &arg)
{
    return refuseUnstorable(request, arg);
}

namespace {

bool recovered(const QHttpServerResponse &response)
{
    return response.statusCode() == QHttpServerResponse::StatusCode::ServiceUnavailable &&
           recoverStore();
}

// One request through the gate every route shares: unstorable text refused first, a 503 from a
// lost database connection retried once after reconnecting, the answer logged with its time.
QHttpServerResponse serve(const QHttpServerRequest &request, const QString &arg,
                          const std::function<QHttpServerResponse()> &handle)
{
    QElapsedTimer timer;
    timer.start();
    if (auto refused = refuseUnstorable(request, arg)) {
        logRequest(request, *refused, timer);
        return std::move(*refused);
    }
    QHttpServerResponse response = handle();
    if (recovered(response))
        response = handle();
    logRequest(request, response, timer);
    return response;
}

} // namespace

std::function<QHttpServerResponse(const QHttpServerRequest &)> timed(Handler handler)
{
    return [handler](const QHttpServerRequest &request) {
        return serve(request, {}, [&] { return handler(request); });
    };
}

std::function<QHttpServerResponse(const QString &, const QHttpServerRequest &)>
timedArg(ArgHandler handler)
{
    return [handler](const QString &arg, const QHttpServerRequest &request) {
        return serve(request, arg, [&] { return handler(arg, request); });
    };
}

std::optional<QHttpServerResponse> refuseLargeBody(const QHttpServerRequest &request, qint64 limit)
{
    bool declared = false;
    const qint64 length = request.value(QByteArrayLiteral("Content-Length")).toLongLong(&declared);
    if ((declared && length > limit) || request.body().size() > limit)
        return error(QHttpServerResponse::StatusCode::PayloadTooLarge, QStringLiteral("too_large"),
                     Text::tr("The request body is larger than %1 bytes; send less at once "
                              "(e.g. smaller batches).")
                         .arg(limit));
    return std::nullopt;
}

std::optional<QHttpServerResponse> parseObject(const QHttpServerRequest &request,
                                               QJsonObject &object)
{
    if (auto refused = refuseLargeBody(request))
        return refused;
    const QByteArray body = request.body();
    auto decoder = QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(body);
    if (decoder.hasError())
        return error(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("validation"),
                     Text::tr("The body is not valid UTF-8."), QStringLiteral("body"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return error(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("validation"),
                     Text::tr("The body is not valid JSON (%1 at byte %2).")
                         .arg(parseError.errorString())
                         .arg(parseError.offset),
                     QStringLiteral("body"));
    if (!document.isObject())
        return error(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("validation"),
                     Text::tr("The body must be a JSON object."), QStringLiteral("body"));
    object = document.object();
    if (auto bad = unstorableTextIn(object, QString())) {
        const QString field = bad->first.mid(1); // without the leading '.'
        return error(QHttpServerResponse::StatusCode::BadRequest, QStringLiteral("validation"),
                     Text::tr("\"%1\" %2.").arg(field, bad->second), field);
    }
    return std::nullopt;
}

QString bearerToken(const QHttpServerRequest &request)
{
    return bearerToken(request.value(QByteArrayLiteral("Authorization")));
}

QString bearerToken(const QByteArray &header)
{
    if (!header.startsWith("Bearer "))
        return {};
    return QString::fromLatin1(header.mid(7).trimmed());
}

} // namespace civicdesk::http

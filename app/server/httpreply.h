#pragma once

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <functional>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace civicdesk::http {

QHttpServerResponse
json(const QJsonObject &body,
     QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
QHttpServerResponse
json(const QJsonArray &body,
     QHttpServerResponse::StatusCode status = QHttpServerResponse::StatusCode::Ok);
// The sync API's error shape: {"error": {"code", "message", "field"}}.
QHttpServerResponse error(QHttpServerResponse::StatusCode status, const QString &code,
                          const QString &message, const QString &field = {});
// 400 "validation" naming the field at fault.
QHttpServerResponse validationError(const QString &message, const QString &field);
// The store could not be read or written (a database outage): 503 "unavailable" with
// Retry-After; nothing was written. Never a 401: a workstation keeps its session and retries.
QHttpServerResponse storeUnavailable(const QString &message);
constexpr int StoreRetryAfterSeconds = 5;
// The server takes no more of this work just now (every worker and queue place taken): 503
// "busy" with Retry-After.
QHttpServerResponse busy(const QString &message, int retryAfterSeconds);
// Open311's error shape: [{"code": 404, "description": "..."}].
QHttpServerResponse open311Error(QHttpServerResponse::StatusCode status,
                                 const QString &description);

// Logs one line per request: method, path, status, duration.
void logRequest(const QHttpServerRequest &request, const QHttpServerResponse &response,
                const QElapsedTimer &timer);
// "POST /api/v1/login": what logRequest names a request by, for answers given later.
QString requestLine(const QHttpServerRequest &request);
void logRequest(const QString &line, const QHttpServerResponse &response,
                const QElapsedTimer &timer);
void logRequest(const QString &line, QHttpServerResponse::StatusCode status,
                const QElapsedTimer &timer);

using Handler = std::function<QHttpServerResponse(const QHttpServerRequest &)>;
using ArgHandler = std::function<QHttpServerResponse(const QString &, const QHttpServerRequest &)>;
// How the server gets its store back after a handler answered 503 (a database outage): true
// when a fresh connection is open, and the handler then runs once more on it.
void setStoreRecovery(std::function<bool()> recover);
// After a 503 from the store: true when a fresh connection is open (try once more).
bool recoverStore();
// What every route refuses before its handler runs (text the store cannot keep in the query
// string or the path part `arg`), for handlers that answer through a responder.
std::optional<QHttpServerResponse> screen(const QHttpServerRequest &request,
                                          const QString &arg = {});
// Wrap route handlers so that each request is logged with its status and duration, and a 503
// from a lost database connection is retried once after reconnecting.
std::function<QHttpServerResponse(const QHttpServerRequest &)> timed(Handler handler);
std::function<QHttpServerResponse(const QString &, const QHttpServerRequest &)>
timedArg(ArgHandler handler);

// Request bodies larger than this are refused with 413 before they are parsed.
constexpr qint64 MaxBodyBytes = 1024 * 1024;
// 413 when the declared or actual body is larger than `limit`.
std::optional<QHttpServerResponse> refuseLargeBody(const QHttpServerRequest &request,
                                                   qint64 limit = MaxBodyBytes);
// The body as a JSON object, or the sync API's 400 naming what is wrong (invalid UTF-8,
// malformed JSON, not an object) or 413.
std::optional<QHttpServerResponse> parseObject(const QHttpServerRequest &request,
                                               QJsonObject &object);
// Writes `response` as one TCP segment where it fits: Qt HTTP Server writes the status line, the
// headers and the body separately, each its own packet on a low-delay socket; corked, the client
// is woken once per answer (the long-poll fan-out answers hundreds at a time).
void writeWhole(const QHttpServerResponse &response, QHttpServerResponder &&responder);
// The token of an "Authorization: Bearer ..." header.
QString bearerToken(const QHttpServerRequest &request);
QString bearerToken(const QByteArray &authorization);

} // namespace civicdesk::http

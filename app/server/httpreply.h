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
// Open311's error shape: [{"code": 404, "description": "..."}].
QHttpServerResponse open311Error(QHttpServerResponse::StatusCode status,
                                 const QString &description);

// Logs one line per request: method, path, status, duration.
void logRequest(const QHttpServerRequest &request, const QHttpServerResponse &response,
                const QElapsedTimer &timer);

using Handler = std::function<QHttpServerResponse(const QHttpServerRequest &)>;
using ArgHandler = std::function<QHttpServerResponse(const QString &, const QHttpServerRequest &)>;
// Wrap route handlers so that each request is logged with its status and duration.
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
// The token of an "Authorization: Bearer ..." header.
QString bearerToken(const QHttpServerRequest &request);

} // namespace civicdesk::http

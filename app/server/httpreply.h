#pragma once

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

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

} // namespace civicdesk::http

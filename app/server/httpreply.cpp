#include "httpreply.h"

#include "open311/georeport.h"

#include <QJsonDocument>

Q_LOGGING_CATEGORY(lcServer, "civicdesk.server")

namespace civicdesk::http {

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

QHttpServerResponse open311Error(QHttpServerResponse::StatusCode status, const QString &description)
{
    return json(open311::errors(int(status), description), status);
}

void logRequest(const QHttpServerRequest &request, const QHttpServerResponse &response,
                const QElapsedTimer &timer)
{
    static const char *methods[] = {"GET", "PUT", "DELETE", "POST", "HEAD", "OPTIONS", "PATCH"};
    const auto method = request.method();
    const char *name = "OTHER";
    for (int bit = 0; bit < 7; ++bit) {
        if (int(method) == (1 << bit))
            name = methods[bit];
    }
    qCInfo(lcServer).noquote() << name << request.url().path() << int(response.statusCode())
                               << QStringLiteral("%1 ms").arg(double(timer.nsecsElapsed()) / 1e6, 0,
                                                              'f', 1);
}

} // namespace civicdesk::http

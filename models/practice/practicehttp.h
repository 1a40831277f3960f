#pragma once

#include "models/domain/result.h"

#include <QJsonObject>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QObject;

namespace civicdesk {

// The one way practice code speaks to civicdesk-server: JSON requests to names under
// /api/v1/practice/ only (the live practice channel and the shared scenarios and runs). Every
// URL is built from that prefix and a bare name, so nothing here can push, pull or read the live
// store's other APIs.
class PracticeHttp
{
public:
    static constexpr const char *Prefix = "/api/v1/practice/";
    using JsonCallback = std::function<void(Result<QJsonObject>)>;

    // `token` is asked at every request (a sign-in may change while the workstation runs).
    PracticeHttp(QNetworkAccessManager &network, QUrl server, std::function<QString()> token);

    // The URL of a name below the prefix ("messages" -> <server>/api/v1/practice/messages).
    QUrl url(const QString &path) const;
    // Sends `method` to `path` with `query` and the JSON `body` (none when null); `done` gets the
    // answer's object, or an error saying why (http.<status> with the server's message, or
    // network). Answered in `context`'s thread; nothing is answered once `context` is gone.
    QNetworkReply *send(QObject *context, const QByteArray &method, const QString &path,
                        const QJsonObject *body, const QString &query, int timeoutMs,
                        JsonCallback done) const;

private:
    QNetworkAccessManager &m_network;
    QUrl m_server;
    std::function<QString()> m_token;
};

} // namespace civicdesk

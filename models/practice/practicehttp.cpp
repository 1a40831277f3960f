#include "models/practice/practicehttp.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(civicdesk::PracticeChannel)
};

} // namespace

PracticeHttp::PracticeHttp(QNetworkAccessManager &network, QUrl server,
                           std::function<QString()> token)
    : m_network(network), m_server(std::move(server)), m_token(std::move(token))
{
}

QUrl PracticeHttp::url(const QString &path) const
{
    QUrl url = m_server;
    QString base = url.path();
    while (base.endsWith(u'/'))
        base.chop(1);
    // Only names below the channel's prefix: no "..", no other API.
    QString name = path;
    name.remove(u'/');
    name.remove(u'.');
    url.setPath(base + QLatin1String(Prefix) + name);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QNetworkReply *PracticeHttp::send(QObject *context, const QByteArray &method, const QString &path,
                                  const QJsonObject *body, const QString &query, int timeoutMs,
                                  JsonCallback done) const
{
    QUrl target = url(path);
    target.setQuery(query);
    QNetworkRequest request(target);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization", "Bearer " + m_token().toUtf8());
    QNetworkReply *reply = nullptr;
    if (body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        reply = m_network.sendCustomRequest(request, method,
                                            QJsonDocument(*body).toJson(QJsonDocument::Compact));
    } else {
        reply = m_network.sendCustomRequest(request, method);
    }
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, reply, &QNetworkReply::abort);
    timer->start(timeoutMs);
    QObject::connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument json = QJsonDocument::fromJson(reply->readAll());
        if (status == 0)
            return done(makeError(
                QStringLiteral("network"),
                Text::tr("The central store cannot be reached: %1").arg(reply->errorString())));
        if (status < 200 || status >= 300) {
            const QJsonObject error = json.object().value(u"error").toObject();
            const QString message = error.value(u"message").toString();
            return done(makeError(QStringLiteral("http.%1").arg(status),
                                  message.isEmpty()
                                      ? Text::tr("The central store refused (HTTP %1).").arg(status)
                                      : message));
        }
        done(json.object());
    });
    return reply;
}

} // namespace civicdesk

#include "tests/server/nginxworkstation.h"

#include "tests/support/rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSslConfiguration>

namespace civicdesk::test {

namespace {

QJsonObject jsonBody(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

} // namespace

NginxChannel::NginxChannel(quint16 port, QSslCertificate certificate, QHostAddress local)
    : m_port(port), m_certificate(std::move(certificate)), m_local(std::move(local))
{
    m_timeout.setSingleShot(true);
    QObject::connect(&m_timeout, &QTimer::timeout, &m_timeout, [this] { finish({}); });
}

NginxChannel::~NginxChannel()
{
    m_done = nullptr;
    drop();
}

void NginxChannel::open()
{
    m_socket = std::make_unique<QSslSocket>();
    QSslSocket *socket = m_socket.get();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({m_certificate});
    socket->setSslConfiguration(configuration);
    QObject::connect(socket, &QSslSocket::encrypted, socket, [this, socket] {
        socket->write(m_pending);
        m_pending.clear();
    });
    QObject::connect(socket, &QSslSocket::readyRead, socket, [this, socket] {
        m_in += socket->readAll();
        const qsizetype length = responseLength(m_in);
        if (length > 0)
            finish(m_in.left(length));
    });
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, [this] { finish({}); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket, [this] { finish({}); });
    socket->bind(m_local, 0);
    socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port,
                                   QStringLiteral("localhost"));
}

void NginxChannel::drop()
{
    if (!m_socket)
        return;
    QObject::disconnect(m_socket.get(), nullptr, nullptr, nullptr);
    m_socket->abort();
    // Not deleted here: this may run inside one of the socket's own signals.
    m_socket.release()->deleteLater();
}

void NginxChannel::send(const QByteArray &request, int ms, Done done)
{
    m_done = std::move(done);
    m_in.clear();
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState &&
        m_socket->isEncrypted()) {
        m_socket->write(request);
    } else {
        drop();
        m_pending = request;
        open();
    }
    m_timeout.start(ms);
}

void NginxChannel::finish(const QByteArray &response)
{
    if (!m_done)
        return;
    m_timeout.stop();
    const Done done = std::move(m_done);
    m_done = nullptr;
    if (response.isEmpty() || headerOf(response, "Connection").toLower() == "close")
        drop();
    done(response);
}

NginxWorkstation::NginxWorkstation(quint16 port, const QSslCertificate &certificate,
                                   const QHostAddress &local, QByteArray token)
    : m_pushChannel(port, certificate, local), m_pullChannel(port, certificate, local),
      m_token(std::move(token))
{
}

bool NginxWorkstation::resendLater(const QByteArray &response, int *count,
                                   void (NginxWorkstation::*send)())
{
    const int status = statusOf(response);
    if (status != 0 && status != 502 && status != 503 && status != 504)
        return false;
    // As the sync engine: after the answer's Retry-After, or a second when there was no answer.
    const int seconds = status != 0 ? headerOf(response, "Retry-After").toInt() : 1;
    ++*count;
    QTimer::singleShot(std::max(1, seconds) * 1000, &m_context, [this, send] { (this->*send)(); });
    return true;
}

void NginxWorkstation::startPolling(qint64 after)
{
    m_cursor = after;
    m_polling = true;
    poll();
}

void NginxWorkstation::poll()
{
    if (!m_polling)
        return;
    const QByteArray request = "GET /api/v1/events?after=" + QByteArray::number(m_cursor) +
                               "&limit=500&wait=20 HTTP/1.1\r\nHost: localhost\r\n"
                               "Authorization: Bearer " +
                               m_token + "\r\n\r\n";
    m_pullChannel.send(request, 40000, [this](const QByteArray &response) {
        if (resendLater(response, &m_resentPulls, &NginxWorkstation::poll))
            return;
        const QJsonObject answer = jsonBody(response);
        if (statusOf(response) != 200 || !answer.contains(u"through")) {
            m_problems.append(u"pull: " + QString::fromUtf8(response.left(300)));
            return;
        }
        for (const QJsonValue &event : answer.value(u"events").toArray()) {
            const QString id = event[u"id"].toString();
            m_received.append({qint64(event[u"seq"].toDouble()), id});
            m_receivedIds.insert(id);
        }
        m_cursor = qint64(answer.value(u"through").toDouble());
        poll();
    });
}

void NginxWorkstation::push(const QList<QJsonObject> &events)
{
    for (const QJsonObject &event : events)
        m_toPush.append(QJsonDocument(QJsonObject{{QStringLiteral("events"), QJsonArray{event}}})
                            .toJson(QJsonDocument::Compact));
    pushNext();
}

void NginxWorkstation::pushNext()
{
    if (pushesDone())
        return;
    const QByteArray &body = m_toPush.at(m_next);
    const QByteArray request = "POST /api/v1/events HTTP/1.1\r\nHost: localhost\r\n"
                               "Content-Type: application/json\r\nAuthorization: Bearer " +
                               m_token + "\r\nContent-Length: " + QByteArray::number(body.size()) +
                               "\r\n\r\n" + body;
    m_pushChannel.send(request, 20000, [this](const QByteArray &response) {
        if (resendLater(response, &m_resentPushes, &NginxWorkstation::pushNext))
            return;
        const QJsonObject answer = jsonBody(response);
        const QJsonArray accepted = answer.value(u"accepted").toArray();
        if (statusOf(response) != 200 || accepted.size() != 1 ||
            !answer.value(u"rejected").toArray().isEmpty()) {
            m_problems.append(u"push: " + QString::fromUtf8(response.left(300)));
            return;
        }
        m_acknowledged.insert(accepted.at(0)[u"id"].toString(),
                              qint64(accepted.at(0)[u"seq"].toDouble()));
        ++m_next;
        // The next change a moment later, as an agent makes them.
        QTimer::singleShot(20, &m_context, [this] { pushNext(); });
    });
}

} // namespace civicdesk::test

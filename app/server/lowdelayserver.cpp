#include "app/server/lowdelayserver.h"

#include "app/server/httpreply.h"

#include <QCoreApplication>
#include <QTcpSocket>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(HttpApi)
};

} // namespace

LowDelayServer::LowDelayServer(const ConnectionLimits &limits, ConnectionGuard::Admission admission,
                               QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_admission(std::move(admission))
{
    m_clock.start();
    m_sweep.setInterval(250);
    connect(&m_sweep, &QTimer::timeout, this, [this] { sweep(); });
    m_sweep.start();
    // Out of descriptors (or another accept failure): wait a moment instead of spinning on a
    // listening socket that stays readable.
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError error) {
        qCWarning(lcServer) << "cannot accept a connection:" << error << errorString();
        pauseAccepting();
        QTimer::singleShot(1000, this, [this] { resumeAccepting(); });
    });
}

void LowDelayServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_open.size() >= m_limits.maxConnections)
        return refuseConnection(socket);
    // Clients such as QNetworkAccessManager send a request's head and body in two writes and
    // hold the body (Nagle) until the head is acknowledged; acknowledge at once instead of after
    // the ~40 ms delayed-ACK timer. Linux clears quick-ACK mode on its own, so it is set again
    // whenever data arrives.
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [descriptor] {
        const int on = 1;
        ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    });
    auto *guard = new ConnectionGuard(socket, m_limits, m_admission, m_clock);
    m_open.insert(guard);
    connect(guard, &QObject::destroyed, this, [this, guard] { m_open.remove(guard); });
    guard->watchBefore();
    addPendingConnection(socket); // Qt HTTP Server takes it and connects its reader
    guard->watchAfter();
}

void LowDelayServer::refuseConnection(QTcpSocket *socket)
{
    if (m_closing.size() >= MaxClosing) {
        socket->abort();
        socket->deleteLater();
        return;
    }
    qCWarning(lcServer) << "refusing a connection:" << m_open.size() << "are open already";
    auto *guard = new ConnectionGuard(socket, m_limits, {}, m_clock);
    m_closing.insert(guard);
    connect(guard, &QObject::destroyed, this, [this, guard] { m_closing.remove(guard); });
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QHttpServerResponse response =
        http::error(QHttpServerResponse::StatusCode::ServiceUnavailable, QStringLiteral("busy"),
                    Text::tr("The server has as many connections as it takes; try again in a "
                             "few seconds."));
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(RetryAfterSeconds));
    guard->refuse(response);
}

void LowDelayServer::sweep()
{
    // Copies: a guard that closes its connection may be deleted before the walk ends.
    for (const QSet<ConnectionGuard *> &guards : {m_open, m_closing}) {
        for (ConnectionGuard *guard : guards) {
            if (m_open.contains(guard) || m_closing.contains(guard))
                guard->checkTime();
        }
    }
}

} // namespace civicdesk

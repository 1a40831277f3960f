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
                               SignInCheck signedIn, QObject *parent)
    : QTcpServer(parent), m_limits(limits), m_admission(std::move(admission)),
      m_signedInCheck(std::move(signedIn))
{
    if (m_limits.maxAnonymousConnections <= 0 ||
        m_limits.maxAnonymousConnections > m_limits.maxConnections)
        m_limits.maxAnonymousConnections = m_limits.maxConnections;
    setListenBacklogSize(ListenBacklog);
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
    const bool atTheDoor = m_open.size() >= m_limits.maxConnections ||
                           anonymousConnections() >= m_limits.maxAnonymousConnections;
    if (atTheDoor && m_door.size() >= MaxAtTheDoor) {
        // Still no head from the oldest: it makes way (a workstation sends its head at once).
        m_door.takeFirst()->abort();
    }
    // Clients such as QNetworkAccessManager send a request's head and body in two writes and
    // hold the body (Nagle) until the head is acknowledged; acknowledge at once instead of after
    // the ~40 ms delayed-ACK timer. Linux clears quick-ACK mode on its own, so it is set again
    // whenever data arrives.
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [descriptor] {
        const int on = 1;
        ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    });
    auto *guard = new ConnectionGuard(socket, m_limits, m_admission, this, m_clock);
    if (atTheDoor)
        m_door.append(guard);
    else
        m_open.insert(guard);
    connect(guard, &QObject::destroyed, this, [this, guard] {
        m_open.remove(guard);
        m_signedIn.remove(guard);
        m_door.removeOne(guard);
        m_closing.remove(guard);
    });
    guard->watchBefore();
    addPendingConnection(socket); // Qt HTTP Server takes it and connects its reader
    guard->watchAfter();
}

bool LowDelayServer::headArrived(ConnectionGuard &guard, const RequestHead &head)
{
    const bool valid = m_signedInCheck && m_signedInCheck(head);
    if (!m_door.contains(&guard)) {
        if (valid) {
            guard.setSignedIn();
            m_signedIn.insert(&guard);
        }
        return true;
    }
    m_door.removeOne(&guard);
    if (!valid || (m_open.size() >= m_limits.maxConnections && !makeRoom())) {
        qCWarning(lcServer) << "refusing a connection:" << m_open.size() << "are open already,"
                            << anonymousConnections() << "of them not signed in";
        refuse(&guard);
        return false;
    }
    guard.setSignedIn();
    m_open.insert(&guard);
    m_signedIn.insert(&guard);
    return true;
}

bool LowDelayServer::makeRoom()
{
    ConnectionGuard *oldest = nullptr;
    for (ConnectionGuard *guard : std::as_const(m_open)) {
        if (!guard->signedIn() && guard->waitingForARequest() &&
            (!oldest || guard->waitingSinceMs() < oldest->waitingSinceMs()))
            oldest = guard;
    }
    if (!oldest)
        return false;
    m_open.remove(oldest);
    if (m_closing.size() >= MaxClosing)
        oldest->abort();
    else {
        m_closing.insert(oldest); // a head on its way is answered, and the answer delivered
        oldest->makeRoom(busy());
    }
    return true;
}

QHttpServerResponse LowDelayServer::busy() const
{
    QHttpServerResponse response =
        http::error(QHttpServerResponse::StatusCode::ServiceUnavailable, QStringLiteral("busy"),
                    Text::tr("The server has as many connections as it takes; try again in a "
                             "few seconds."));
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(RetryAfterSeconds));
    return response;
}

void LowDelayServer::refuse(ConnectionGuard *guard)
{
    if (m_closing.size() >= MaxClosing)
        return guard->abort();
    m_closing.insert(guard);
    guard->refuse(busy());
}

void LowDelayServer::sweep()
{
    // Copies: a guard that closes its connection may be deleted before the walk ends.
    const QSet<ConnectionGuard *> door(m_door.cbegin(), m_door.cend());
    for (const QSet<ConnectionGuard *> &guards : {m_open, door, m_closing}) {
        for (ConnectionGuard *guard : guards) {
            if (m_open.contains(guard) || m_door.contains(guard) || m_closing.contains(guard))
                guard->checkTime();
        }
    }
}

} // namespace civicdesk

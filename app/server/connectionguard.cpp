#include "app/server/connectionguard.h"

#include "app/server/httpreply.h"
#include "app/server/routetable.h"
#include "app/server/wireanswer.h"

#include <QCoreApplication>
#include <limits>
#include <sys/socket.h>

namespace civicdesk {

namespace {

using HttpStatus = QHttpServerResponse::StatusCode;

class Text
{
    Q_DECLARE_TR_FUNCTIONS(HttpApi)
};

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits,
                                 Admission admission, ConnectionKeeper *keeper,
                                 const QElapsedTimer &clock)
    : QObject(socket), m_socket(socket), m_limits(limits), m_admission(std::move(admission)),
      m_keeper(keeper), m_clock(clock), m_framer(MaxHeadBytes, http::MaxBodyBytes)
{
    // A new connection has as long to send its first head as a request has for its head.
    m_waitingSinceMs = m_clock.elapsed();
    m_deadlineMs = m_waitingSinceMs + m_limits.headerTimeoutSeconds * 1000LL;
    connect(socket, &QTcpSocket::bytesWritten, this, [this] { written(); });
}

void ConnectionGuard::watchBefore()
{
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { beforeServerReads(); });
}

void ConnectionGuard::watchAfter()
{
    // What Qt HTTP Server left unread (the start of a next request) has been seen already.
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        if (m_socket && m_phase != Phase::Closing)
            m_seen = m_socket->bytesAvailable();
    });
}

void ConnectionGuard::setPhase(Phase phase)
{
    m_phase = phase;
    const qint64 now = m_clock.elapsed();
    switch (phase) {
    case Phase::Waiting:
        m_waitingSinceMs = now;
        m_deadlineMs =
            now +
            (m_answered ? m_limits.idleTimeoutSeconds : m_limits.headerTimeoutSeconds) * 1000LL;
        break;
    case Phase::Head:
        m_deadlineMs = now + m_limits.headerTimeoutSeconds * 1000LL;
        break;
    case Phase::Body:
        m_deadlineMs = now + m_limits.idleTimeoutSeconds * 1000LL;
        break;
    case Phase::Handling:
        m_deadlineMs = std::numeric_limits<qint64>::max();
        break;
    case Phase::Closing:
        m_deadlineMs = now + LingerMs;
        break;
    }
}

void ConnectionGuard::beforeServerReads()
{
    if (!m_socket)
        return;
    if (m_phase == Phase::Closing)
        return drain();
    const qint64 available = m_socket->bytesAvailable();
    if (available <= m_seen)
        return;
    QByteArray peeked;
    qsizetype at = m_seen;
    while (at < available) {
        // A body of known length is counted, not looked at.
        at += m_framer.skipBody(available - at);
        if (at >= available)
            break;
        if (peeked.isEmpty())
            peeked = m_socket->peek(available);
        const RequestFramer::Step step = m_framer.next(peeked, &at);
        switch (step) {
        case RequestFramer::Step::NeedMore:
            break;
        case RequestFramer::Step::HeadReady:
            if (m_keeper && !m_signedIn && !m_keeper->headArrived(*this, m_framer.head()))
                return; // refused
            m_closeAfterAnswer = m_framer.head().closeRequested;
            if (!m_framer.head().hasBody()) {
                m_framer.next(peeked, &at); // RequestDone, reading nothing
                setPhase(Phase::Handling);
                break;
            }
            // Each path its own limit: a sign-in is far smaller than a batch of events.
            m_framer.setBodyLimit(maxBodyBytes(m_framer.head().path));
            if (!m_framer.head().chunked &&
                m_framer.head().contentLength > maxBodyBytes(m_framer.head().path))
                return refuse(refusal(RequestFramer::Step::BodyTooLarge));
            if (m_admission) {
                if (auto refused = m_admission(m_framer.head()))
                    return refuse(*refused);
            }
            setPhase(Phase::Body);
            break;
        case RequestFramer::Step::RequestDone:
            setPhase(Phase::Handling);
            break;
        case RequestFramer::Step::HeadTooLarge:
        case RequestFramer::Step::BodyTooLarge:
        case RequestFramer::Step::Malformed:
            return refuse(refusal(step));
        }
    }
    m_seen = available;
    if (m_phase == Phase::Waiting && !m_framer.betweenRequests())
        setPhase(Phase::Head);
    else if (m_phase == Phase::Body)
        setPhase(Phase::Body); // the body moves on: its idle time starts again
}

QHttpServerResponse ConnectionGuard::refusal(RequestFramer::Step step) const
{
    const bool open311 = m_framer.head().path.startsWith("/open311");
    const auto answer = [open311](HttpStatus status, const QString &code, const QString &text) {
        return open311 ? http::open311Error(status, text) : http::error(status, code, text);
    };
    switch (step) {
    case RequestFramer::Step::HeadTooLarge:
        return answer(HttpStatus::RequestHeaderFieldsTooLarge, QStringLiteral("too_large"),
                      Text::tr("The request's head is larger than %1 bytes.").arg(MaxHeadBytes));
    case RequestFramer::Step::BodyTooLarge:
        return answer(HttpStatus::PayloadTooLarge, QStringLiteral("too_large"),
                      Text::tr("The request body is larger than %1 bytes; send less at once "
                               "(e.g. smaller batches).")
                          .arg(maxBodyBytes(m_framer.head().path)));
    default:
        return answer(HttpStatus::BadRequest, QStringLiteral("bad_request"),
                      Text::tr("The request is not valid HTTP/1.1 (its request line, "
                               "Content-Length or chunks)."));
    }
}

void ConnectionGuard::refuse(const QHttpServerResponse &response)
{
    if (!m_socket || m_phase == Phase::Closing)
        return;
    // Qt HTTP Server reads nothing more of this connection: its partial request is dropped.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    connect(m_socket, &QTcpSocket::readyRead, this, [this] { drain(); });
    m_socket->write(http::wireBytes(response, true));
    setPhase(Phase::Closing);
    drain();
}

void ConnectionGuard::makeRoom(const QHttpServerResponse &busy)
{
    if (!m_socket)
        return;
    if (m_phase == Phase::Waiting)
        m_socket->disconnectFromHost(); // nothing asked, nothing to answer
    else
        refuse(busy);
}

void ConnectionGuard::abort()
{
    if (m_socket)
        m_socket->abort();
}

void ConnectionGuard::drain()
{
    // Reading (and dropping) what the client still sends lets it receive the answer: closing with
    // unread bytes would reset the connection, and the answer with it.
    while (m_socket && m_socket->bytesAvailable() > 0) {
        m_drained += m_socket->skip(m_socket->bytesAvailable());
        if (m_drained > LingerBytes) {
            m_socket->abort();
            return;
        }
    }
}

void ConnectionGuard::written()
{
    if (!m_socket || m_socket->bytesToWrite() > 0)
        return;
    if (m_phase == Phase::Closing) {
        // Answered: say so with a FIN; the client closes, or the linger time runs out.
        if (!m_shutDown)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        m_shutDown = true;
        return;
    }
    if (m_phase != Phase::Handling)
        return;
    m_answered = true;
    if (m_closeAfterAnswer) {
        m_socket->disconnectFromHost();
        return;
    }
    setPhase(m_framer.betweenRequests() ? Phase::Waiting : Phase::Head);
}

void ConnectionGuard::checkTime()
{
    if (!m_socket || m_clock.elapsed() < m_deadlineMs)
        return;
    switch (m_phase) {
    case Phase::Waiting:
        m_socket->disconnectFromHost(); // nothing asked, nothing to answer
        break;
    case Phase::Head:
    case Phase::Body: {
        const bool open311 = m_framer.head().path.startsWith("/open311");
        const QString text = Text::tr("The request did not arrive in time; send it at once.");
        refuse(open311 ? http::open311Error(HttpStatus::RequestTimeout, text)
                       : http::error(HttpStatus::RequestTimeout, QStringLiteral("timeout"), text));
        break;
    }
    case Phase::Handling:
        break;
    case Phase::Closing:
        m_socket->abort();
        break;
    }
}

} // namespace civicdesk

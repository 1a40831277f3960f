#pragma once

#include "app/server/requestframer.h"
#include "app/server/serveroptions.h"

#include <QElapsedTimer>
#include <QHttpServerResponse>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <functional>
#include <optional>

namespace civicdesk {

class ConnectionGuard;

// Decides, from each head, which connections are signed in (the connection cap keeps a reserve
// for them and never closes them to make room).
class ConnectionKeeper
{
public:
    // Told of every request head of a connection not yet signed in, before anything else is
    // judged; false when it refused the connection (nothing more of it is read).
    virtual bool headArrived(ConnectionGuard &guard, const RequestHead &head) = 0;

protected:
    ~ConnectionKeeper() = default;
};

// Watches one client connection of Qt HTTP Server and closes it where Qt would wait or buffer
// without end: a head that does not arrive in time, a body larger than the server takes
// (declared: refused before it is read; chunked: as soon as its chunks add up to too much), a
// request that needs a sign-in and has none (refused before its body is read), an idle
// kept-alive connection, and "Connection: close" or HTTP/1.0 once answered. A refusal is
// answered, the rest of the request read and dropped for a moment, and the connection closed.
//
// It reads the connection's bytes as they arrive, before Qt HTTP Server's parser does (it never
// consumes them: Qt still reads every byte of the requests it serves).
class ConnectionGuard : public QObject
{
public:
    // A refusal for a request that will send a body, judged from its head; nothing to let it in.
    using Admission = std::function<std::optional<QHttpServerResponse>(const RequestHead &)>;

    static constexpr qsizetype MaxHeadBytes = 16 * 1024;
    static constexpr int LingerMs = 2000;
    static constexpr qint64 LingerBytes = 32 * 1024 * 1024;

    ConnectionGuard(QTcpSocket *socket, const ConnectionLimits &limits, Admission admission,
                    ConnectionKeeper *keeper, const QElapsedTimer &clock);

    // Qt HTTP Server reads the socket after watchBefore() and before watchAfter().
    void watchBefore();
    void watchAfter();
    // Answers `response` (with "Connection: close") and closes the connection.
    void refuse(const QHttpServerResponse &response);
    // Closes the connection if its time is up.
    void checkTime();

    // A request of this connection carried a valid sign-in token.
    bool signedIn() const { return m_signedIn; }
    void setSignedIn() { m_signedIn = true; }
    // Nothing being asked or answered but a head still on its way (idle, or a slow head): the
    // connection may be closed to make room, oldest first, from waitingSinceMs().
    bool waitingForARequest() const { return m_phase == Phase::Waiting || m_phase == Phase::Head; }
    qint64 waitingSinceMs() const { return m_waitingSinceMs; }
    // Closes an idle connection, or answers a head on its way with `busy` and closes.
    void makeRoom(const QHttpServerResponse &busy);
    void abort();

private:
    enum class Phase
    {
        Waiting,  // for the first byte of a request
        Head,     // reading a head
        Body,     // reading a body
        Handling, // the whole request is in; the server answers (a long-poll may take a minute)
        Closing   // answered and closing: the rest is read and dropped
    };
    void beforeServerReads();
    void written();
    void drain();
    void setPhase(Phase phase);
    QHttpServerResponse refusal(RequestFramer::Step step) const;

    QPointer<QTcpSocket> m_socket;
    ConnectionLimits m_limits;
    Admission m_admission;
    ConnectionKeeper *m_keeper;
    const QElapsedTimer &m_clock;
    RequestFramer m_framer;
    Phase m_phase = Phase::Waiting;
    qint64 m_deadlineMs = 0;
    qint64 m_waitingSinceMs = 0;
    bool m_signedIn = false;
    qint64 m_seen = 0; // bytes at the front of the socket's buffer already read by the framer
    bool m_closeAfterAnswer = false;
    bool m_answered = false; // a request of this connection was answered (idle, not new)
    bool m_shutDown = false;
    qint64 m_drained = 0;
};

} // namespace civicdesk

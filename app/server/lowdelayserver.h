#pragma once

#include "app/server/connectionguard.h"
#include "app/server/serveroptions.h"

#include <QElapsedTimer>
#include <QList>
#include <QSet>
#include <QTcpServer>
#include <QTimer>

namespace civicdesk {

// Accepts connections tuned for small request/response exchanges: TCP_NODELAY (Qt HTTP Server
// writes a response's head and body separately, and small answers waited for the client's
// delayed ACK) and quick ACKs (clients such as QNetworkAccessManager hold a request's body until
// its head is acknowledged). Each cost ~40 ms per request on a kept-alive connection.
//
// Every connection gets a ConnectionGuard (time-outs, body limits, refusals from the head).
// The cap keeps signed-in workstations served: connections that have not yet carried a valid
// sign-in token take at most `maxAnonymousConnections` places of `maxConnections`. A connection
// beyond that waits "at the door" for its first head: with a valid token it comes in — into the
// reserve, or, when every place is taken, into the place of the connection not signed in that
// has waited longest for a request (idle, or a head still on its way); without one it is
// answered 503 busy with Retry-After and closed. Signed-in connections are never closed to make
// room. Call bind() on the HTTP server before the first connection arrives: the guards need Qt
// HTTP Server to take each connection at once.
class LowDelayServer : public QTcpServer, private ConnectionKeeper
{
public:
    // Whether a request head carries a valid sign-in token.
    using SignInCheck = std::function<bool(const RequestHead &)>;

    static constexpr int RetryAfterSeconds = 5;
    // Connections at the door at once; a new one beyond this closes the oldest of them.
    static constexpr int MaxAtTheDoor = 64;
    // Refused connections still being closed; beyond this, new ones are closed unanswered.
    static constexpr int MaxClosing = 256;
    // Connections the kernel completes and queues until the event loop accepts them (it caps
    // this at net.core.somaxconn, 4096 on Debian 12). Qt's default of 50 dropped the rest of a
    // burst at the SYN — nginx opening a connection for each of hundreds of held long-polls timed
    // out connecting and answered 503.
    static constexpr int ListenBacklog = 4096;

    LowDelayServer(const ConnectionLimits &limits, ConnectionGuard::Admission admission,
                   SignInCheck signedIn, QObject *parent = nullptr);
    int openConnections() const { return int(m_open.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool headArrived(ConnectionGuard &guard, const RequestHead &head) override;
    int anonymousConnections() const { return int(m_open.size() - m_signedIn.size()); }
    // Closes the connection not signed in that has waited longest for a request; false if none.
    bool makeRoom();
    void refuse(ConnectionGuard *guard);
    QHttpServerResponse busy() const;
    void sweep();

    ConnectionLimits m_limits;
    ConnectionGuard::Admission m_admission;
    SignInCheck m_signedInCheck;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QSet<ConnectionGuard *> m_open;     // counted against the cap
    QSet<ConnectionGuard *> m_signedIn; // of m_open: carried a valid token
    QList<ConnectionGuard *> m_door;   // beyond the anonymous cap, first head awaited; oldest first
    QSet<ConnectionGuard *> m_closing; // refused, the answer being delivered
};

} // namespace civicdesk

#pragma once

#include "app/server/connectionguard.h"
#include "app/server/serveroptions.h"

#include <QElapsedTimer>
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
// Beyond `maxConnections` open ones, a new connection is answered 503 with Retry-After and
// closed; those already open are served as before. Call bind() on the HTTP server before the
// first connection arrives: the guards need Qt HTTP Server to take each connection at once.
class LowDelayServer : public QTcpServer
{
public:
    static constexpr int RetryAfterSeconds = 5;
    // Refused connections still being closed; beyond this, new ones are closed unanswered.
    static constexpr int MaxClosing = 256;

    LowDelayServer(const ConnectionLimits &limits, ConnectionGuard::Admission admission,
                   QObject *parent = nullptr);
    int openConnections() const { return int(m_open.size()); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void refuseConnection(QTcpSocket *socket);
    void sweep();

    ConnectionLimits m_limits;
    ConnectionGuard::Admission m_admission;
    QElapsedTimer m_clock;
    QTimer m_sweep;
    QSet<ConnectionGuard *> m_open;
    QSet<ConnectionGuard *> m_closing; // refused for being over the cap
};

} // namespace civicdesk

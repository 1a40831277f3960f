#pragma once

#include <QTcpServer>

namespace civicdesk {

// Accepts connections tuned for small request/response exchanges: TCP_NODELAY (Qt HTTP Server
// writes a response's head and body separately, and small answers waited for the client's
// delayed ACK) and quick ACKs (clients such as QNetworkAccessManager hold a request's body until
// its head is acknowledged). Each cost ~40 ms per request on a kept-alive connection.
class LowDelayServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace civicdesk

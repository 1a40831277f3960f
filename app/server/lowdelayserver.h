#pragma once

#include <QTcpServer>

namespace civicdesk {

// Accepts connections with TCP_NODELAY: Qt HTTP Server writes a response's head and body
// separately, and without it small answers wait for the client's delayed ACK (~40 ms each).
class LowDelayServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override;
};

} // namespace civicdesk

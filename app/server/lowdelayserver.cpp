#include "app/server/lowdelayserver.h"

#include <QTcpSocket>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace civicdesk {

void LowDelayServer::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Clients such as QNetworkAccessManager send a request's head and body in two writes and
    // hold the body (Nagle) until the head is acknowledged; acknowledge at once instead of after
    // the ~40 ms delayed-ACK timer. Linux clears quick-ACK mode on its own, so it is set again
    // whenever data arrives.
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [descriptor] {
        const int on = 1;
        ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    });
    addPendingConnection(socket);
}

} // namespace civicdesk

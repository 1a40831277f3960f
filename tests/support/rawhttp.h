#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpSocket>

namespace civicdesk::test {

// HTTP/1.1 read by hand, for what QNetworkAccessManager will not do: a head without its body,
// a body that never ends, hundreds of idle connections, answers in the order they arrive.

// The length of the whole response at the front of `bytes`, or -1 while it is incomplete.
qsizetype responseLength(const QByteArray &bytes);
int statusOf(const QByteArray &response);
QByteArray headerOf(const QByteArray &response, const QByteArray &name);

// One raw connection to 127.0.0.1 (from `from`, another loopback address, when given): bytes go
// out exactly as given, answers are read as they come.
class RawConnection
{
public:
    explicit RawConnection(quint16 port, const QHostAddress &from = {});
    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

    void send(const QByteArray &bytes);
    // The next whole response, or empty when none came within `ms`.
    QByteArray response(int ms = 30000);
    // True when the server closes the connection within `ms`.
    bool closedWithin(int ms);

private:
    QTcpSocket m_socket;
    QByteArray m_in;
};

} // namespace civicdesk::test

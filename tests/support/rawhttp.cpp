#include "tests/support/rawhttp.h"

#include <QElapsedTimer>
#include <QHostAddress>

namespace civicdesk::test {

qsizetype responseLength(const QByteArray &bytes)
{
    const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return -1;
    qint64 length = 0;
    for (const QByteArray &line : bytes.left(headEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    return bytes.size() >= headEnd + 4 + length ? headEnd + 4 + length : -1;
}

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.") ? response.mid(9, 3).toInt() : 0;
}

QByteArray headerOf(const QByteArray &response, const QByteArray &name)
{
    const qsizetype headEnd = response.indexOf("\r\n\r\n");
    for (const QByteArray &line : response.left(headEnd).split('\n')) {
        if (line.toLower().startsWith(QByteArray(name.toLower() + ':')))
            return line.mid(name.size() + 1).trimmed();
    }
    return {};
}

RawConnection::RawConnection(quint16 port, const QHostAddress &from)
{
    if (!from.isNull())
        m_socket.bind(from);
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    m_socket.waitForConnected(10000);
}

void RawConnection::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.waitForBytesWritten(10000);
}

QByteArray RawConnection::response(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (responseLength(m_in) < 0 && timer.elapsed() < ms) {
        if (!m_socket.waitForReadyRead(100) && m_socket.bytesAvailable() == 0 &&
            m_socket.state() != QAbstractSocket::ConnectedState)
            break;
        m_in += m_socket.readAll();
    }
    m_in += m_socket.readAll();
    const qsizetype length = responseLength(m_in);
    if (length < 0)
        return {};
    const QByteArray one = m_in.left(length);
    m_in.remove(0, length);
    return one;
}

bool RawConnection::closedWithin(int ms)
{
    QElapsedTimer timer;
    timer.start();
    while (m_socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < ms) {
        m_socket.waitForDisconnected(100);
        m_in += m_socket.readAll();
    }
    return m_socket.state() != QAbstractSocket::ConnectedState;
}

} // namespace civicdesk::test

#pragma once

#include <QAtomicInt>
#include <QByteArray>
#include <QPointer>
#include <QTcpSocket>
#include <QThread>
#include <map>
#include <memory>
#include <vector>

class QEventLoop;

namespace civicdesk::bench {

// The long-poll fan-out's bare baseline: the same pulls and pushes answered from memory by a
// plain QTcpServer on a thread of its own, on the same epoll dispatcher as civicdesk-server
// (what the client, loopback TCP and Qt's sockets cost without any server logic: no HTTP
// server library, no store, no token).
class BareLongPollServer
{
public:
    BareLongPollServer();
    ~BareLongPollServer();
    quint16 port() const { return quint16(m_port.loadAcquire()); }

private:
    struct Waiting
    {
        QPointer<QTcpSocket> socket; // gone when its client hung up
        qint64 after;
    };

    QByteArray answer(qint64 after) const;
    void accept(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const QByteArray &request);

    std::unique_ptr<QThread> m_thread;
    QAtomicInt m_port = 0;
    QAtomicInt m_ready = 0;
    QEventLoop *m_loop = nullptr;
    std::map<qint64, QByteArray> m_events;
    qint64 m_last = 0;
    std::vector<Waiting> m_waiting;
};

} // namespace civicdesk::bench

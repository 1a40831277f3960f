#include "tests/bench/barelongpollserver.h"

#include "app/server/epolldispatcher.h"
#include "tests/bench/fanoutwire.h"

#include <QEventLoop>
#include <QTcpServer>
#include <QTcpSocket>
#include <utility>

namespace civicdesk::bench {

BareLongPollServer::BareLongPollServer()
{
    m_thread.reset(QThread::create([this] {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *socket = server.nextPendingConnection())
                accept(socket);
        });
        m_port.storeRelease(server.serverPort());
        QEventLoop loop;
        m_loop = &loop;
        m_ready.storeRelease(1);
        loop.exec();
        m_waiting.clear();
        m_loop = nullptr;
    }));
    m_thread->setEventDispatcher(new EpollDispatcher);
    m_thread->start();
    while (!m_ready.loadAcquire())
        QThread::msleep(5);
}

BareLongPollServer::~BareLongPollServer()
{
    QMetaObject::invokeMethod(m_loop, "quit", Qt::QueuedConnection);
    m_thread->wait();
}

QByteArray BareLongPollServer::answer(qint64 after) const
{
    QByteArray body = "{\"events\":[";
    const auto from = m_events.upper_bound(after);
    int n = 0;
    for (auto it = from; it != m_events.end() && n < 1000; ++it, ++n)
        body += (n ? "," : "") + it->second;
    body += "],\"last_seq\":" + QByteArray::number(m_last) + ",\"more\":false}";
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void BareLongPollServer::accept(QTcpSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // as civicdesk-server does
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
        *buffer += socket->readAll();
        for (qsizetype length = messageLength(*buffer); length > 0;
             length = messageLength(*buffer)) {
            const QByteArray request = buffer->left(length);
            buffer->remove(0, length);
            handle(socket, request);
        }
    });
}

void BareLongPollServer::handle(QTcpSocket *socket, const QByteArray &request)
{
    if (request.startsWith("POST")) {
        const qsizetype open = request.indexOf('[', request.indexOf("\r\n\r\n"));
        const qsizetype close = request.lastIndexOf(']');
        const QByteArray event = request.mid(open + 1, close - open - 1);
        ++m_last;
        m_events.emplace(m_last, "{\"seq\":" + QByteArray::number(m_last) + "," + event.mid(1));
        const QByteArray body =
            "{\"accepted\":[],\"rejected\":[],\"last_seq\":" + QByteArray::number(m_last) + "}";
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n" + body);
        std::map<qint64, QByteArray> built;
        for (const Waiting &w : std::exchange(m_waiting, {})) {
            if (!w.socket)
                continue;
            auto found = built.find(w.after);
            if (found == built.end())
                found = built.emplace(w.after, answer(w.after)).first;
            w.socket->write(found->second);
        }
        return;
    }
    const qsizetype at = request.indexOf("after=");
    const qint64 after = request.mid(at + 6, request.indexOf('&', at) - at - 6).toLongLong();
    if (m_last > after || request.contains("wait=0"))
        socket->write(answer(after));
    else
        m_waiting.push_back(Waiting{socket, after});
}

} // namespace civicdesk::bench

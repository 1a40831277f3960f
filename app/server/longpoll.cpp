#include "app/server/longpoll.h"

#include "app/server/httpreply.h"

namespace civicdesk {

LongPoll::LongPoll(LastSeq lastSeq, QObject *parent)
    : QObject(parent), m_lastSeq(std::move(lastSeq))
{
    m_clock.start();
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { check(false); });
}

void LongPoll::wait(QHttpServerResponder &&responder, qint64 after, int seconds, Answer answer,
                    QString logLine)
{
    QPointer<QTcpSocket> socket(responder.socket());
    auto waiter = std::unique_ptr<Waiter>(new Waiter{std::move(responder),
                                                     socket,
                                                     after,
                                                     m_clock.elapsed() + seconds * 1000LL,
                                                     std::move(answer),
                                                     std::move(logLine),
                                                     {}});
    waiter->started.start();
    m_waiters.push_back(std::move(waiter));
    if (!m_timer.isActive())
        m_timer.start();
}

void LongPoll::notify()
{
    check(false);
}

void LongPoll::releaseAll()
{
    check(true);
}

void LongPoll::answer(Waiter &waiter)
{
    if (!waiter.socket || waiter.socket->state() != QAbstractSocket::ConnectedState)
        return; // the client gave up; nothing to answer
    const QHttpServerResponse response = waiter.answer(waiter.after);
    qCInfo(lcServer).noquote() << waiter.logLine << int(response.statusCode())
                               << QStringLiteral("%1 ms").arg(
                                      double(waiter.started.nsecsElapsed()) / 1e6, 0, 'f', 1);
    response.write(std::move(waiter.responder));
}

void LongPoll::check(bool force)
{
    if (m_waiters.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 last = m_lastSeq();
    const qint64 now = m_clock.elapsed();
    std::vector<std::unique_ptr<Waiter>> still;
    // Answering writes to sockets; collect first so the list is not changed while we walk it.
    std::vector<std::unique_ptr<Waiter>> due;
    for (auto &waiter : m_waiters) {
        const bool gone =
            !waiter->socket || waiter->socket->state() != QAbstractSocket::ConnectedState;
        if (force || gone || last > waiter->after || now >= waiter->deadlineMs)
            due.push_back(std::move(waiter));
        else
            still.push_back(std::move(waiter));
    }
    m_waiters = std::move(still);
    for (auto &waiter : due)
        answer(*waiter);
    if (m_waiters.empty())
        m_timer.stop();
}

} // namespace civicdesk

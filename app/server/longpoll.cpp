#include "app/server/longpoll.h"

#include "app/server/httpreply.h"

namespace civicdesk {

LongPoll::LongPoll(LastSeq lastSeq, QObject *parent)
    : QObject(parent), m_lastSeq(std::move(lastSeq))
{
    m_clock.start();
    m_timer.setInterval(PollMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { check(false); });
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, [this] { check(false); });
    m_slice.setSingleShot(true);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, [this] { answerDue(SliceSize); });
}

void LongPoll::wait(QHttpServerResponder &&responder, qint64 after, int limit, int seconds,
                    Answer answer, QString logLine)
{
    QPointer<QTcpSocket> socket(responder.socket());
    auto waiter = std::unique_ptr<Waiter>(new Waiter{std::move(responder),
                                                     socket,
                                                     after,
                                                     limit,
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
    if (!m_soon.isActive())
        m_soon.start();
}

void LongPoll::releaseAll()
{
    check(true);
    answerDue(m_due.size());
}

void LongPoll::answer(Waiter &waiter)
{
    if (!waiter.socket || waiter.socket->state() != QAbstractSocket::ConnectedState)
        return; // the client gave up; nothing to answer
    // Shared by every poller after the same number with the same limit and audience (SyncApi
    // keeps it until a new event arrives): one read and one encoding for all of them.
    const http::WireAnswer answer = waiter.answer(waiter.after);
    http::logRequest(waiter.logLine, answer.status, waiter.started);
    http::writeWire(answer.bytes, std::move(waiter.responder));
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
    still.reserve(m_waiters.size());
    for (auto &waiter : m_waiters) {
        const bool gone =
            !waiter->socket || waiter->socket->state() != QAbstractSocket::ConnectedState;
        if (force || gone || last > waiter->after || now >= waiter->deadlineMs)
            m_due.push_back(std::move(waiter));
        else
            still.push_back(std::move(waiter));
    }
    m_waiters = std::move(still);
    if (m_waiters.empty())
        m_timer.stop();
    if (!force)
        answerDue(SliceSize);
}

void LongPoll::answerDue(size_t count)
{
    // Answering writes to sockets; each waiter is taken off the list before it is answered.
    for (size_t i = 0; i < count && !m_due.empty(); ++i) {
        std::unique_ptr<Waiter> waiter = std::move(m_due.front());
        m_due.pop_front();
        answer(*waiter);
    }
    if (!m_due.empty() && !m_slice.isActive())
        m_slice.start();
}

} // namespace civicdesk

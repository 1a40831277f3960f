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
}

void LongPoll::wait(QHttpServerResponder &&responder, qint64 after, int limit, QString audience,
                    int seconds, Answer answer, QString logLine)
{
    QPointer<QTcpSocket> socket(responder.socket());
    auto waiter = std::unique_ptr<Waiter>(new Waiter{std::move(responder),
                                                     socket,
                                                     after,
                                                     limit,
                                                     std::move(audience),
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
}

void LongPoll::answer(Waiter &waiter, BuiltAnswers &built)
{
    if (!waiter.socket || waiter.socket->state() != QAbstractSocket::ConnectedState)
        return; // the client gave up; nothing to answer
    const std::pair<std::pair<qint64, int>, QString> key{{waiter.after, waiter.limit},
                                                         waiter.audience};
    auto found = built.constFind(key);
    if (found == built.cend()) {
        const QHttpServerResponse response = waiter.answer(waiter.after);
        if (response.statusCode() != QHttpServerResponse::StatusCode::Ok) {
            // An error (a store outage) carries headers of its own: answered as it is.
            log(waiter, response.statusCode());
            http::writeWhole(response, std::move(waiter.responder));
            return;
        }
        found =
            built.insert(key, Built{response.mimeType(), response.data(), response.statusCode()});
    }
    log(waiter, found->status);
    http::writeWhole(QHttpServerResponse(found->mimeType, found->data, found->status),
                     std::move(waiter.responder));
}

void LongPoll::log(const Waiter &waiter, QHttpServerResponse::StatusCode status)
{
    qCInfo(lcServer).noquote() << waiter.logLine << int(status)
                               << QStringLiteral("%1 ms").arg(
                                      double(waiter.started.nsecsElapsed()) / 1e6, 0, 'f', 1);
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
    BuiltAnswers built;
    for (auto &waiter : due)
        answer(*waiter, built);
    if (m_waiters.empty())
        m_timer.stop();
}

} // namespace civicdesk

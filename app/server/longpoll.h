#pragma once

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

namespace civicdesk {

// Pulls that wait for new events. A waiting pull is answered as soon as an event with a higher
// sequence number is accepted — at once when this process accepted it (notify), within a poll
// interval when another server process on the same store did — or when its time is up.
class LongPoll : public QObject
{
public:
    // Reads the store's highest sequence number.
    using LastSeq = std::function<qint64()>;
    // Builds the answer for a pull after `after` (events, or an empty list when time is up).
    using Answer = std::function<QHttpServerResponse(qint64 after)>;

    static constexpr int PollMs = 200;

    explicit LongPoll(LastSeq lastSeq, QObject *parent = nullptr);

    void wait(QHttpServerResponder &&responder, qint64 after, int seconds, Answer answer,
              QString logLine);
    // New events were accepted here: answer every waiter behind them.
    void notify();
    // Answers every waiter now (at shutdown): clients pull again after a restart.
    void releaseAll();
    int waiting() const { return int(m_waiters.size()); }

private:
    struct Waiter
    {
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        qint64 after;
        qint64 deadlineMs;
        Answer answer;
        QString logLine;
        QElapsedTimer started;
    };
    void check(bool force);
    void answer(Waiter &waiter);

    LastSeq m_lastSeq;
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Waiter>> m_waiters;
};

} // namespace civicdesk

#pragma once

#include "app/server/wireanswer.h"

#include <QElapsedTimer>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace civicdesk {

// Pulls that wait for new events. A waiting pull is answered as soon as an event with a higher
// sequence number is accepted — at once when this process accepted it (notify), within a poll
// interval when another server process on the same store did — or when its time is up.
//
// A wake-up answers its pollers in slices of SliceSize, each slice one turn of the event loop,
// so that the pushes, sign-ins and pulls that arrived meanwhile are answered between slices
// instead of after the last of a thousand pollers.
class LongPoll : public QObject
{
public:
    // Reads the store's highest sequence number.
    using LastSeq = std::function<qint64()>;
    // The whole answer for a pull after `after` (events, or an empty list when time is up).
    using Answer = std::function<http::WireAnswer(qint64 after)>;

    static constexpr int PollMs = 200;
    static constexpr int SliceSize = 100;

    explicit LongPoll(LastSeq lastSeq, QObject *parent = nullptr);

    // `answer` builds the whole answer for this waiter's pull after a given number (SyncApi shares
    // the bytes among waiters after the same number with the same page size and audience).
    void wait(QHttpServerResponder &&responder, qint64 after, int limit, int seconds, Answer answer,
              QString logLine);
    // New events were accepted here: answer every waiter behind them, once the current event
    // (the push's own answer) is done; several pushes in one turn of the event loop wake the
    // waiters once.
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
        int limit;
        qint64 deadlineMs;
        Answer answer;
        QString logLine;
        QElapsedTimer started;
    };
    void check(bool force);
    // Answers up to `count` of the waiters found due, then schedules the next slice.
    void answerDue(size_t count);
    void answer(Waiter &waiter);

    LastSeq m_lastSeq;
    QTimer m_timer;
    QTimer m_soon;  // single shot, 0 ms: the wake-up after the current event
    QTimer m_slice; // single shot, 0 ms: the next slice of due waiters
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Waiter>> m_waiters;
    std::deque<std::unique_ptr<Waiter>> m_due; // found due, not answered yet
};

} // namespace civicdesk

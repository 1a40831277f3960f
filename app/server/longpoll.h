#pragma once

#include <QElapsedTimer>
#include <QHash>
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

    // `limit` (the page size asked), `after` and `audience` (what the reader may receive: the
    // quality reviews of whom) say which waiters get the same answer: it is built once per
    // wake-up and shared by all of them, never by waiters of another audience.
    void wait(QHttpServerResponder &&responder, qint64 after, int limit, QString audience,
              int seconds, Answer answer, QString logLine);
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
        QString audience;
        qint64 deadlineMs;
        Answer answer;
        QString logLine;
        QElapsedTimer started;
    };
    // An answer already built in this wake-up, for the waiters after the same sequence number
    // with the same limit and audience (implicitly shared bytes: never copied per waiter).
    struct Built
    {
        QByteArray mimeType;
        QByteArray data;
        QHttpServerResponse::StatusCode status;
    };
    using BuiltAnswers = QHash<std::pair<std::pair<qint64, int>, QString>, Built>;
    void check(bool force);
    void answer(Waiter &waiter, BuiltAnswers &built);
    static void log(const Waiter &waiter, QHttpServerResponse::StatusCode status);

    LastSeq m_lastSeq;
    QTimer m_timer;
    QTimer m_soon; // single shot, 0 ms: the wake-up after the current event
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<Waiter>> m_waiters;
};

} // namespace civicdesk

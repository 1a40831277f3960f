#pragma once

#include <QAbstractEventDispatcher>
#include <QAtomicInt>
#include <deque>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace civicdesk {

// An event dispatcher for a thread that holds many connections (the server's, a thousand
// long-polls; the load benchmark's clients): socket notifiers are kept in an epoll set, so a
// wake-up costs what is ready, not what is open. Qt 6.4's own dispatchers (glib's and the UNIX
// one) hand every registered socket to poll() on every wake-up and walk them all again after it:
// with a thousand idle long-polls that walk, not the requests, was the server's work.
//
// Same contract as Qt's: level-triggered notifiers (read on input, hang-up or error; write on
// room, hang-up or error; exception on urgent data), a notifier unregistered (or deleted) while
// others are being activated is never activated afterwards, posted events sent before waiting,
// each due timer fired at most once per pass and never inside its own handler, wakeUp() and
// interrupt() safe from any thread. Timers are kept to the millisecond whatever their type.
//
// Install before the thread's first event: QCoreApplication::setEventDispatcher() before the
// application object is made, QThread::setEventDispatcher() before start().
class EpollDispatcher final : public QAbstractEventDispatcher
{
public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    // False when the kernel refused an epoll set or an eventfd (the process's descriptor limit).
    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }
    // Descriptors in the epoll set (a socket with a read and a write notifier counts once).
    int watchedDescriptors() const { return int(m_watches.size()); }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

private:
    // The notifiers of one descriptor, by QSocketNotifier::Type (Read, Write, Exception), and
    // which of them an epoll answer has made pending.
    struct Watch
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};
        bool pending[3] = {false, false, false};
        quint32 events = 0; // what the epoll set asks for
    };
    struct Timer
    {
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 dueNs;
        bool firing = false; // its handler is running (a nested loop must not fire it again)
    };

    void updateWatch(int fd, Watch &watch);
    // Waits for descriptors, wake-ups and the next timer (`timeoutMs` -1: without end) and
    // marks the notifiers of ready descriptors pending; 1 when woken by wakeUp(), else 0.
    int wait(int timeoutMs, bool notifiers);
    void markPending(int fd, quint32 events);
    int activatePending();
    int activateTimers();
    int msUntilNextTimer() const;
    void schedule(int timerId, Timer &timer, qint64 dueNs);
    static qint64 nowNs();

    int m_epoll = -1;
    int m_wake = -1; // eventfd: wakeUp() from any thread
    QAtomicInt m_wakeUps = 0;
    QAtomicInt m_interrupted = 0;
    std::unordered_map<int, Watch> m_watches;
    // Descriptors epoll refuses (regular files): poll() calls them always ready, and so do we.
    std::unordered_set<int> m_alwaysReady;
    std::deque<std::pair<int, int>> m_pending; // (descriptor, notifier type), in epoll's order
    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_due; // (due time, timer id)
};

} // namespace civicdesk

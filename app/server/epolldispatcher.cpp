#include "app/server/epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>
#include <cerrno>
#include <climits>
#include <ctime>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <vector>

namespace civicdesk {

namespace {

// Answers taken from the kernel per wake-up; more wait for the next (level-triggered, in turn).
constexpr int MaxReady = 512;
constexpr qint64 NsPerMs = 1000000;

// What makes a notifier of each QSocketNotifier::Type pending: as Qt's own dispatchers do, a
// hang-up or an error wakes every kind, so that its owner reads the error.
constexpr quint32 ReadyMask[3] = {EPOLLIN | EPOLLHUP | EPOLLERR, EPOLLOUT | EPOLLHUP | EPOLLERR,
                                  EPOLLPRI | EPOLLHUP | EPOLLERR};
constexpr quint32 AskMask[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};

} // namespace

EpollDispatcher::EpollDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wake = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll >= 0 && m_wake >= 0) {
        epoll_event wake{};
        wake.events = EPOLLIN;
        wake.data.fd = m_wake;
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &wake) != 0) {
            ::close(m_wake);
            m_wake = -1;
        }
    }
}

EpollDispatcher::~EpollDispatcher()
{
    if (m_wake >= 0)
        ::close(m_wake);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

qint64 EpollDispatcher::nowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return qint64(now.tv_sec) * 1000 * NsPerMs + now.tv_nsec;
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    emit awake();
    QCoreApplication::sendPostedEvents();
    const bool notifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool timers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.loadRelaxed())
        return false;
    int timeoutMs = canWait && timers ? msUntilNextTimer() : (canWait ? -1 : 0);
    // Notifiers left pending by a nested loop that returned early are activated now.
    if (notifiers && (!m_pending.empty() || !m_alwaysReady.empty()))
        timeoutMs = 0;
    int activated = wait(timeoutMs, notifiers);
    if (notifiers)
        activated += activatePending();
    if (timers)
        activated += activateTimers();
    return activated > 0;
}

int EpollDispatcher::wait(int timeoutMs, bool notifiers)
{
    epoll_event ready[MaxReady];
    int count = 0;
    if (notifiers) {
        count = ::epoll_wait(m_epoll, ready, MaxReady, timeoutMs);
    } else {
        // Only a wake-up (or the timer) ends this wait; the sockets wait for a later pass.
        pollfd wake{m_wake, POLLIN, 0};
        count = ::poll(&wake, 1, timeoutMs);
        if (count > 0)
            ready[0].data.fd = m_wake;
    }
    int woken = 0;
    for (const int fd : m_alwaysReady)
        markPending(fd, EPOLLIN | EPOLLOUT);
    for (int i = 0; i < count; ++i) {
        const int fd = ready[i].data.fd;
        if (fd == m_wake) {
            // Read, then allow the next write: a wakeUp() between the two is not lost, as posted
            // events are sent before the next wait.
            quint64 value = 0;
            [[maybe_unused]] const auto read = ::read(m_wake, &value, sizeof value);
            m_wakeUps.storeRelease(0);
            woken = 1;
            continue;
        }
        markPending(fd, ready[i].events);
    }
    return woken;
}

void EpollDispatcher::markPending(int fd, quint32 events)
{
    const auto found = m_watches.find(fd);
    if (found == m_watches.end())
        return;
    Watch &watch = found->second;
    for (int type = 0; type < 3; ++type) {
        if (watch.notifiers[type] && !watch.pending[type] && (events & ReadyMask[type])) {
            watch.pending[type] = true;
            m_pending.emplace_back(fd, type);
        }
    }
}

int EpollDispatcher::activatePending()
{
    int activated = 0;
    // A handler may unregister, delete or add notifiers (and run a nested loop that takes from
    // this queue): each entry is looked up again when its turn comes.
    while (!m_pending.empty()) {
        const auto [fd, type] = m_pending.front();
        m_pending.pop_front();
        const auto found = m_watches.find(fd);
        if (found == m_watches.end() || !found->second.pending[type])
            continue;
        found->second.pending[type] = false;
        QSocketNotifier *notifier = found->second.notifiers[type];
        if (!notifier)
            continue;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    return activated;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    Watch &watch = m_watches[fd];
    if (watch.notifiers[type] && watch.notifiers[type] != notifier)
        qWarning("EpollDispatcher: a second notifier of type %d for descriptor %d replaces the "
                 "first",
                 type, fd);
    watch.notifiers[type] = notifier;
    watch.pending[type] = false;
    updateWatch(fd, watch);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto found = m_watches.find(fd);
    if (type < 0 || type > 2 || found == m_watches.end() ||
        found->second.notifiers[type] != notifier)
        return;
    found->second.notifiers[type] = nullptr;
    found->second.pending[type] = false;
    updateWatch(fd, found->second);
}

void EpollDispatcher::updateWatch(int fd, Watch &watch)
{
    quint32 events = 0;
    for (int type = 0; type < 3; ++type) {
        if (watch.notifiers[type])
            events |= AskMask[type];
    }
    if (events != watch.events) {
        epoll_event wanted{};
        wanted.events = events;
        wanted.data.fd = fd;
        int op = watch.events == 0 ? EPOLL_CTL_ADD : events == 0 ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
        int done = ::epoll_ctl(m_epoll, op, fd, &wanted);
        // The descriptor was closed (and so left the set) and its number given out again before
        // its notifiers were unregistered, or is still in the set under an older watch.
        if (done != 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
            done = ::epoll_ctl(m_epoll, op = EPOLL_CTL_ADD, fd, &wanted);
        else if (done != 0 && op == EPOLL_CTL_ADD && errno == EEXIST)
            done = ::epoll_ctl(m_epoll, op = EPOLL_CTL_MOD, fd, &wanted);
        if (done != 0 && op == EPOLL_CTL_ADD && errno == EPERM)
            m_alwaysReady.insert(fd); // a regular file: always ready, as poll() says
        else if (done != 0 && op != EPOLL_CTL_DEL)
            qWarning("EpollDispatcher: cannot watch descriptor %d: %s", fd, strerror(errno));
        watch.events = events;
    }
    if (events == 0) {
        // Nothing pending of it can fire now; a stale queue entry finds no watch.
        m_alwaysReady.erase(fd);
        m_watches.erase(fd);
    }
}

void EpollDispatcher::schedule(int timerId, Timer &timer, qint64 dueNs)
{
    m_due.erase({timer.dueNs, timerId});
    timer.dueNs = dueNs;
    m_due.emplace(dueNs, timerId);
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                    QObject *object)
{
    unregisterTimer(timerId);
    const qint64 due = nowNs() + std::max<qint64>(interval, 0) * NsPerMs;
    m_timers.emplace(timerId, Timer{std::max<qint64>(interval, 0), timerType, object, due});
    m_due.emplace(due, timerId);
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return false;
    m_due.erase({found->second.dueNs, timerId});
    m_timers.erase(found);
    return true;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object == object) {
            m_due.erase({it->second.dueNs, it->first});
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            list.append(
                TimerInfo(id, int(std::min<qint64>(timer.intervalMs, INT_MAX)), timer.type));
    }
    return list;
}

int EpollDispatcher::remainingTime(int timerId)
{
    const auto found = m_timers.find(timerId);
    if (found == m_timers.end())
        return -1;
    const qint64 left = found->second.dueNs - nowNs();
    return left <= 0 ? 0 : int(std::min<qint64>((left + NsPerMs - 1) / NsPerMs, INT_MAX));
}

int EpollDispatcher::msUntilNextTimer() const
{
    if (m_due.empty())
        return -1;
    const qint64 left = m_due.begin()->first - nowNs();
    // Rounded up: waking a fraction of a millisecond early would only wait again.
    return left <= 0 ? 0 : int(std::min<qint64>((left + NsPerMs - 1) / NsPerMs, INT_MAX));
}

int EpollDispatcher::activateTimers()
{
    const qint64 now = nowNs();
    // Those due now, each fired once in this pass (a 0 ms timer again in the next).
    std::vector<int> due;
    for (auto it = m_due.begin(); it != m_due.end() && it->first <= now; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (const int id : due) {
        const auto found = m_timers.find(id);
        // Unregistered, rescheduled by a nested loop, or in its own handler meanwhile.
        if (found == m_timers.end() || found->second.firing || found->second.dueNs > now)
            continue;
        Timer &timer = found->second;
        // Missed intervals are skipped, not fired in a burst.
        qint64 next = timer.dueNs + timer.intervalMs * NsPerMs;
        if (next <= now)
            next = now + timer.intervalMs * NsPerMs;
        schedule(id, timer, next);
        timer.firing = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++fired;
        // The handler may have stopped it (and the id been given to a new timer, not firing).
        if (const auto again = m_timers.find(id); again != m_timers.end())
            again->second.firing = false;
    }
    return fired;
}

void EpollDispatcher::wakeUp()
{
    if (m_wakeUps.testAndSetAcquire(0, 1)) {
        const quint64 one = 1;
        [[maybe_unused]] const auto written = ::write(m_wake, &one, sizeof one);
    }
}

void EpollDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

} // namespace civicdesk

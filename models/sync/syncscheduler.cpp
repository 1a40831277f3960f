#include "models/sync/syncscheduler.h"

#include "models/sync/synclogging.h"

#include <algorithm>

namespace civicdesk {

SyncScheduler::SyncScheduler(QObject *parent) : SyncScheduler(Backoff(), Backoff(), parent) {}

SyncScheduler::SyncScheduler(Backoff pushBackoff, Backoff pullBackoff, QObject *parent)
    : QObject(parent), m_pushBackoff(pushBackoff), m_pullBackoff(pullBackoff)
{
    m_pushTimer.setSingleShot(true);
    m_pullTimer.setSingleShot(true);
    connect(&m_pushTimer, &QTimer::timeout, this, [this] {
        m_pushBackingOff = false;
        if (m_running && !m_pushing)
            emit pushDue();
    });
    connect(&m_pullTimer, &QTimer::timeout, this, [this] {
        if (m_running && !m_pulling)
            emit pullDue();
    });
}

void SyncScheduler::start()
{
    m_running = true;
    m_pushBackoff.reset();
    m_pullBackoff.reset();
    if (!m_pushing)
        schedulePush(0);
    if (!m_pulling)
        schedulePull(0);
}

void SyncScheduler::stop()
{
    m_running = false;
    m_pushing = false;
    m_pulling = false;
    m_pushAgain = false;
    m_pushBackingOff = false;
    m_pushTimer.stop();
    m_pullTimer.stop();
}

void SyncScheduler::schedulePush(int delayMs)
{
    m_pushTimer.start(delayMs);
}

void SyncScheduler::schedulePull(int delayMs)
{
    m_pullTimer.start(delayMs);
}

void SyncScheduler::localChange()
{
    if (!m_running)
        return;
    if (m_pushing) {
        m_pushAgain = true;
        return;
    }
    // While backing off the retry is already scheduled; otherwise push at once (changes made
    // in one burst share the zero timer).
    if (!m_pushBackingOff && !m_pushTimer.isActive())
        schedulePush(0);
}

void SyncScheduler::reconnected()
{
    if (!m_running)
        return;
    qCInfo(lcSync) << "network back: retrying now";
    m_pushBackoff.reset();
    m_pullBackoff.reset();
    m_pushBackingOff = false;
    if (!m_pushing)
        schedulePush(0);
    if (!m_pulling)
        schedulePull(0);
}

void SyncScheduler::pushFinished(bool ok, bool more, int notBeforeMs)
{
    m_pushing = false;
    if (!m_running)
        return;
    const bool again = std::exchange(m_pushAgain, false);
    if (ok) {
        m_pushBackoff.reset();
        if (more || again)
            schedulePush(0);
        return;
    }
    const int delay = std::max(m_pushBackoff.next(), notBeforeMs);
    qCInfo(lcSync) << "push failed" << m_pushBackoff.failures() << "times; retry in" << delay
                   << "ms";
    m_pushBackingOff = true;
    schedulePush(delay);
}

void SyncScheduler::pullFinished(bool ok, bool gotEvents, qint64 elapsedMs, int notBeforeMs)
{
    m_pulling = false;
    if (!m_running)
        return;
    if (ok) {
        m_pullBackoff.reset();
        const qint64 early = m_minimumPollMs - elapsedMs;
        schedulePull(gotEvents || early <= 0 ? 0 : int(early));
        return;
    }
    const int delay = std::max(m_pullBackoff.next(), notBeforeMs);
    qCInfo(lcSync) << "pull failed" << m_pullBackoff.failures() << "times; retry in" << delay
                   << "ms";
    schedulePull(delay);
}

} // namespace civicdesk

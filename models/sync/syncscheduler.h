#pragma once

#include "models/domain/backoff.h"

#include <QObject>
#include <QTimer>

namespace civicdesk {

// When to push and when to pull, kept apart from how (SyncEngine). Triggers: a local change,
// a long poll returning, the network coming back, and the end of a backoff. Pushes and pulls
// never overlap themselves; failures wait an exponential backoff with jitter; a pull that
// comes back empty and early (a server that does not hold long polls) waits out the minimum
// poll interval, so nothing ever spins; a server that asks for time (Retry-After) gets it.
class SyncScheduler : public QObject
{
    Q_OBJECT

public:
    explicit SyncScheduler(QObject *parent = nullptr);
    SyncScheduler(Backoff pushBackoff, Backoff pullBackoff, QObject *parent = nullptr);

    void setMinimumPollInterval(int milliseconds) { m_minimumPollMs = milliseconds; }

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    // Triggers.
    void localChange();
    void reconnected();
    // Reports from the engine. After a failure the retry waits the backoff, and never less than
    // `notBeforeMs` (what the server asked with Retry-After).
    void pushStarted() { m_pushing = true; }
    void pushFinished(bool ok, bool more, int notBeforeMs = 0);
    void pullStarted() { m_pulling = true; }
    void pullFinished(bool ok, bool gotEvents, qint64 elapsedMs, int notBeforeMs = 0);

    // For tests and the status line: when the next attempt is due (-1 = not scheduled).
    int pushDelay() const { return m_pushTimer.isActive() ? m_pushTimer.interval() : -1; }
    int pullDelay() const { return m_pullTimer.isActive() ? m_pullTimer.interval() : -1; }
    int pushFailures() const { return m_pushBackoff.failures(); }
    int pullFailures() const { return m_pullBackoff.failures(); }

signals:
    void pushDue();
    void pullDue();

private:
    void schedulePush(int delayMs);
    void schedulePull(int delayMs);

    Backoff m_pushBackoff;
    Backoff m_pullBackoff;
    QTimer m_pushTimer;
    QTimer m_pullTimer;
    int m_minimumPollMs = 1000;
    bool m_running = false;
    bool m_pushing = false;
    bool m_pulling = false;
    bool m_pushAgain = false;
    bool m_pushBackingOff = false;
};

} // namespace civicdesk

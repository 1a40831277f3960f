#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <functional>

namespace civicdesk::bench {

// Runs the event loop until `done` or the timeout; returns whether `done` became true.
inline bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

} // namespace civicdesk::bench

#pragma once

#include <QObject>
#include <QThreadPool>
#include <functional>

namespace civicdesk {

// Runs password checks (Argon2id, ~100 ms of CPU each) on a few worker threads so that the event
// loop keeps answering everyone else during a burst of sign-ins. The checks waiting for a worker
// are bounded: when `workers + queue` are in flight, submit() refuses (the caller answers 503).
class PasswordChecks : public QObject
{
public:
    PasswordChecks(int workers, int queue, QObject *parent = nullptr);
    ~PasswordChecks() override;

    // Runs `check` on a worker, then `done` with its outcome on this object's thread. False, and
    // nothing run, when the workers and the queue are full.
    bool submit(std::function<bool()> check, std::function<void(bool)> done);
    int inFlight() const { return m_inFlight; }

private:
    QThreadPool m_pool;
    int m_capacity;
    int m_inFlight = 0; // touched on this object's thread only
};

} // namespace civicdesk

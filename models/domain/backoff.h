#pragma once

#include <QRandomGenerator>

namespace civicdesk {

// Exponential backoff with jitter: the n-th consecutive failure waits a random time between
// half and all of min(cap, base * 2^n), so many workstations coming back after one outage do
// not retry in step, and a retry never comes sooner than half the base.
class Backoff
{
public:
    explicit Backoff(int baseMs = 500, int capMs = 60000,
                     quint32 seed = QRandomGenerator::global()->generate());

    // The delay before the next attempt; counts one more failure.
    int next();
    void reset() { m_failures = 0; }
    int failures() const { return m_failures; }
    // The upper bound of the delay after `failures` failures (without jitter).
    int ceiling(int failures) const;

private:
    int m_baseMs;
    int m_capMs;
    int m_failures = 0;
    QRandomGenerator m_random;
};

} // namespace civicdesk

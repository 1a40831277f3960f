#include "models/domain/backoff.h"

#include <algorithm>

namespace civicdesk {

Backoff::Backoff(int baseMs, int capMs, quint32 seed)
    : m_baseMs(std::max(1, baseMs)), m_capMs(std::max(baseMs, capMs)), m_random(seed)
{
}

int Backoff::ceiling(int failures) const
{
    qint64 delay = m_baseMs;
    for (int i = 0; i < failures && delay < m_capMs; ++i)
        delay *= 2;
    return int(std::min<qint64>(delay, m_capMs));
}

int Backoff::next()
{
    const int top = ceiling(m_failures);
    ++m_failures;
    const int half = top / 2;
    return half + int(m_random.bounded(top - half + 1));
}

} // namespace civicdesk

#pragma once

#include <QDateTime>
#include <functional>
#include <type_traits>

namespace civicdesk {

// The one clock every service and view asks for "now" (UTC): the system clock unless a test or
// a practice session gives another (a fixed time, or a scripted one). Cheap to copy.
class Clock
{
public:
    using Source = std::function<QDateTime()>;

    Clock() = default; // the system clock
    // Any callable returning a QDateTime, e.g. [&] { return scriptedNow; }.
    template <typename F, typename = std::enable_if_t<std::is_invocable_r_v<QDateTime, F &> &&
                                                      !std::is_same_v<std::decay_t<F>, Clock>>>
    Clock(F source) : m_source(std::move(source))
    {
    }
    static Clock fixed(const QDateTime &at)
    {
        return Clock([at] { return at; });
    }

    QDateTime now() const { return m_source ? m_source() : QDateTime::currentDateTimeUtc(); }

private:
    Source m_source;
};

} // namespace civicdesk

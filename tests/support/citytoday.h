#pragma once

#include <QDateTime>
#include <QTimeZone>

namespace civicdesk::test {

// The time to start `spanSeconds` of recorded work so that all of it falls on the city's
// current day: `spanSeconds` before now, or, in the first minutes after the city's midnight,
// one second past that midnight (the work then runs a little past now, still today). Fixtures
// that read "today's" figures use it so they pass at any hour, 00:05 in Boston included.
inline QDateTime startWithinCityToday(const QTimeZone &zone, qint64 spanSeconds)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime midnight = QDateTime(now.toTimeZone(zone).date(), QTime(0, 0), zone);
    const QDateTime start = now.addSecs(-spanSeconds);
    return start > midnight ? start : midnight.addSecs(1).toUTC();
}

} // namespace civicdesk::test

#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QTimeZone>

namespace civicdesk {

// A range of whole days in the city's time zone (first and last day included), as the KPIs
// count them: a day runs from local midnight to the next local midnight, so a day on which
// the clocks change has 23 or 25 hours.
struct KpiPeriod
{
    QDate first;
    QDate last;
    QTimeZone zone;

    // The longest range the workspace asks for at once.
    static constexpr int MaxDays = 400;

    static KpiPeriod days(QDate first, QDate last, const QTimeZone &zone);
    // The local day that holds `now`.
    static KpiPeriod today(const QDateTime &now, const QTimeZone &zone);
    // Monday to Sunday of the local week that holds `now`.
    static KpiPeriod thisWeek(const QDateTime &now, const QTimeZone &zone);

    bool isValid() const;
    // Local midnight of the first day, and of the day after the last, in UTC seconds.
    qint64 start() const;
    qint64 end() const;

    // The zone's offset from UTC over the period, as spans: each holds `offset` seconds until
    // `until` (UTC seconds, exclusive); the last span runs on past end().
    struct OffsetSpan
    {
        qint64 until = 0;
        int offset = 0;
    };
    QList<OffsetSpan> offsets() const;
};

} // namespace civicdesk

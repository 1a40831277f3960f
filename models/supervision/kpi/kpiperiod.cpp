#include "models/supervision/kpi/kpiperiod.h"

#include <limits>

namespace civicdesk {

namespace {
qint64 midnight(QDate day, const QTimeZone &zone)
{
    return QDateTime(day, QTime(0, 0), zone).toSecsSinceEpoch();
}
} // namespace

KpiPeriod KpiPeriod::days(QDate first, QDate last, const QTimeZone &zone)
{
    return KpiPeriod{first, last, zone};
}

KpiPeriod KpiPeriod::today(const QDateTime &now, const QTimeZone &zone)
{
    const QDate day = now.toTimeZone(zone).date();
    return KpiPeriod{day, day, zone};
}

KpiPeriod KpiPeriod::thisWeek(const QDateTime &now, const QTimeZone &zone)
{
    const QDate day = now.toTimeZone(zone).date();
    const QDate monday = day.addDays(1 - day.dayOfWeek());
    return KpiPeriod{monday, monday.addDays(6), zone};
}

bool KpiPeriod::isValid() const
{
    return zone.isValid() && first.isValid() && last.isValid() && first <= last &&
           first.daysTo(last) < MaxDays;
}

qint64 KpiPeriod::start() const
{
    return midnight(first, zone);
}

qint64 KpiPeriod::end() const
{
    return midnight(last.addDays(1), zone);
}

QList<KpiPeriod::OffsetSpan> KpiPeriod::offsets() const
{
    QList<OffsetSpan> spans;
    const QDateTime from = QDateTime::fromSecsSinceEpoch(start(), Qt::UTC);
    const QDateTime to = QDateTime::fromSecsSinceEpoch(end(), Qt::UTC);
    int offset = zone.offsetFromUtc(from);
    const QTimeZone::OffsetDataList transitions = zone.transitions(from, to);
    for (const QTimeZone::OffsetData &t : transitions) {
        if (t.offsetFromUtc == offset)
            continue;
        spans.append({t.atUtc.toSecsSinceEpoch(), offset});
        offset = t.offsetFromUtc;
    }
    spans.append({std::numeric_limits<qint64>::max(), offset});
    return spans;
}

} // namespace civicdesk

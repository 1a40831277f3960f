#include "ui/supervisor/kpitexts.h"

#include "models/supervision/kpi/kpireport.h"
#include "models/supervision/phone/phonefigures.h"

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace civicdesk::kpitexts {

namespace {
class Text
{
    Q_DECLARE_TR_FUNCTIONS(KpiTexts)
};
} // namespace

QString percent(std::optional<double> share)
{
    if (!share)
        return Text::tr("–");
    return Text::tr("%1 %").arg(QLocale().toString(*share * 100.0, 'f', 0));
}

QString duration(std::optional<double> seconds)
{
    if (!seconds)
        return Text::tr("–");
    const qint64 total = qint64(std::llround(*seconds));
    return Text::tr("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString fcrDefinition()
{
    return Text::tr("First-contact resolution: an ended contact with a known caller and a request "
                    "type counts as resolved unless the same caller contacted the centre again "
                    "about a request of the same type within %1 days. Contacts without a caller "
                    "or a type are not counted.")
        .arg(FcrRepeatDays);
}

QString serviceLevel(const PhoneCounts &counts, int thresholdSeconds)
{
    if (!counts.serviceLevel())
        return Text::tr("–");
    if (thresholdSeconds == PhoneFigures::MixedThreshold)
        return Text::tr("%1 within each interval's threshold").arg(percent(counts.serviceLevel()));
    return Text::tr("%1 in %2 s").arg(percent(counts.serviceLevel())).arg(thresholdSeconds);
}

QString phoneSummary(const PhoneFigures &f)
{
    if (f.isEmpty())
        return Text::tr("Phone system: no interval report imported for these days.");
    return Text::tr("Phone system: %1 calls offered · service level %2 (target %3) · abandoned "
                    "%4 · average speed of answer %5")
        .arg(QLocale().toString(f.total.offered), serviceLevel(f.total, f.thresholdSeconds),
             percent(PhoneFigures::TargetServiceLevel), percent(f.total.abandonRate()),
             duration(f.total.asaSeconds()));
}

QString phoneDefinition()
{
    return Text::tr("From the phone system's interval reports (all queues; the agent, team and "
                    "channel filters do not apply). Service level: calls answered within the "
                    "threshold ÷ calls offered (abandoned calls count against it). Abandon rate: "
                    "abandoned ÷ offered. Average speed of answer: the mean wait of the answered "
                    "calls.");
}

} // namespace civicdesk::kpitexts

#include "ui/supervisor/kpitexts.h"

#include "models/supervision/kpireport.h"

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

} // namespace civicdesk::kpitexts

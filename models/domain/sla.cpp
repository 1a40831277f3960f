#include "models/domain/sla.h"

namespace civicdesk {

QDateTime Sla::dueFrom(const QDateTime &opened) const
{
    switch (unit) {
    case Unit::Hours:
        return opened.addSecs(qint64(value) * 3600);
    case Unit::CalendarDays:
        return opened.addDays(value);
    case Unit::BusinessDays: {
        QDateTime due = opened;
        int left = value;
        while (left > 0) {
            due = due.addDays(1);
            if (due.date().dayOfWeek() <= 5)
                --left;
        }
        return due;
    }
    }
    return opened;
}

double Sla::approximateHours() const
{
    switch (unit) {
    case Unit::Hours:
        return value;
    case Unit::CalendarDays:
        return value * 24.0;
    case Unit::BusinessDays:
        return value * 24.0 * 7.0 / 5.0;
    }
    return value;
}

QString Sla::unitName(Unit unit)
{
    switch (unit) {
    case Unit::Hours:
        return QStringLiteral("hours");
    case Unit::CalendarDays:
        return QStringLiteral("calendar_days");
    case Unit::BusinessDays:
        return QStringLiteral("business_days");
    }
    return {};
}

std::optional<Sla::Unit> Sla::unitFromName(const QString &name)
{
    QString key = name.trimmed().toLower();
    key.replace(u' ', u'_');
    if (key == u"hours" || key == u"hour")
        return Unit::Hours;
    if (key == u"calendar_days" || key == u"days" || key == u"day")
        return Unit::CalendarDays;
    if (key == u"business_days" || key == u"working_days")
        return Unit::BusinessDays;
    return std::nullopt;
}

} // namespace civicdesk

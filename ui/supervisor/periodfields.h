#pragma once

#include "models/domain/clock.h"

#include <QTimeZone>
#include <functional>

class QComboBox;
class QDateEdit;
class QWidget;

namespace civicdesk {

// The period fields of the supervisor workspace and of "My figures": today, this week or chosen
// days, and the first and last day (calendar pop-ups, the locale's short date), with their
// accessible names. Choosing today or this week sets the days (the city's, at the clock's now);
// changing a day makes the choice "chosen days". `changed` runs once per change.
struct PeriodFields
{
    QComboBox *choice = nullptr;
    QDateEdit *from = nullptr;
    QDateEdit *to = nullptr;

    // The fields' object names start with `name` ("kpi": kpiPeriodComboBox, kpiFromDateEdit,
    // kpiToDateEdit).
    static PeriodFields make(QWidget *parent, const QString &name, const Clock &clock,
                             const QTimeZone &zone, std::function<void()> changed);
};

} // namespace civicdesk

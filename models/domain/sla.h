#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace civicdesk {

// A service level agreement: how long a department has to resolve a request of a type.
struct Sla
{
    enum class Unit
    {
        Hours,
        CalendarDays,
        BusinessDays
    };

    Unit unit = Unit::Hours;
    int value = 0;
    QString source; // "definition", "history" (derived from past target dates) or "pack"

    // When a request opened at `opened` is due. Business days skip Saturdays and Sundays.
    QDateTime dueFrom(const QDateTime &opened) const;
    // Roughly how many hours the SLA allows, for comparing and sorting.
    double approximateHours() const;

    static QString unitName(Unit unit);
    // Accepts Open311/Boston spellings: "Hours", "Calendar Days", "Business Days", "days", ...
    static std::optional<Unit> unitFromName(const QString &name);

    friend bool operator==(const Sla &, const Sla &) = default;
};

} // namespace civicdesk

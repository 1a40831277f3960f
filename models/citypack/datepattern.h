#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringView>
#include <QTime>
#include <optional>
#include <utility>

namespace civicdesk {

// A Qt date format made only of fixed-width numbers (yyyy, yy, MM, dd, HH, hh, mm, ss), AP or
// ap, and separators ("MM/dd/yyyy hh:mm:ss AP"), read without QDateTime::fromString(), which
// makes a parser for every text it reads (20-45 us a date; a city's history has hundreds of
// thousands). A text not exactly in the pattern, or read as no valid date or time, is left to
// QDateTime::fromString() as before (ExportDates), so what is read is what Qt reads.
class DatePattern
{
public:
    // Nothing when the format has anything else (then every text goes to Qt).
    static std::optional<DatePattern> compile(const QString &format);
    // The date and time as QDateTime::fromString() reads them (a two-digit year is 19yy), or
    // nothing when `text` is not exactly in the pattern or names no valid date or time.
    std::optional<std::pair<QDate, QTime>> read(QStringView text) const;

private:
    enum class Part : quint8
    {
        Year4,
        Year2,
        Month,
        Day,
        Hour24,
        Hour12,
        Minute,
        Second,
        AmPm,
        Literal
    };
    struct Piece
    {
        Part part;
        QChar literal;
    };
    QList<Piece> m_pieces;
    bool m_twoDigitYear = false; // yy (read as 19yy), not yyyy
};

} // namespace civicdesk

#pragma once

#include "models/citypack/citypack.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>
#include <optional>

namespace civicdesk {

class CsvReader;

// The form of an export's timestamps: a Qt date format, ISO 8601, or seconds or milliseconds
// since 1970.
enum class DateForm
{
    Qt,
    Iso,
    Epoch,
    EpochMs
};
DateForm dateForm(const QString &dateFormat);

// How a city's export file is written, as its history entry in city.json says: the text
// encoding, the separator, the words it writes for "no value" and the form of its dates.

// Reads `encoding`, `delimiter`, `missing` and checks `date_format` of a history entry into
// `schema`; returns what is wrong ("" when nothing is), naming the key and what it may hold.
QString readExportForm(const QJsonObject &entry, HistorySchema &schema);

// Sets a reader to the file's encoding and separator.
void configureReader(CsvReader &csv, const HistorySchema &schema);

// True when the text is one of the file's words for "no value" ("NULL", "N/A", ...).
bool isMissing(const HistorySchema &schema, const QString &text);

// Reads the timestamps of one export in its form: a Qt date format (two-digit years in the
// schema's century), ISO 8601 (an offset or Z is honoured; without one the time is the city's
// wall-clock time) or seconds / milliseconds since 1970.
class ExportDates
{
public:
    ExportDates(const HistorySchema &schema, const QTimeZone &zone);
    // An invalid QDateTime for an empty text; nothing when the text is not a date in the form.
    std::optional<QDateTime> read(const QString &text) const;

private:
    std::optional<QDateTime> readAs(DateForm form, const QString &format,
                                    const QString &text) const;

    QList<std::pair<DateForm, QString>> m_forms;
    int m_century = 0;
    QTimeZone m_zone;
};

} // namespace civicdesk

#pragma once

#include "models/citypack/citypack.h"
#include "models/citypack/datepattern.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimeZone>
#include <memory>
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

// How a city's export file is written, as its entry in city.json says: the text encoding, the
// separator, the words it writes for "no value" and (for history files) the form of its dates.

// Reads `encoding`, `delimiter` and `missing` of a file's description into `form`; returns what
// is wrong ("" when nothing is), naming the file (`label`, such as `addresses "a.csv"`), the key
// and what it may hold.
QString readCsvForm(const QJsonObject &entry, const QString &label, CsvForm &form);

// readCsvForm for a history entry, and checks its `date_format`.
QString readExportForm(const QJsonObject &entry, HistorySchema &schema);

// A CSV file named by a manifest key (`key`, such as "addresses"): its path, or a description of
// how the city's own export is written, {"file": path, "encoding", "delimiter", "missing",
// "columns"}, kept in pack.csvForms. What is wrong with a description is added to `problems`.
// Empty when the key is absent.
QString csvFile(const QJsonValue &value, const QString &key, CityPack &pack, QStringList &problems);
// A key that names one CSV file or a list of them, each a path or a description (csvFile).
QStringList csvFiles(const QJsonValue &value, const QString &key, CityPack &pack,
                     QStringList &problems);

// Sets a reader to the file's encoding, separator and words for "no value".
void configureReader(CsvReader &csv, const CsvForm &form);
// One of the pack's CSV files (not a history file), opened and read as its description says
// (pack.csvForms): every importer opens its CSV here, so none can miss the city's own form.
struct PackCsv
{
    std::unique_ptr<PackFile> file;
    std::unique_ptr<CsvReader> reader;
};
Result<PackCsv> openPackCsv(const CityPack &pack, const QString &file);

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
    struct Form
    {
        DateForm form;
        QString format;
        std::optional<DatePattern> pattern; // a Qt format read without Qt's parser
    };
    std::optional<QDateTime> readAs(const Form &form, const QString &text) const;

    QList<Form> m_forms;
    int m_century = 0;
    QTimeZone m_zone;
};

} // namespace civicdesk

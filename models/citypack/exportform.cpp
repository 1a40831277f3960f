#include "models/citypack/exportform.h"

#include "models/citypack/csvreader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>
#include <cmath>

namespace civicdesk {

DateForm dateForm(const QString &format)
{
    const QString f = format.trimmed().toLower();
    if (f == u"iso 8601" || f == u"iso8601" || f == u"iso")
        return DateForm::Iso;
    if (f == u"epoch" || f == u"epoch_s")
        return DateForm::Epoch;
    if (f == u"epoch_ms")
        return DateForm::EpochMs;
    return DateForm::Qt;
}

QString readCsvForm(const QJsonObject &entry, const QString &label, CsvForm &form)
{
    QStringList problems;
    if (entry.contains(u"encoding")) {
        const QString encoding = entry.value(u"encoding").toString().trimmed().toLower();
        static const QStringList known = {QStringLiteral("utf-8"), QStringLiteral("latin-1"),
                                          QStringLiteral("windows-1252")};
        if (known.contains(encoding))
            form.encoding = encoding;
        else if (encoding == u"utf8")
            form.encoding = QStringLiteral("utf-8");
        else if (encoding == u"latin1" || encoding == u"iso-8859-1")
            form.encoding = QStringLiteral("latin-1");
        else if (encoding == u"cp1252")
            form.encoding = QStringLiteral("windows-1252");
        else
            problems.append(QCoreApplication::translate("CityPack",
                                                        "%1: encoding \"%2\" is not one of "
                                                        "utf-8, latin-1, windows-1252")
                                .arg(label, entry.value(u"encoding").toString()));
    }
    if (entry.contains(u"delimiter")) {
        const QString delimiter = entry.value(u"delimiter").toString();
        static const QString allowed = QStringLiteral(",;|\t");
        if (delimiter.size() == 1 && allowed.contains(delimiter))
            form.delimiter = delimiter;
        else
            problems.append(QCoreApplication::translate("CityPack",
                                                        "%1: delimiter \"%2\" is not one of "
                                                        "\",\", \";\", \"|\" or a tab (\"\\t\")")
                                .arg(label, delimiter));
    }
    if (entry.contains(u"missing")) {
        const QJsonValue missing = entry.value(u"missing");
        form.missing.clear();
        const QJsonArray words =
            missing.isArray() ? missing.toArray() : QJsonArray{missing.toString()};
        for (const QJsonValue &word : words) {
            if (!word.isString() || word.toString().trimmed().isEmpty()) {
                problems.append(QCoreApplication::translate("CityPack",
                                                            "%1: missing must be a list of "
                                                            "texts, such as [\"NULL\", \"N/A\"]")
                                    .arg(label));
                break;
            }
            form.missing.append(word.toString().trimmed());
        }
    }
    return problems.join(QStringLiteral("; "));
}

QString readExportForm(const QJsonObject &entry, HistorySchema &schema)
{
    const QString file = schema.file;
    QStringList problems;
    if (const QString form =
            readCsvForm(entry, QStringLiteral("history \"%1\"").arg(file), schema.form);
        !form.isEmpty())
        problems.append(form);
    for (const QString &format : std::as_const(schema.dateFormats)) {
        if (dateForm(format) == DateForm::Qt &&
            !format.contains(QRegularExpression(QStringLiteral("[yMd]"))))
            problems.append(QCoreApplication::translate("CityPack",
                                                        "history \"%1\": date_format \"%2\" is "
                                                        "neither a Qt date format (such as "
                                                        "\"MM/dd/yyyy hh:mm:ss AP\") nor \"ISO "
                                                        "8601\", \"epoch\" or \"epoch_ms\"")
                                .arg(file, format));
    }
    return problems.join(QStringLiteral("; "));
}

void configureReader(CsvReader &csv, const CsvForm &form)
{
    csv.setDelimiter(form.delimiter.isEmpty() ? ',' : form.delimiter.at(0).toLatin1());
    if (form.encoding == u"latin-1")
        csv.setEncoding(CsvReader::Encoding::Latin1);
    else if (form.encoding == u"windows-1252")
        csv.setEncoding(CsvReader::Encoding::Windows1252);
    else
        csv.setEncoding(CsvReader::Encoding::Utf8);
    csv.setMissing(form.missing);
    csv.setColumnNames(form.columns);
}

Result<PackCsv> openPackCsv(const CityPack &pack, const QString &file)
{
    auto opened = PackFile::open(pack.path(file));
    if (!opened)
        return opened.error();
    PackCsv csv{std::move(opened).value(), nullptr};
    csv.reader = std::make_unique<CsvReader>(csv.file->device());
    configureReader(*csv.reader, pack.csvForms.value(file));
    return csv;
}

// A CSV file named by a manifest key: its path, or a description of how the city's own export
// is written, {"file": path, "encoding", "delimiter", "missing"}, kept in pack.csvForms. What is
// wrong with a description is added to `problems`. Empty when the key is absent.
QString csvFile(const QJsonValue &value, const QString &key, CityPack &pack, QStringList &problems)
{
    if (!value.isObject())
        return value.toString().trimmed();
    const QJsonObject entry = value.toObject();
    const QString file = entry.value(u"file").toString().trimmed();
    const QString label = QStringLiteral("%1 \"%2\"").arg(key, file);
    if (file.isEmpty())
        problems.append(QCoreApplication::translate("CityPack",
                                                    "\"%1\": a file's description needs "
                                                    "\"file\", the path of the file in the pack")
                            .arg(key));
    static const QStringList keys = {QStringLiteral("file"), QStringLiteral("encoding"),
                                     QStringLiteral("delimiter"), QStringLiteral("missing"),
                                     QStringLiteral("columns")};
    for (const QString &name : entry.keys()) {
        if (name == u"date_format" || name == u"century")
            problems.append(QCoreApplication::translate("CityPack",
                                                        "%1: \"%2\" is for history files; this "
                                                        "file has no dates")
                                .arg(label, name));
        else if (!keys.contains(name))
            problems.append(QCoreApplication::translate("CityPack",
                                                        "%1: \"%2\" is not a key of a file's "
                                                        "description (file, encoding, delimiter, "
                                                        "missing, columns)")
                                .arg(label, name));
    }
    CsvForm form;
    if (const QString wrong = readCsvForm(entry, label, form); !wrong.isEmpty())
        problems.append(wrong);
    // The file's own column names: {"street_name": "Street Name"}.
    const QJsonObject columns = entry.value(u"columns").toObject();
    bool named = entry.value(u"columns").isUndefined() || entry.value(u"columns").isObject();
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        named = named && it.value().isString() && !it.value().toString().trimmed().isEmpty();
        form.columns.insert(it.key(), it.value().toString().trimmed());
    }
    if (!named)
        problems.append(QCoreApplication::translate("CityPack",
                                                    "%1: columns must name the file's own column "
                                                    "for each one CivicDesk reads, such as "
                                                    "{\"street_name\": \"Street Name\"}")
                            .arg(label));
    if (!file.isEmpty())
        pack.csvForms.insert(file, form);
    return file;
}

// A key that names one CSV file or a list of them, each a path or a description (csvFile).
QStringList csvFiles(const QJsonValue &value, const QString &key, CityPack &pack,
                     QStringList &problems)
{
    const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray{value};
    QStringList files;
    for (const QJsonValue &item : items) {
        if (const QString file = csvFile(item, key, pack, problems); !file.isEmpty())
            files.append(file);
    }
    return files;
}

ExportDates::ExportDates(const HistorySchema &schema, const QTimeZone &zone)
    : m_century(schema.century), m_zone(zone)
{
    for (const QString &format :
         schema.dateFormats.isEmpty() ? QStringList{schema.dateFormat} : schema.dateFormats)
        m_forms.append(
            {dateForm(format), format,
             dateForm(format) == DateForm::Qt ? DatePattern::compile(format) : std::nullopt});
}

std::optional<QDateTime> ExportDates::read(const QString &text) const
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return QDateTime();
    for (const Form &form : m_forms) {
        if (auto d = readAs(form, t))
            return d;
    }
    return std::nullopt;
}

std::optional<QDateTime> ExportDates::readAs(const Form &f, const QString &t) const
{
    const DateForm form = f.form;
    if (form == DateForm::Epoch || form == DateForm::EpochMs) {
        bool ok = false;
        const double value = t.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return std::nullopt;
        const double ms = form == DateForm::Epoch ? value * 1000.0 : value;
        return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(ms)), Qt::UTC);
    }
    if (form == DateForm::Iso) {
        QString iso = t;
        if (iso.size() > 10 && iso.at(10) == u' ')
            iso[10] = u'T';
        QDateTime d = QDateTime::fromString(iso, Qt::ISODateWithMs);
        if (!d.isValid() || iso.size() < 10)
            return std::nullopt;
        // Without Z or an offset the time is the city's wall-clock time.
        if (d.timeSpec() == Qt::LocalTime && m_zone.isValid())
            d.setTimeZone(m_zone);
        return d;
    }
    QDateTime d;
    if (f.pattern) {
        if (const auto read = f.pattern->read(t))
            d = QDateTime(read->first, read->second);
    }
    if (!d.isValid())
        d = QDateTime::fromString(t, f.format);
    if (!d.isValid())
        return std::nullopt;
    // Qt reads a two-digit year as 19yy; the manifest says which century it is.
    if (m_century == 2000 && d.date().year() < 2000)
        d = d.addYears(100);
    if (m_zone.isValid())
        d.setTimeZone(m_zone);
    return d;
}

} // namespace civicdesk

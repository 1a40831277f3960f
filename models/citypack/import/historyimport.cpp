#include "models/citypack/import/historyimport.h"

#include "models/citypack/csvreader.h"
#include "models/citypack/exportform.h"
#include "models/citypack/rowproblems.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace civicdesk {

namespace {

Error rowError(const QString &file, qint64 line, const QString &problem)
{
    return makeError(QStringLiteral("pack.history"),
                     QCoreApplication::translate("CityImporter", "%1, line %2: %3")
                         .arg(file)
                         .arg(line)
                         .arg(problem));
}

// "Ward 5" -> "5", "509.0" -> "0509", "2115.0" -> "02115": undo the source's float columns.
QString cleanNumber(QString text, int width = 0)
{
    text = text.trimmed();
    if (text.startsWith(u"Ward ", Qt::CaseInsensitive))
        text = text.mid(5).trimmed();
    if (text.endsWith(u".0"))
        text.chop(2);
    if (width > 0 && !text.isEmpty() && text.size() < width &&
        std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); }))
        text = QString(width - text.size(), u'0') + text;
    return text;
}

// Dates of one kind of problem in a history file: how many, and the first few as examples.
class DateProblems
{
public:
    enum class Kind
    {
        Unreadable,
        Implausible
    };
    DateProblems(QString file, QString format, Kind kind)
        : m_file(std::move(file)), m_format(std::move(format)), m_kind(kind)
    {
    }
    void add(qint64 line, const QString &column, const QString &text, const QDateTime &readAs)
    {
        ++m_count;
        if (m_examples.size() < 3)
            m_examples.append(
                m_kind == Kind::Unreadable
                    ? QCoreApplication::translate("CityImporter", "line %1: %2 \"%3\"")
                          .arg(line)
                          .arg(column, text)
                    : QCoreApplication::translate("CityImporter", "line %1: %2 \"%3\" read as %4")
                          .arg(line)
                          .arg(column, text, readAs.toString(Qt::ISODate)));
    }
    bool isEmpty() const { return m_count == 0; }
    // "requests.csv, line 3: OPEN_DT "2015-01-05" is not ... (2 dates in all; line 3...,
    // line 9...)"
    QString message() const
    {
        const QString all = m_examples.join(QStringLiteral("; "));
        return m_kind == Kind::Unreadable
                   ? QCoreApplication::translate("CityImporter",
                                                 "%1, %2 is not a date in the form %3 (%4 such "
                                                 "date(s) in the file; nothing was imported; "
                                                 "examples: %5)")
                         .arg(m_file, m_examples.first(), m_format)
                         .arg(m_count)
                         .arg(all)
                   : QCoreApplication::translate("CityImporter",
                                                 "%1, %2, before 1970 or in the future (%3 such "
                                                 "date(s) in the file; nothing was imported; "
                                                 "examples: %4). Are the years two-digit? Check "
                                                 "date_format and century in city.json.")
                         .arg(m_file, m_examples.first())
                         .arg(m_count)
                         .arg(all);
    }

private:
    QString m_file;
    QString m_format;
    Kind m_kind;
    qint64 m_count = 0;
    QStringList m_examples;
};

// Statuses of a history file the pack does not map, each with its row count and first line.
class UnknownStatuses
{
public:
    void add(const QString &word, qint64 line)
    {
        if (!m_first.contains(word)) {
            m_order.append(word);
            m_first.insert(word, line);
        }
        ++m_count[word];
    }
    bool isEmpty() const { return m_order.isEmpty(); }
    QString message(const QString &file, const QString &column, bool packHasMap) const
    {
        QStringList listed;
        for (const QString &word : m_order)
            listed.append(
                QCoreApplication::translate("CityImporter", "\"%1\" (%2 row(s), first on line %3)")
                    .arg(word)
                    .arg(m_count.value(word))
                    .arg(m_first.value(word)));
        return packHasMap
                   ? QCoreApplication::translate("CityImporter",
                                                 "%1: %2 has status(es) the pack's status map "
                                                 "does not name: %3. Add each to \"statuses\" "
                                                 "in city.json (open, in_progress or closed, "
                                                 "with a note); nothing was imported.")
                         .arg(file, column, listed.join(QStringLiteral(", ")))
                   : QCoreApplication::translate("CityImporter",
                                                 "%1: %2 has status(es) other than Open and "
                                                 "Closed: %3. Map the city's statuses in "
                                                 "\"statuses\" in city.json (open, in_progress "
                                                 "or closed, with a note); nothing was imported.")
                         .arg(file, column, listed.join(QStringLiteral(", ")));
    }

private:
    QStringList m_order;
    QHash<QString, qint64> m_first;
    QHash<QString, qint64> m_count;
};

// The channel of a request from the export's source: the pack's own map first ("Driver Self
// Report" -> employee), then the usual words, else the city's name for it as it is.
QString channelOf(const QString &source, const QHash<QString, QString> &channels)
{
    const QString trimmed = source.trimmed();
    const QString s = trimmed.toLower();
    if (const auto mapped = channels.find(s); mapped != channels.cend())
        return mapped.value();
    if (s.contains(u"call") || s.contains(u"phone"))
        return QStringLiteral("phone");
    if (s.contains(u"self service") || s.contains(u"web"))
        return QStringLiteral("web");
    if (s.contains(u"app") || s.contains(u"bos311"))
        return QStringLiteral("app");
    if (s.contains(u"twitter"))
        return QStringLiteral("social");
    if (s.contains(u"employee") || s.contains(u"maximo") || s.contains(u"worker"))
        return QStringLiteral("employee");
    return trimmed;
}

// A location published in one column, as Socrata portals export it: "(37.79, -122.44)"
// (latitude, longitude) or WKT "POINT (-122.44 37.79)" (longitude, latitude). Returns latitude
// and longitude as text, or nothing when the text is neither.
std::optional<std::pair<QString, QString>> splitPoint(const QString &text)
{
    static const QRegularExpression pair(
        QStringLiteral("^\\(\\s*([-+0-9.eE]+)\\s*,\\s*([-+0-9.eE]+)\\s*\\)$"));
    static const QRegularExpression wkt(
        QStringLiteral("^POINT\\s*\\(\\s*([-+0-9.eE]+)\\s+([-+0-9.eE]+)\\s*\\)$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString t = text.trimmed();
    if (const auto m = pair.match(t); m.hasMatch())
        return std::pair{m.captured(1), m.captured(2)};
    if (const auto m = wkt.match(t); m.hasMatch())
        return std::pair{m.captured(2), m.captured(1)};
    return std::nullopt;
}

// A ZIP is text: "02115", "02115-1234". A float column's "2115.0" gets its leading zero back;
// "0" or "00000" is a missing ZIP, not a place.
QString cleanZip(const QString &text)
{
    QString zip = cleanNumber(text);
    const bool digits = !zip.isEmpty() &&
                        std::all_of(zip.cbegin(), zip.cend(), [](QChar c) { return c.isDigit(); });
    if (digits && zip.toLongLong() == 0)
        return {};
    if (digits && zip.size() >= 3 && zip.size() < 5)
        zip = QString(5 - zip.size(), u'0') + zip;
    return zip;
}

// The type map: the city's request type (its own word, in a column named source_type, or as
// the history file names its type column, or type_2015 as Boston's pack does) -> service code.
Result<QHash<QString, QString>> readTypeMap(const CityPack &pack, const QString &file,
                                            const QString &typeColumn)
{
    QHash<QString, QString> map;
    if (file.isEmpty())
        return map;
    auto opened = openPackCsv(pack, file);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s = csv.readHeader({QStringLiteral("service_code")}); !s)
        return makeError(QStringLiteral("pack.history"), file + u": " + s.error().message);
    QString sourceColumn;
    for (const QString &name :
         {QStringLiteral("source_type"), typeColumn, QStringLiteral("type_2015")}) {
        if (!name.isEmpty() && csv.column(name) >= 0) {
            sourceColumn = name;
            break;
        }
    }
    if (sourceColumn.isEmpty())
        return makeError(QStringLiteral("pack.history"),
                         QCoreApplication::translate("CityImporter",
                                                     "%1: line 1: missing column(s) source_type "
                                                     "(the city's request type; \"%2\" as in the "
                                                     "history file, or type_2015, also do)")
                             .arg(file, typeColumn));
    while (csv.next()) {
        const QString code = csv.value(QStringLiteral("service_code")).trimmed();
        if (!code.isEmpty())
            map.insert(csv.value(sourceColumn).trimmed(), code);
    }
    if (csv.hasError())
        return rowError(file, csv.errorLine(), csv.problem());
    return map;
}

} // namespace

Result<HistoryResult> importHistory(QSqlDatabase &db, const CityPack &pack,
                                    const HistorySchema &schema,
                                    const std::function<void(double)> &progress)
{
    auto typeMap = readTypeMap(pack, schema.typeMap, schema.columns.value(QStringLiteral("type")));
    if (!typeMap)
        return typeMap.error();
    QSet<QString> knownCodes;
    {
        QSqlQuery q(db);
        if (auto s = sql::exec(q, QStringLiteral("SELECT code FROM service_types")); !s)
            return s.error();
        while (q.next())
            knownCodes.insert(q.value(0).toString());
    }
    auto opened = PackFile::open(pack.path(schema.file));
    if (!opened)
        return opened.error();
    PackFile &file = *opened.value();
    CsvReader csv(file.device());
    configureReader(csv, schema.form);
    const auto col = [&schema](const char16_t *field) {
        return schema.columns.value(QString::fromUtf16(field));
    };
    QStringList required;
    for (auto it = schema.columns.cbegin(); it != schema.columns.cend(); ++it)
        required.append(it.value());
    if (auto s = csv.readHeader(required); !s)
        return makeError(QStringLiteral("pack.history"), schema.file + u": " + s.error().message);
    // Each field's column, looked up once rather than at every cell of 100,000 rows.
    struct Field
    {
        QString column;
        int index;
    };
    const auto field = [&](const char16_t *name) {
        const QString column = col(name);
        return Field{column, csv.column(column)};
    };
    const Field idField = field(u"id"), openedField = field(u"opened"),
                targetField = field(u"target"), closedField = field(u"closed"),
                statusField = field(u"status"), typeField = field(u"type"),
                latitudeField = field(u"latitude"), longitudeField = field(u"longitude"),
                pointField = field(u"point"), titleField = field(u"title"),
                closureField = field(u"closure_reason"), addressField = field(u"address"),
                neighborhoodField = field(u"neighborhood"), wardField = field(u"ward"),
                precinctField = field(u"precinct"), zipField = field(u"zip"),
                sourceField = field(u"source"), departmentField = field(u"department");
    // A cell's text, "" where the export writes its word for "no value" ("NULL", "N/A"): the
    // reader knows the words (configureReader).
    const auto cell = [&csv](const Field &f) { return csv.valueAt(f.index); };

    const QTimeZone zone(schema.timezone.isEmpty() ? pack.timezone.toUtf8()
                                                   : schema.timezone.toUtf8());
    const ExportDates dates(schema, zone);
    // Dates that cannot be read, or that read as before 1970 or after tomorrow (a two-digit year
    // read in the wrong century, a day and month swapped into another year): counted with
    // examples, and the file refused at its end, so the city sees every such date at once.
    const QDateTime earliest(QDate(1970, 1, 1), QTime(0, 0), Qt::UTC);
    const QDateTime latest = QDateTime::currentDateTimeUtc().addDays(1);
    DateProblems unreadable(schema.file, schema.dateFormat, DateProblems::Kind::Unreadable);
    DateProblems implausible(schema.file, schema.dateFormat, DateProblems::Kind::Implausible);
    const auto checkTime = [&](const Field &f, bool mayBeFuture) -> std::optional<QDateTime> {
        const QString text = cell(f);
        const auto t = dates.read(text);
        if (!t) {
            unreadable.add(csv.line(), f.column, text, {});
            return std::nullopt;
        }
        if (t->isValid() && (*t < earliest || (!mayBeFuture && *t > latest))) {
            implausible.add(csv.line(), f.column, text, *t);
            return std::nullopt;
        }
        return t;
    };
    double placeholderLat = 1000, placeholderLon = 1000;
    if (const QStringList p = schema.placeholderLatLon.split(u','); p.size() == 2) {
        placeholderLat = p.at(0).toDouble();
        placeholderLon = p.at(1).toDouble();
    }

    // Many rows per statement on PostgreSQL; a case id repeated in the file is applied in file
    // order either way (column 0, the id, is the batch key).
    sql::BatchInsert insert(
        db,
        QStringLiteral("INSERT INTO requests(id, number, service_code, type_name, status, "
                       "closure_reason, description, address, latitude, longitude, "
                       "neighborhood, ward, precinct, zip, channel, department_code, opened_at, "
                       "due_at, closed_at, origin, updated_at, source_status, status_note)"),
        23,
        QStringLiteral(
            "ON CONFLICT(id) DO UPDATE SET number = excluded.number, service_code = "
            "excluded.service_code, type_name = excluded.type_name, status = excluded.status, "
            "closure_reason = excluded.closure_reason, description = excluded.description, "
            "address = excluded.address, latitude = excluded.latitude, longitude = "
            "excluded.longitude, neighborhood = excluded.neighborhood, ward = excluded.ward, "
            "precinct = excluded.precinct, zip = excluded.zip, channel = excluded.channel, "
            "department_code = excluded.department_code, opened_at = excluded.opened_at, "
            "due_at = excluded.due_at, closed_at = excluded.closed_at, updated_at = "
            "excluded.updated_at, source_status = excluded.source_status, status_note = "
            "excluded.status_note"),
        0);

    // The city's statuses; without a map in the pack, Open and Closed.
    QHash<QString, StatusMapping> statuses = pack.statuses;
    if (statuses.isEmpty()) {
        statuses.insert(QStringLiteral("open"),
                        {QStringLiteral("Open"), QStringLiteral("open"), QString()});
        statuses.insert(QStringLiteral("closed"),
                        {QStringLiteral("Closed"), QStringLiteral("closed"), QString()});
    }
    UnknownStatuses unknownStatuses;
    HistoryResult result;
    RowProblems rows(pack);
    const qint64 totalBytes = std::max<qint64>(1, file.compressedSize());
    while (csv.next()) {
        const QString caseId = cell(idField).trimmed();
        if (caseId.isEmpty()) {
            if (rows.add(rowError(schema.file, csv.line(),
                                  QCoreApplication::translate("CityImporter", "%1 is empty")
                                      .arg(idField.column))))
                break;
            continue;
        }
        const auto openedAt = checkTime(openedField, false);
        const auto dueAt = checkTime(targetField, true);
        const auto closedAt = checkTime(closedField, false);
        // The status is checked even when a date is not: a city mends both at once.
        const QString statusWord = cell(statusField).trimmed();
        const auto mapping = statuses.find(statusWord.toLower());
        if (mapping == statuses.cend())
            unknownStatuses.add(statusWord, csv.line());
        if (openedAt && !openedAt->isValid()) {
            if (rows.add(rowError(schema.file, csv.line(),
                                  QCoreApplication::translate("CityImporter", "%1 is empty")
                                      .arg(openedField.column))))
                break;
            continue;
        }
        if (!openedAt || !dueAt || !closedAt || mapping == statuses.cend())
            continue; // reported with the others at the end of the file
        const QString type = cell(typeField).trimmed();
        QString code = typeMap.value().value(type);
        if (!knownCodes.contains(code))
            code.clear();
        QVariant lat, lon;
        QString latText = cell(latitudeField);
        QString lonText = cell(longitudeField);
        if (latText.isEmpty() && lonText.isEmpty()) {
            const QString pointText = cell(pointField);
            if (!pointText.trimmed().isEmpty()) {
                const auto point = splitPoint(pointText);
                if (!point) {
                    if (rows.add(rowError(schema.file, csv.line(),
                                          QCoreApplication::translate(
                                              "CityImporter",
                                              "%1 \"%2\" is not a point: expected (latitude, "
                                              "longitude) or POINT (longitude latitude)")
                                              .arg(pointField.column, pointText))))
                        break;
                    continue;
                }
                latText = point->first;
                lonText = point->second;
            }
        }
        if (!latText.isEmpty() && !lonText.isEmpty()) {
            bool okLat = false, okLon = false;
            const double la = latText.toDouble(&okLat);
            const double lo = lonText.toDouble(&okLon);
            if (!okLat || !okLon || std::abs(la) > 90 || std::abs(lo) > 180) {
                if (rows.add(rowError(schema.file, csv.line(),
                                      QCoreApplication::translate("CityImporter",
                                                                  "\"%1, %2\" is not a latitude "
                                                                  "and longitude")
                                          .arg(latText, lonText))))
                    break;
                continue;
            }
            if (!(std::abs(la - placeholderLat) < 1e-9 && std::abs(lo - placeholderLon) < 1e-9)) {
                lat = la;
                lon = lo;
            }
        }
        if (!code.isEmpty()) {
            ++result.mapped;
            if (dueAt->isValid() && *dueAt > *openedAt)
                result.targetHours[code].append(double(openedAt->secsTo(*dueAt)) / 3600.0);
        }
        const QString address = cell(addressField).simplified();
        // A case without a type (San Francisco publishes some) keeps its title, or no name.
        const QString typeName = sql::text(type.isEmpty() ? cell(titleField).trimmed() : type);
        auto s = insert.add({QString(pack.id + u':' + caseId),
                             caseId,
                             sql::nullable(code),
                             typeName,
                             mapping->status,
                             sql::nullable(cell(closureField).trimmed()),
                             cell(titleField).trimmed(),
                             sql::nullable(address),
                             lat,
                             lon,
                             sql::nullable(cell(neighborhoodField).trimmed()),
                             sql::nullable(cleanNumber(cell(wardField))),
                             sql::nullable(cleanNumber(cell(precinctField), 4)),
                             sql::nullable(cleanZip(cell(zipField))),
                             sql::nullable(channelOf(cell(sourceField), pack.channels)),
                             sql::nullable(cell(departmentField).trimmed()),
                             sql::epoch(*openedAt),
                             sql::epoch(*dueAt),
                             sql::epoch(*closedAt),
                             QStringLiteral("import"),
                             sql::epoch(closedAt->isValid() ? *closedAt : *openedAt),
                             sql::nullable(statusWord),
                             sql::nullable(mapping->note)},
                            csv.line());
        if (!s)
            return rowError(schema.file, insert.failedLine(), s.error().message);
        ++result.rows;
        if (result.rows % 4096 == 0 && progress)
            progress(double(file.compressedPosition()) / double(totalBytes));
    }
    // An import stops at its first problem; a check lists every one, in this order.
    if (csv.hasError())
        rows.add(rowError(schema.file, csv.errorLine(), csv.problem()));
    if (!unknownStatuses.isEmpty())
        rows.add(makeError(
            QStringLiteral("pack.history"),
            unknownStatuses.message(schema.file, col(u"status"), !pack.statuses.isEmpty())));
    for (const DateProblems *problems : {&unreadable, &implausible}) {
        if (!problems->isEmpty())
            rows.add(makeError(QStringLiteral("pack.history"), problems->message()));
    }
    if (!rows.isEmpty())
        return rows.result().error();
    if (auto s = insert.flush(); !s)
        return rowError(schema.file, insert.failedLine(), s.error().message);
    return result;
}

} // namespace civicdesk

#include "models/citypack/historyimport.h"

#include "models/citypack/csvreader.h"
#include "models/store/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
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

QString channelOf(const QString &source)
{
    const QString s = source.toLower();
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
    return s.isEmpty() ? QString() : QStringLiteral("other");
}

Result<QHash<QString, QString>> readTypeMap(const CityPack &pack, const QString &file)
{
    QHash<QString, QString> map;
    if (file.isEmpty())
        return map;
    auto opened = PackFile::open(pack.path(file));
    if (!opened)
        return opened.error();
    CsvReader csv(opened.value()->device());
    if (auto s = csv.readHeader({QStringLiteral("type_2015"), QStringLiteral("service_code")}); !s)
        return makeError(QStringLiteral("pack.history"), file + u": " + s.error().message);
    while (csv.next()) {
        const QString code = csv.value(QStringLiteral("service_code")).trimmed();
        if (!code.isEmpty())
            map.insert(csv.value(QStringLiteral("type_2015")).trimmed(), code);
    }
    if (csv.hasError())
        return rowError(file, csv.line(), csv.error());
    return map;
}

} // namespace

Result<HistoryResult> importHistory(QSqlDatabase &db, const CityPack &pack,
                                    const HistorySchema &schema,
                                    const std::function<void(double)> &progress)
{
    auto typeMap = readTypeMap(pack, schema.typeMap);
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
    const auto col = [&schema](const char16_t *field) {
        return schema.columns.value(QString::fromUtf16(field));
    };
    QStringList required;
    for (auto it = schema.columns.cbegin(); it != schema.columns.cend(); ++it)
        required.append(it.value());
    if (auto s = csv.readHeader(required); !s)
        return makeError(QStringLiteral("pack.history"), schema.file + u": " + s.error().message);

    const QTimeZone zone(schema.timezone.isEmpty() ? pack.timezone.toUtf8()
                                                   : schema.timezone.toUtf8());
    const auto parseTime = [&](const QString &text) -> std::optional<QDateTime> {
        if (text.trimmed().isEmpty())
            return QDateTime();
        QDateTime t = QDateTime::fromString(text.trimmed(), schema.dateFormat);
        if (!t.isValid())
            return std::nullopt;
        if (zone.isValid())
            t.setTimeZone(zone);
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
                       "due_at, closed_at, origin, updated_at)"),
        21,
        QStringLiteral(
            "ON CONFLICT(id) DO UPDATE SET number = excluded.number, service_code = "
            "excluded.service_code, type_name = excluded.type_name, status = excluded.status, "
            "closure_reason = excluded.closure_reason, description = excluded.description, "
            "address = excluded.address, latitude = excluded.latitude, longitude = "
            "excluded.longitude, neighborhood = excluded.neighborhood, ward = excluded.ward, "
            "precinct = excluded.precinct, zip = excluded.zip, channel = excluded.channel, "
            "department_code = excluded.department_code, opened_at = excluded.opened_at, "
            "due_at = excluded.due_at, closed_at = excluded.closed_at, updated_at = "
            "excluded.updated_at"),
        0);

    HistoryResult result;
    const qint64 totalBytes = std::max<qint64>(1, file.compressedSize());
    while (csv.next()) {
        const QString caseId = csv.value(col(u"id")).trimmed();
        if (caseId.isEmpty())
            return rowError(
                schema.file, csv.line(),
                QCoreApplication::translate("CityImporter", "%1 is empty").arg(col(u"id")));
        const auto openedAt = parseTime(csv.value(col(u"opened")));
        if (!openedAt || !openedAt->isValid())
            return rowError(schema.file, csv.line(),
                            QCoreApplication::translate("CityImporter",
                                                        "%1 \"%2\" is not a date in the form %3")
                                .arg(col(u"opened"), csv.value(col(u"opened")), schema.dateFormat));
        const auto dueAt = parseTime(csv.value(col(u"target")));
        const auto closedAt = parseTime(csv.value(col(u"closed")));
        if (!dueAt || !closedAt)
            return rowError(schema.file, csv.line(),
                            QCoreApplication::translate("CityImporter",
                                                        "a target or closing date is not in the "
                                                        "form %1")
                                .arg(schema.dateFormat));
        const QString statusText = csv.value(col(u"status")).trimmed().toLower();
        if (statusText != u"open" && statusText != u"closed")
            return rowError(schema.file, csv.line(),
                            QCoreApplication::translate("CityImporter",
                                                        "status \"%1\" is neither Open nor "
                                                        "Closed")
                                .arg(csv.value(col(u"status"))));
        const QString type = csv.value(col(u"type")).trimmed();
        QString code = typeMap.value().value(type);
        if (!knownCodes.contains(code))
            code.clear();
        QVariant lat, lon;
        const QString latText = csv.value(col(u"latitude"));
        const QString lonText = csv.value(col(u"longitude"));
        if (!latText.isEmpty() && !lonText.isEmpty()) {
            bool okLat = false, okLon = false;
            const double la = latText.toDouble(&okLat);
            const double lo = lonText.toDouble(&okLon);
            if (!okLat || !okLon || std::abs(la) > 90 || std::abs(lo) > 180)
                return rowError(schema.file, csv.line(),
                                QCoreApplication::translate("CityImporter",
                                                            "\"%1, %2\" is not a latitude and "
                                                            "longitude")
                                    .arg(latText, lonText));
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
        const QString address = csv.value(col(u"address")).simplified();
        auto s =
            insert.add({QString(pack.id + u':' + caseId),
                        caseId,
                        sql::nullable(code),
                        type.isEmpty() ? csv.value(col(u"title")) : type,
                        statusText == u"open" ? QStringLiteral("open") : QStringLiteral("closed"),
                        sql::nullable(csv.value(col(u"closure_reason")).trimmed()),
                        csv.value(col(u"title")).trimmed(),
                        sql::nullable(address),
                        lat,
                        lon,
                        sql::nullable(csv.value(col(u"neighborhood")).trimmed()),
                        sql::nullable(cleanNumber(csv.value(col(u"ward")))),
                        sql::nullable(cleanNumber(csv.value(col(u"precinct")), 4)),
                        sql::nullable(cleanNumber(csv.value(col(u"zip")), 5)),
                        sql::nullable(channelOf(csv.value(col(u"source")))),
                        sql::nullable(csv.value(col(u"department")).trimmed()),
                        sql::epoch(*openedAt),
                        sql::epoch(*dueAt),
                        sql::epoch(*closedAt),
                        QStringLiteral("import"),
                        sql::epoch(closedAt->isValid() ? *closedAt : *openedAt)},
                       csv.line());
        if (!s)
            return rowError(schema.file, insert.failedLine(), s.error().message);
        ++result.rows;
        if (result.rows % 4096 == 0 && progress)
            progress(double(file.compressedPosition()) / double(totalBytes));
    }
    if (csv.hasError())
        return rowError(schema.file, csv.line(), csv.error());
    if (auto s = insert.flush(); !s)
        return rowError(schema.file, insert.failedLine(), s.error().message);
    return result;
}

} // namespace civicdesk

#include "models/citypack/cityimporter.h"

#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/citypack/exportform.h"
#include "models/citypack/historyimport.h"
#include "models/citypack/intakeimport.h"
#include "models/citypack/knowledgeimport.h"
#include "models/citypack/rowproblems.h"
#include "models/domain/languagecode.h"
#include "models/open311/servicesjson.h"
#include "models/store/database.h"
#include "models/store/dialect.h"
#include "models/store/sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

Error fileError(const QString &file, const QString &problem)
{
    return makeError(QStringLiteral("pack.file"), ImportText::tr("%1: %2").arg(file, problem));
}

Result<QByteArray> readWhole(const CityPack &pack, const QString &file)
{
    auto opened = PackFile::open(pack.path(file));
    if (!opened)
        return opened.error();
    QByteArray data = opened.value()->device()->readAll();
    if (opened.value()->device()->errorString().size() && data.isEmpty())
        return fileError(file, opened.value()->device()->errorString());
    return data;
}

QString json(const QJsonValue &value)
{
    return QString::fromUtf8(value.isArray()
                                 ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

Status importServices(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    auto data = readWhole(pack, pack.servicesFile);
    if (!data)
        return data.error();
    auto list = open311::parseServiceList(data.value(), pack.servicesFile);
    if (!list)
        return list.error();
    QSqlQuery q(db);
    for (const Department &d : list.value().departments) {
        if (auto s = sql::exec(
                q,
                QStringLiteral("INSERT INTO departments(code, name, phone, email, web_link) "
                               "VALUES(?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = "
                               "excluded.name, phone = excluded.phone, email = excluded.email, "
                               "web_link = excluded.web_link"),
                {d.code, d.name, sql::nullable(d.phone), sql::nullable(d.email),
                 sql::nullable(d.webLink)});
            !s)
            return s;
    }
    for (const ServiceType &t : list.value().services) {
        if (auto s =
                sql::exec(q,
                          QStringLiteral("INSERT INTO service_types(code, name, description, grp, "
                                         "keywords, department_code) VALUES(?, ?, ?, ?, ?, ?) "
                                         "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                                         "description = excluded.description, grp = excluded.grp, "
                                         "keywords = excluded.keywords, department_code = "
                                         "excluded.department_code"),
                          // description, group and keywords are optional in GeoReport v2
                          {t.code, t.name, sql::text(t.description), sql::text(t.group),
                           sql::text(t.keywords), sql::nullable(t.departmentCode)});
            !s)
            return s;
        // Definitions and SLAs are re-read below; clear what an earlier import left.
        for (const char16_t *table : {u"DELETE FROM service_attributes WHERE service_code = ?",
                                      u"DELETE FROM slas WHERE service_code = ?"}) {
            if (auto s = sql::exec(q, QString::fromUtf16(table), {t.code}); !s)
                return s;
        }
    }
    report.departments = int(list.value().departments.size());
    report.services = int(list.value().services.size());
    return Ok{};
}

Status importDefinitions(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    QSqlQuery q(db);
    for (const QString &file : pack.definitionFiles) {
        auto data = readWhole(pack, file);
        if (!data)
            return data.error();
        auto types = open311::parseServiceDefinitions(data.value(), file);
        if (!types)
            return types.error();
        for (const ServiceType &t : types.value()) {
            if (auto s = sql::exec(q,
                                   QStringLiteral("UPDATE service_types SET has_definition = 1, "
                                                  "location_required = ?, contact_rule = ? "
                                                  "WHERE code = ?"),
                                   {t.locationRequired, contactRuleName(t.contactRule), t.code});
                !s)
                return s;
            if (q.numRowsAffected() != 1)
                return fileError(
                    file,
                    ImportText::tr("defines \"%1\", which is not in the service list").arg(t.code));
            if (auto s = sql::exec(q,
                                   QStringLiteral("DELETE FROM service_attributes WHERE "
                                                  "service_code = ?"),
                                   {t.code});
                !s)
                return s;
            for (const ServiceAttribute &a : t.attributes) {
                QJsonArray values;
                for (const AttributeValue &v : a.values)
                    values.append(QJsonObject{{QStringLiteral("key"), v.key},
                                              {QStringLiteral("name"), v.name}});
                QJsonArray conditions;
                for (const AttributeCondition &c : a.dependencies.conditions)
                    conditions.append(QJsonObject{{QStringLiteral("attribute"), c.attribute},
                                                  {QStringLiteral("op"), c.op},
                                                  {QStringLiteral("value"), c.value}});
                const QJsonObject deps{{QStringLiteral("all"), a.dependencies.all},
                                       {QStringLiteral("conditions"), conditions}};
                if (auto s = sql::exec(
                        q,
                        QStringLiteral("INSERT INTO service_attributes(service_code, code, ord, "
                                       "variable, required, datatype, datatype_description, "
                                       "description, values_json, dependencies_json) "
                                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {t.code, a.code, a.order, a.variable, a.required, datatypeName(a.datatype),
                         sql::nullable(a.datatypeDescription), a.description, json(values),
                         json(deps)});
                    !s)
                    return fileError(
                        file, ImportText::tr("definition %1: %2").arg(t.code, s.error().message));
            }
            if (t.sla) {
                if (auto s = sql::exec(q,
                                       QStringLiteral("INSERT INTO slas(service_code, unit, "
                                                      "value, source) VALUES(?, ?, ?, "
                                                      "'definition') ON CONFLICT(service_code) "
                                                      "DO UPDATE SET unit = excluded.unit, value "
                                                      "= excluded.value, source = "
                                                      "excluded.source"),
                                       {t.code, Sla::unitName(t.sla->unit), t.sla->value});
                    !s)
                    return s;
                ++report.slasFromDefinitions;
            }
            ++report.definitions;
        }
    }
    return Ok{};
}

// One seed file: `service_code,name,group,department,description,keywords`, and an optional
// `language` column (default en). The English seed article of a service is "seed:CODE", its
// translations "seed:CODE:LANG", all in translation group "seed:CODE".
Status importSeedFile(QSqlDatabase &db, const CityPack &pack, const QString &file,
                      ImportReport &report)
{
    auto opened = PackFile::open(pack.path(file));
    if (!opened)
        return opened.error();
    CsvReader csv(opened.value()->device());
    configureReader(csv, pack, file);
    if (auto s = csv.readHeader({QStringLiteral("service_code"), QStringLiteral("name"),
                                 QStringLiteral("description"), QStringLiteral("keywords")});
        !s)
        return fileError(file, s.error().message);
    QSqlQuery q(db);
    RowProblems rows(pack);
    while (csv.next()) {
        const QString code = csv.value(QStringLiteral("service_code")).trimmed();
        const QString name = csv.value(QStringLiteral("name")).trimmed();
        if (code.isEmpty() || name.isEmpty()) {
            if (rows.add(fileError(file, ImportText::tr("line %1: service_code and name are "
                                                        "required")
                                             .arg(csv.line()))))
                break;
            continue;
        }
        QString language = csv.value(QStringLiteral("language")).trimmed();
        if (language.isEmpty())
            language = QStringLiteral("en");
        if (!isLanguageCode(language)) {
            if (rows.add(fileError(file, ImportText::tr("line %1: language \"%2\" is not a "
                                                        "language code such as en, es, zh or "
                                                        "pt-BR")
                                             .arg(csv.line())
                                             .arg(language))))
                break;
            continue;
        }
        const QString group = u"seed:" + code;
        const QString id = language == u"en" ? group : group + u':' + language;
        const QString department = csv.value(QStringLiteral("department")).section(u';', 0, 0);
        if (auto s = sql::exec(
                q,
                QStringLiteral(
                    "INSERT INTO articles(id, title, body, audience, language, translation_group, "
                    "department_code, service_codes, keywords, state, source) VALUES(?, ?, ?, "
                    "'public', ?, ?, (SELECT code FROM departments WHERE name = ? LIMIT 1), "
                    "?, ?, 'published', 'seed') ON CONFLICT(id) DO UPDATE SET title = "
                    "excluded.title, body = excluded.body, language = excluded.language, "
                    "department_code = excluded.department_code, service_codes = "
                    "excluded.service_codes, keywords = excluded.keywords"),
                {id, name, csv.value(QStringLiteral("description")).trimmed(), language, group,
                 department.trimmed(), code, csv.value(QStringLiteral("keywords")).trimmed()});
            !s)
            return s;
        ++report.articles;
    }
    if (!rows.isEmpty())
        return rows.result();
    if (csv.hasError())
        return fileError(file, csv.error());
    return Ok{};
}

Status importKnowledgeSeed(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    for (const QString &file : pack.knowledgeSeedFiles) {
        if (auto s = importSeedFile(db, pack, file, report); !s)
            return s;
    }
    return Ok{};
}

void extendBounds(const QJsonArray &coordinates, double bounds[4])
{
    if (coordinates.size() >= 2 && coordinates.at(0).isDouble()) {
        const double lon = coordinates.at(0).toDouble();
        const double lat = coordinates.at(1).toDouble();
        bounds[0] = std::min(bounds[0], lat);
        bounds[1] = std::min(bounds[1], lon);
        bounds[2] = std::max(bounds[2], lat);
        bounds[3] = std::max(bounds[3], lon);
        return;
    }
    for (const QJsonValue &v : coordinates)
        extendBounds(v.toArray(), bounds);
}

Status importLayers(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM map_layers")); !s)
        return s;
    for (const PackLayer &layer : pack.layers) {
        auto data = readWhole(pack, layer.file);
        if (!data)
            return data.error();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(data.value(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fileError(layer.file, ImportText::tr("invalid GeoJSON at offset %1: %2")
                                             .arg(parseError.offset)
                                             .arg(parseError.errorString()));
        const QJsonObject root = doc.object();
        if (root.value(u"type").toString() != u"FeatureCollection")
            return fileError(layer.file, ImportText::tr("expected a GeoJSON FeatureCollection"));
        const QJsonArray features = root.value(u"features").toArray();
        double bounds[4] = {90, 180, -90, -180};
        int index = 0;
        RowProblems bad(pack);
        for (const QJsonValue &f : features) {
            const QJsonObject geometry = f.toObject().value(u"geometry").toObject();
            // A misspelt type ("Polgon") would be stored as is and drawn as nothing.
            static const QStringList geometryTypes = {QStringLiteral("Point"),
                                                      QStringLiteral("MultiPoint"),
                                                      QStringLiteral("LineString"),
                                                      QStringLiteral("MultiLineString"),
                                                      QStringLiteral("Polygon"),
                                                      QStringLiteral("MultiPolygon"),
                                                      QStringLiteral("GeometryCollection")};
            const QString type = geometry.value(u"type").toString();
            if (!geometryTypes.contains(type)) {
                if (bad.add(fileError(layer.file,
                                      ImportText::tr("feature %1: geometry type \"%2\" is not a "
                                                     "GeoJSON geometry type (expected one of %3)")
                                          .arg(index + 1)
                                          .arg(type, geometryTypes.join(QStringLiteral(", "))))))
                    return bad.result();
                ++index;
                continue;
            }
            QJsonArray parts;
            if (type == u"GeometryCollection") {
                for (const QJsonValue &g : geometry.value(u"geometries").toArray())
                    parts.append(g.toObject().value(u"coordinates"));
            } else {
                parts.append(geometry.value(u"coordinates"));
            }
            for (const QJsonValue &coordinates : std::as_const(parts)) {
                if (coordinates.toArray().isEmpty()) {
                    if (bad.add(fileError(layer.file,
                                          ImportText::tr("feature %1 has no geometry coordinates")
                                              .arg(index + 1))))
                        return bad.result();
                    break;
                }
                extendBounds(coordinates.toArray(), bounds);
            }
            ++index;
        }
        if (!bad.isEmpty())
            return bad.result();
        if (bounds[0] < -90 || bounds[2] > 90 || bounds[1] < -180 || bounds[3] > 180)
            return fileError(layer.file,
                             ImportText::tr("coordinates are not longitude/latitude degrees "
                                            "(EPSG:4326)"));
        if (auto s =
                sql::exec(q,
                          QStringLiteral("INSERT INTO map_layers(id, kind, title, "
                                         "name_property, feature_count, min_lat, min_lon, "
                                         "max_lat, max_lon, geojson) VALUES(?, ?, ?, ?, ?, "
                                         "?, ?, ?, ?, ?)"),
                          {layer.id, layer.kind, layer.title.isEmpty() ? layer.id : layer.title,
                           sql::nullable(layer.nameProperty), int(features.size()), bounds[0],
                           bounds[1], bounds[2], bounds[3], qCompress(data.value(), 6)});
            !s)
            return fileError(layer.file, s.error().message);
        ++report.layers;
    }
    return Ok{};
}

Result<double> coordinate(const CsvReader &csv, const QString &column, double limit,
                          const QString &file)
{
    const QString text = csv.value(column).trimmed();
    if (text.isEmpty())
        return std::nan("");
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || std::abs(value) > limit)
        return fileError(file, ImportText::tr("line %1: %2 \"%3\" is not a coordinate")
                                   .arg(csv.line())
                                   .arg(column, text));
    return value;
}

enum class PlaceRow
{
    Good,
    Skip,
    Stop
};

// A place row (an address or an intersection): good when it has a name and its coordinates
// read; otherwise each problem is noted, and the row is skipped (a check) or the import stops.
PlaceRow checkPlace(RowProblems &rows, const CsvReader &csv, const QString &file,
                    const QString &nameColumn, const Result<double> &lat, const Result<double> &lon)
{
    const bool unnamed = csv.value(nameColumn).trimmed().isEmpty();
    if (!unnamed && lat && lon)
        return PlaceRow::Good;
    if (unnamed &&
        rows.add(fileError(file,
                           ImportText::tr("line %1: %2 is empty").arg(csv.line()).arg(nameColumn))))
        return PlaceRow::Stop;
    if (!lat && rows.add(lat.error()))
        return PlaceRow::Stop;
    if (!lon && rows.add(lon.error()))
        return PlaceRow::Stop;
    return PlaceRow::Skip;
}

// Ids are numbered here (1, 2, ...), not by the database, so that importing again gives the same
// ids on PostgreSQL too (whose identity sequences do not restart after a DELETE).
Status importAddresses(QSqlDatabase &db, const CityPack &pack, ImportReport &report,
                       const std::function<void(double)> &progress)
{
    const bool sqlite = dialect::of(db) == Dialect::Sqlite;
    QSqlQuery q(db);
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM addresses")); !s)
        return s;
    if (sqlite) {
        if (auto s = sql::exec(q, QStringLiteral("DELETE FROM addresses_rtree")); !s)
            return s;
    }
    if (pack.addressesFile.isEmpty())
        return Ok{};
    auto opened = PackFile::open(pack.path(pack.addressesFile));
    if (!opened)
        return opened.error();
    CsvReader csv(opened.value()->device());
    const QString file = pack.addressesFile;
    configureReader(csv, pack, file);
    if (auto s = csv.readHeader({QStringLiteral("house_number"), QStringLiteral("street_name"),
                                 QStringLiteral("zip"), QStringLiteral("latitude"),
                                 QStringLiteral("longitude")});
        !s)
        return fileError(file, s.error().message);
    sql::BatchInsert insert(db,
                            QStringLiteral("INSERT INTO addresses(id, house_number, street_name, "
                                           "zip, city, latitude, longitude, neighborhood, ward, "
                                           "precinct, source_id, request_count)"),
                            12);
    const auto failed = [&](qint64 line, const Error &error) {
        return fileError(file, ImportText::tr("line %1: %2").arg(line).arg(error.message));
    };
    const qint64 total = std::max<qint64>(1, opened.value()->compressedSize());
    RowProblems rows(pack);
    while (csv.next()) {
        const QString street = csv.value(QStringLiteral("street_name")).trimmed();
        const QString number = csv.value(QStringLiteral("house_number")).trimmed();
        auto lat = coordinate(csv, QStringLiteral("latitude"), 90, file);
        auto lon = coordinate(csv, QStringLiteral("longitude"), 180, file);
        if (const auto row = checkPlace(rows, csv, file, QStringLiteral("street_name"), lat, lon);
            row != PlaceRow::Good) {
            if (row == PlaceRow::Stop)
                break;
            continue;
        }
        const bool located = !std::isnan(lat.value()) && !std::isnan(lon.value());
        auto s = insert.add({report.addresses + 1, sql::text(number), street,
                             sql::text(csv.value(QStringLiteral("zip")).trimmed()),
                             sql::nullable(csv.value(QStringLiteral("mailing_city")).trimmed()),
                             located ? QVariant(lat.value()) : QVariant(),
                             located ? QVariant(lon.value()) : QVariant(),
                             sql::nullable(csv.value(QStringLiteral("neighborhood_311")).trimmed()),
                             sql::nullable(csv.value(QStringLiteral("ward")).trimmed()),
                             sql::nullable(csv.value(QStringLiteral("precinct")).trimmed()),
                             sql::nullable(csv.value(QStringLiteral("property_id_2015")).trimmed()),
                             csv.value(QStringLiteral("request_count")).toInt()},
                            csv.line());
        if (!s)
            return failed(insert.failedLine(), s.error());
        ++report.addresses;
        if (report.addresses % 4096 == 0 && progress)
            progress(double(opened.value()->compressedPosition()) / double(total));
    }
    if (!rows.isEmpty())
        return rows.result();
    if (csv.hasError())
        return fileError(file, csv.error());
    if (auto s = insert.flush(); !s)
        return failed(insert.failedLine(), s.error());
    // The R*Tree (SQLite only; PostgreSQL searches a latitude/longitude index) in one statement.
    if (sqlite)
        return sql::exec(q, QStringLiteral("INSERT INTO addresses_rtree(id, min_lat, max_lat, "
                                           "min_lon, max_lon) SELECT id, latitude, latitude, "
                                           "longitude, longitude FROM addresses WHERE latitude "
                                           "IS NOT NULL"));
    return Ok{};
}

Status importIntersections(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM intersections")); !s)
        return s;
    if (pack.intersectionsFile.isEmpty())
        return Ok{};
    auto opened = PackFile::open(pack.path(pack.intersectionsFile));
    if (!opened)
        return opened.error();
    const QString file = pack.intersectionsFile;
    CsvReader csv(opened.value()->device());
    configureReader(csv, pack, file);
    if (auto s = csv.readHeader({QStringLiteral("intersection"), QStringLiteral("latitude"),
                                 QStringLiteral("longitude")});
        !s)
        return fileError(file, s.error().message);
    sql::BatchInsert insert(db,
                            QStringLiteral("INSERT INTO intersections(id, name, latitude, "
                                           "longitude, neighborhood, request_count)"),
                            6);
    RowProblems rows(pack);
    while (csv.next()) {
        auto lat = coordinate(csv, QStringLiteral("latitude"), 90, file);
        auto lon = coordinate(csv, QStringLiteral("longitude"), 180, file);
        const QString name = csv.value(QStringLiteral("intersection")).trimmed();
        if (const auto row = checkPlace(rows, csv, file, QStringLiteral("intersection"), lat, lon);
            row != PlaceRow::Good) {
            if (row == PlaceRow::Stop)
                break;
            continue;
        }
        auto s = insert.add({report.intersections + 1, name,
                             std::isnan(lat.value()) ? QVariant() : QVariant(lat.value()),
                             std::isnan(lon.value()) ? QVariant() : QVariant(lon.value()),
                             sql::nullable(csv.value(QStringLiteral("neighborhood_311")).trimmed()),
                             csv.value(QStringLiteral("request_count")).toInt()},
                            csv.line());
        if (!s)
            return fileError(
                file,
                ImportText::tr("line %1: %2").arg(insert.failedLine()).arg(s.error().message));
        ++report.intersections;
    }
    if (!rows.isEmpty())
        return rows.result();
    if (csv.hasError())
        return fileError(file, csv.error());
    if (auto s = insert.flush(); !s)
        return fileError(
            file, ImportText::tr("line %1: %2").arg(insert.failedLine()).arg(s.error().message));
    return Ok{};
}

// Types without a defined SLA get the median of the city's own past target times.
Status deriveSlas(QSqlDatabase &db, const QHash<QString, QList<double>> &targetHours,
                  ImportReport &report)
{
    QSqlQuery q(db);
    QStringList codes = targetHours.keys();
    codes.sort();
    for (const QString &code : codes) {
        QList<double> hours = targetHours.value(code);
        if (hours.size() < 5)
            continue;
        std::sort(hours.begin(), hours.end());
        const double median = hours.at(hours.size() / 2);
        const int rounded = std::max(1, int(std::lround(median)));
        const bool days = rounded >= 48 && rounded % 24 == 0;
        if (auto s =
                sql::exec(q,
                          QStringLiteral("INSERT INTO slas(service_code, unit, value, "
                                         "source) VALUES(?, ?, ?, 'history') ON "
                                         "CONFLICT(service_code) DO NOTHING"),
                          {code, days ? QStringLiteral("calendar_days") : QStringLiteral("hours"),
                           days ? rounded / 24 : rounded});
            !s)
            return s;
        report.slasFromHistory += q.numRowsAffected() > 0 ? 1 : 0;
    }
    return sql::exec(q, QStringLiteral("UPDATE service_types SET request_count = (SELECT "
                                       "count(*) FROM requests r WHERE r.service_code = "
                                       "service_types.code)"));
}

} // namespace

CityImporter::CityImporter(Database &database) : m_database(database) {}

Status CityImporter::makeRoomFor(QSqlDatabase &db, const CityPack &pack)
{
    const QString current = m_database.meta(QStringLiteral("city_id"));
    if (current.isEmpty() || current == pack.id)
        return Ok{};
    const QString currentName = m_database.meta(QStringLiteral("city_name"));
    if (!m_replaceCity)
        return makeError(QStringLiteral("pack.other_city"),
                         ImportText::tr("This store holds another city, \"%1\" (%2); the pack "
                                        "is \"%3\" (%4). A store holds one city: import into a "
                                        "new store, or replace the city explicitly "
                                        "(--replace-city).")
                             .arg(current, currentName, pack.id, pack.name));
    QSqlQuery q(db);
    // Requests, contacts and callers recorded here belong to the city they were taken in.
    if (auto s = sql::exec(q, QStringLiteral("SELECT count(*) FROM events")); !s)
        return s;
    const qint64 events = q.next() ? q.value(0).toLongLong() : 0;
    if (events > 0)
        return makeError(QStringLiteral("pack.other_city"),
                         ImportText::tr("This store holds %1 event(s) (requests, contacts, "
                                        "articles) recorded with the city \"%2\" (%3); they "
                                        "cannot be moved to \"%4\". Import %4 into a new store.")
                             .arg(events)
                             .arg(current, currentName, pack.id));
    // Nothing was recorded here: the whole city goes, the new one comes in its place.
    QStringList tables = {QStringLiteral("service_attributes"), QStringLiteral("slas"),
                          QStringLiteral("service_types"),      QStringLiteral("departments"),
                          QStringLiteral("article_versions"),   QStringLiteral("article_reads"),
                          QStringLiteral("articles"),           QStringLiteral("synonyms"),
                          QStringLiteral("referrals"),          QStringLiteral("map_layers"),
                          QStringLiteral("addresses"),          QStringLiteral("intersections"),
                          QStringLiteral("requests"),           QStringLiteral("drafts")};
    if (dialect::of(db) == Dialect::Sqlite)
        tables += {QStringLiteral("addresses_rtree"), QStringLiteral("requests_rtree")};
    for (const QString &table : std::as_const(tables)) {
        // Table names from the fixed list above.
        if (auto s = sql::exec(q, QStringLiteral("DELETE FROM %1").arg(table)); !s)
            return s;
    }
    qCInfo(lcStorage) << "replacing the city" << current << "with" << pack.id;
    return Ok{};
}

Result<ImportReport> CityImporter::import(const CityPack &pack)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    // One city per store: another city is refused, or replaced when asked explicitly.
    if (auto s = makeRoomFor(db, pack); !s)
        return s.error();

    const int steps = 7 + int(pack.history.size());
    int step = 0;
    auto announce = [&](const QString &name) {
        ++step;
        if (m_progress)
            m_progress({name, step, steps, 0});
        return [this, name, step, steps](double fraction) {
            if (m_progress)
                m_progress({name, step, steps, std::clamp(fraction, 0.0, 1.0)});
        };
    };

    announce(ImportText::tr("Service catalogue"));
    if (auto s = importServices(db, pack, report); !s)
        return s.error();
    announce(ImportText::tr("Service definitions"));
    if (auto s = importDefinitions(db, pack, report); !s)
        return s.error();
    announce(ImportText::tr("Intake rules and referrals"));
    auto rules = importIntakeRules(db, pack);
    if (!rules)
        return rules.error();
    report.intakeRules = rules.value();
    auto referrals = importReferrals(db, pack);
    if (!referrals)
        return referrals.error();
    report.referrals = referrals.value();
    announce(ImportText::tr("Knowledge base"));
    if (auto s = importKnowledgeSeed(db, pack, report); !s)
        return s.error();
    auto articles = importArticles(db, pack);
    if (!articles)
        return articles.error();
    report.articles += articles.value();
    auto synonyms = importSynonyms(db, pack);
    if (!synonyms)
        return synonyms.error();
    report.synonyms = synonyms.value();
    announce(ImportText::tr("Map layers"));
    if (auto s = importLayers(db, pack, report); !s)
        return s.error();
    const auto addressProgress = announce(ImportText::tr("Address points"));
    if (auto s = importAddresses(db, pack, report, addressProgress); !s)
        return s.error();
    announce(ImportText::tr("Intersections"));
    if (auto s = importIntersections(db, pack, report); !s)
        return s.error();

    QHash<QString, QList<double>> targetHours;
    for (const HistorySchema &schema : pack.history) {
        const auto progress = announce(ImportText::tr("Request history (%1)").arg(schema.file));
        auto history = importHistory(db, pack, schema, progress);
        if (!history)
            return history.error();
        report.requests += history.value().rows;
        report.requestsMapped += history.value().mapped;
        for (auto it = history.value().targetHours.cbegin();
             it != history.value().targetHours.cend(); ++it)
            targetHours[it.key()] += it.value();
    }
    // The R*Tree is SQLite's; PostgreSQL searches its latitude/longitude index instead.
    if (m_database.dialect() == Dialect::Sqlite) {
        QSqlQuery q(db);
        if (auto s = sql::exec(q, QStringLiteral("DELETE FROM requests_rtree WHERE id IN (SELECT "
                                                 "rowid FROM requests WHERE origin = 'import')"));
            !s)
            return s.error();
        if (auto s =
                sql::exec(q, QStringLiteral("INSERT INTO requests_rtree(id, min_lat, max_lat, "
                                            "min_lon, max_lon) SELECT rowid, latitude, "
                                            "latitude, longitude, longitude FROM requests "
                                            "WHERE origin = 'import' AND latitude IS NOT NULL"));
            !s)
            return s.error();
    }
    if (auto s = deriveSlas(db, targetHours, report); !s)
        return s.error();
    const QList<std::pair<QString, QString>> meta = {
        {QStringLiteral("city_id"), pack.id},
        {QStringLiteral("city_name"), pack.name},
        {QStringLiteral("city_region"), pack.region},
        {QStringLiteral("city_timezone"), pack.timezone},
        {QStringLiteral("city_phone"), pack.contactPhone},
        {QStringLiteral("city_web"), pack.contactWeb},
        {QStringLiteral("city_status_url"), pack.statusUrl},
        {QStringLiteral("city_clusters"),
         pack.clusters.isEmpty()
             ? QString()
             : QString::fromUtf8(QJsonDocument(pack.clusters).toJson(QJsonDocument::Compact))},
        {QStringLiteral("city_center"),
         QStringLiteral("%1,%2").arg(pack.centerLat, 0, 'f', 6).arg(pack.centerLon, 0, 'f', 6)}};
    for (const auto &[key, value] : meta) {
        if (auto s = m_database.setMeta(key, value); !s)
            return s.error();
    }
    if (auto s = transaction.commit(); !s)
        return s.error();
    // PostgreSQL plans from table statistics, which a bulk load leaves stale until autovacuum
    // comes by: refresh them now, so the first queries after an import use the indexes.
    if (m_database.dialect() == Dialect::Postgres) {
        QSqlQuery q(db);
        if (auto s = sql::exec(q, QStringLiteral("ANALYZE")); !s)
            return s.error();
    }
    report.milliseconds = timer.elapsed();
    m_database.changes().notify({StoreChanges::Origin::Import,
                                 {QStringLiteral("request"), QStringLiteral("contact"),
                                  QStringLiteral("caller"), QStringLiteral("article")},
                                 report.requests});
    return report;
}

} // namespace civicdesk

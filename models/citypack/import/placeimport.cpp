#include "models/citypack/import/placeimport.h"

#include "models/city/layersimplifier.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/citypack/exportform.h"
#include "models/citypack/import/importsupport.h"
#include "models/citypack/rowproblems.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

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

Result<double> coordinate(const CsvReader &csv, const QString &column, double limit,
                          const QString &file)
{
    const QString text = csv.value(column).trimmed();
    if (text.isEmpty())
        return std::nan("");
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || std::abs(value) > limit)
        return packFileError(file, ImportText::tr("line %1: %2 \"%3\" is not a coordinate")
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
        rows.add(packFileError(
            file, ImportText::tr("line %1: %2 is empty").arg(csv.line()).arg(nameColumn))))
        return PlaceRow::Stop;
    if (!lat && rows.add(lat.error()))
        return PlaceRow::Stop;
    if (!lon && rows.add(lon.error()))
        return PlaceRow::Stop;
    return PlaceRow::Skip;
}

} // namespace

Status importLayers(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q, QStringLiteral("DELETE FROM map_layers")); !s)
        return s;
    for (const PackLayer &layer : pack.layers) {
        auto data = readWholeFile(pack, layer.file);
        if (!data)
            return data.error();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(data.value(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return packFileError(layer.file, ImportText::tr("invalid GeoJSON at offset %1: %2")
                                                 .arg(parseError.offset)
                                                 .arg(parseError.errorString()));
        const QJsonObject root = doc.object();
        if (root.value(u"type").toString() != u"FeatureCollection")
            return packFileError(layer.file,
                                 ImportText::tr("expected a GeoJSON FeatureCollection"));
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
                if (bad.add(packFileError(
                        layer.file, ImportText::tr("feature %1: geometry type \"%2\" is not a "
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
                    if (bad.add(packFileError(
                            layer.file, ImportText::tr("feature %1 has no geometry coordinates")
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
            return packFileError(layer.file,
                                 ImportText::tr("coordinates are not longitude/latitude degrees "
                                                "(EPSG:4326)"));
        // The map's two views of the layer, made once here rather than at every start of a
        // workstation: the overview on another thread while this one makes the street view.
        // Stored compressed like the layer itself (every BLOB of a reference table is, and a
        // first sync copies the stored bytes: models/sync/referenceloader.cpp).
        QFuture<QByteArray> overview =
            QtConcurrent::run(&layersimplifier::viewOf, data.value(), layer.nameProperty,
                              layer.kind, LayerDetail::Overview);
        const QByteArray street = layersimplifier::viewOf(data.value(), layer.nameProperty,
                                                          layer.kind, LayerDetail::Street);
        if (auto s = sql::exec(
                q,
                QStringLiteral("INSERT INTO map_layers(id, kind, title, name_property, "
                               "feature_count, min_lat, min_lon, max_lat, max_lon, geojson, "
                               "overview_geojson, street_geojson) VALUES(?, ?, ?, ?, ?, ?, ?, ?, "
                               "?, ?, ?, ?)"),
                {layer.id, layer.kind, layer.title.isEmpty() ? layer.id : layer.title,
                 sql::nullable(layer.nameProperty), int(features.size()), bounds[0], bounds[1],
                 bounds[2], bounds[3], qCompress(data.value(), 6), qCompress(overview.result(), 6),
                 qCompress(street, 6)});
            !s)
            return packFileError(layer.file, s.error().message);
        ++report.layers;
    }
    return Ok{};
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
    const QString file = pack.addressesFile;
    auto opened = openPackCsv(pack, pack.addressesFile);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s = csv.readHeader({QStringLiteral("house_number"), QStringLiteral("street_name"),
                                 QStringLiteral("zip"), QStringLiteral("latitude"),
                                 QStringLiteral("longitude")});
        !s)
        return packFileError(file, s.error().message);
    sql::BatchInsert insert(db,
                            QStringLiteral("INSERT INTO addresses(id, house_number, street_name, "
                                           "zip, city, latitude, longitude, neighborhood, ward, "
                                           "precinct, source_id, request_count)"),
                            12);
    const auto failed = [&](qint64 line, const Error &error) {
        return packFileError(file, ImportText::tr("line %1: %2").arg(line).arg(error.message));
    };
    const qint64 total = std::max<qint64>(1, opened.value().file->compressedSize());
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
            progress(double(opened.value().file->compressedPosition()) / double(total));
    }
    if (!rows.isEmpty())
        return rows.result();
    if (csv.hasError())
        return packFileError(file, csv.error());
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
    const QString file = pack.intersectionsFile;
    auto opened = openPackCsv(pack, pack.intersectionsFile);
    if (!opened)
        return opened.error();
    CsvReader &csv = *opened.value().reader;
    if (auto s = csv.readHeader({QStringLiteral("intersection"), QStringLiteral("latitude"),
                                 QStringLiteral("longitude")});
        !s)
        return packFileError(file, s.error().message);
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
            return packFileError(
                file,
                ImportText::tr("line %1: %2").arg(insert.failedLine()).arg(s.error().message));
        ++report.intersections;
    }
    if (!rows.isEmpty())
        return rows.result();
    if (csv.hasError())
        return packFileError(file, csv.error());
    if (auto s = insert.flush(); !s)
        return packFileError(
            file, ImportText::tr("line %1: %2").arg(insert.failedLine()).arg(s.error().message));
    return Ok{};
}

} // namespace civicdesk

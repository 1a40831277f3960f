#include "models/city/placerepository.h"

#include "models/store/database.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace civicdesk {

namespace {

const QString AddressColumns =
    QStringLiteral("a.id, a.house_number, a.street_name, a.zip, a.city, a.latitude, a.longitude, "
                   "a.neighborhood, a.ward, a.precinct");

AddressPoint addressFrom(const QSqlQuery &q)
{
    AddressPoint a;
    a.id = q.value(0).toLongLong();
    a.houseNumber = q.value(1).toString();
    a.street = q.value(2).toString();
    a.zip = q.value(3).toString();
    a.city = q.value(4).toString();
    if (!q.value(5).isNull() && !q.value(6).isNull()) {
        a.latitude = q.value(5).toDouble();
        a.longitude = q.value(6).toDouble();
    }
    a.neighborhood = q.value(7).toString();
    a.ward = q.value(8).toString();
    a.precinct = q.value(9).toString();
    return a;
}

} // namespace

PlaceRepository::PlaceRepository(const Database &database) : m_connection(database.connectionName())
{
}

std::optional<NearestAddress> PlaceRepository::nearestAddress(double latitude, double longitude,
                                                              double maxMeters) const
{
    if (!std::isfinite(latitude) || !std::isfinite(longitude) || maxMeters <= 0)
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    // SQLite finds the box through the R*Tree; PostgreSQL (the central store) through the
    // coordinates themselves.
    const QString box =
        dialect::of(db) == Dialect::Postgres
            ? QStringLiteral("FROM addresses a WHERE a.latitude <= ? AND a.latitude >= ? AND "
                             "a.longitude <= ? AND a.longitude >= ?")
            : QStringLiteral("FROM addresses_rtree r JOIN addresses a ON a.id = r.id WHERE "
                             "r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND "
                             "r.max_lon >= ?");
    if (!q.prepare(u"SELECT " + AddressColumns + u' ' + box)) {
        qCWarning(lcStorage) << sql::errorOf(q, QStringLiteral("nearest address")).message;
        return std::nullopt;
    }
    const double metersPerDegreeLat = 111320.0;
    const double metersPerDegreeLon =
        metersPerDegreeLat * std::max(0.01, std::cos(latitude * std::numbers::pi / 180));
    // Any point nearer than the box's half-size lies inside the box, so the best point found at
    // a distance within that half-size is the true nearest one.
    for (double radius = std::min(50.0, maxMeters);; radius = std::min(radius * 3, maxMeters)) {
        const double dLat = radius / metersPerDegreeLat;
        const double dLon = radius / metersPerDegreeLon;
        if (!sql::execPrepared(
                q, {latitude + dLat, latitude - dLat, longitude + dLon, longitude - dLon}))
            return std::nullopt;
        std::optional<NearestAddress> best;
        while (q.next()) {
            const double lat = q.value(5).toDouble();
            const double lon = q.value(6).toDouble();
            const double d = distanceMeters(latitude, longitude, lat, lon);
            if (best && best->distanceMeters <= d)
                continue;
            best = NearestAddress{addressFrom(q), d};
        }
        q.finish();
        if (best && best->distanceMeters <= radius)
            return best;
        if (radius >= maxMeters)
            return std::nullopt;
    }
}

std::optional<AddressPoint> PlaceRepository::address(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, u"SELECT " + AddressColumns + u" FROM addresses a WHERE a.id = ?", {id}) ||
        !q.next())
        return std::nullopt;
    return addressFrom(q);
}

} // namespace civicdesk

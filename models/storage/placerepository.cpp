#include "storage/placerepository.h"

#include "storage/database.h"
#include "storage/sql.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace civicdesk {

PlaceRepository::PlaceRepository(const Database &database) : m_connection(database.connectionName())
{
}

std::optional<NearestAddress> PlaceRepository::nearestAddress(double latitude, double longitude,
                                                              double maxMeters) const
{
    if (!std::isfinite(latitude) || !std::isfinite(longitude) || maxMeters <= 0)
        return std::nullopt;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.prepare(QStringLiteral(
            "SELECT a.id, a.house_number, a.street_name, a.zip, a.city, a.latitude, a.longitude, "
            "a.neighborhood, a.ward, a.precinct FROM addresses_rtree r JOIN addresses a ON "
            "a.id = r.id WHERE r.max_lat >= ? AND r.min_lat <= ? AND r.max_lon >= ? AND "
            "r.min_lon <= ?"))) {
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
                q, {latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon}))
            return std::nullopt;
        std::optional<NearestAddress> best;
        while (q.next()) {
            const double lat = q.value(5).toDouble();
            const double lon = q.value(6).toDouble();
            const double d = distanceMeters(latitude, longitude, lat, lon);
            if (best && best->distanceMeters <= d)
                continue;
            AddressPoint a;
            a.id = q.value(0).toLongLong();
            a.houseNumber = q.value(1).toString();
            a.street = q.value(2).toString();
            a.zip = q.value(3).toString();
            a.city = q.value(4).toString();
            a.latitude = lat;
            a.longitude = lon;
            a.neighborhood = q.value(7).toString();
            a.ward = q.value(8).toString();
            a.precinct = q.value(9).toString();
            best = NearestAddress{std::move(a), d};
        }
        q.finish();
        if (best && best->distanceMeters <= radius)
            return best;
        if (radius >= maxMeters)
            return std::nullopt;
    }
}

} // namespace civicdesk

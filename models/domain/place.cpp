#include "models/domain/place.h"

#include <cmath>
#include <numbers>

namespace civicdesk {

double distanceMeters(double lat1, double lon1, double lat2, double lon2)
{
    constexpr double earthRadius = 6371008.8;
    const double toRad = std::numbers::pi / 180.0;
    const double dLat = (lat2 - lat1) * toRad;
    const double dLon = (lon2 - lon1) * toRad;
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1 * toRad) * std::cos(lat2 * toRad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * earthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

} // namespace civicdesk

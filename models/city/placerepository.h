#pragma once

#include "models/domain/place.h"

#include <optional>

namespace civicdesk {

class Database;

struct NearestAddress
{
    AddressPoint address;
    double distanceMeters = 0;
};

// Reverse geocoding for the map: the address point nearest to a spot, with its districts, found
// through the addresses R*Tree (a growing box, then the exact distance).
class PlaceRepository
{
public:
    explicit PlaceRepository(const Database &database);

    // The nearest address point within `maxMeters`; nullopt when none is that close (a spot in
    // the harbour or outside the city) or the store cannot be read.
    std::optional<NearestAddress> nearestAddress(double latitude, double longitude,
                                                 double maxMeters = 400) const;
    // An address point by its id (Open311's address_id).
    std::optional<AddressPoint> address(qint64 id) const;

private:
    QString m_connection;
};

} // namespace civicdesk

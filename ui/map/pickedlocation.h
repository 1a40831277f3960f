#pragma once

#include "models/domain/place.h"

#include <QMetaType>
#include <optional>

namespace civicdesk {

// A location picked on the map (by click or keyboard) and the nearest address point to it.
struct PickedLocation
{
    double latitude = 0;
    double longitude = 0;
    bool byKeyboard = false;
    std::optional<AddressPoint> address; // none within reach (a spot outside the city)
    double distanceMeters = 0;           // from the pick to the address point
};

} // namespace civicdesk

Q_DECLARE_METATYPE(civicdesk::PickedLocation)

#pragma once

// Private to the city-pack importer: whether the pack's boundary layer holds the city's own
// requests. A layer written latitude first (GeoJSON writes longitude first), or another place's
// limits, reads as valid GeoJSON but leaves the whole city outside: every Open311 POST and every
// map pick would then be refused as "outside the city".

#include "models/domain/result.h"

namespace civicdesk {

class Database;
struct CityPack;

// Checks the points of the imported requests (a sample of at most BoundarySample; 0, 0 is an
// export's "no location" when it did not say so, not a point of any city) against the
// boundary layer in the store, by the rule both programs use (CityLimits); refuses when more
// than half lie outside. Nothing to check without a boundary layer in the pack or without at
// least BoundaryMinimum points.
Status checkBoundaryHoldsTheRequests(const Database &database, const CityPack &pack);

inline constexpr int BoundarySample = 5000;
inline constexpr int BoundaryMinimum = 5;

} // namespace civicdesk

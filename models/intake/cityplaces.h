#pragma once

#include "models/city/addressindex.h"
#include "models/city/districtlocator.h"

namespace civicdesk {

class Database;

// The intake's in-memory indexes of the city's places, read from the store. From an SQLite file
// they are read and built on threads of their own, each on a connection of its own, while the
// window opens (the 45,098 Boston addresses and the district polygons took most of a second
// before the first key could be typed); a question asked before that waits for them. Any
// other store (PostgreSQL, ":memory:") is read on this thread when first asked.
namespace cityplaces {

AddressIndex addressIndex(const Database &database);
DistrictLocator districts(const Database &database);

} // namespace cityplaces

} // namespace civicdesk

#pragma once

// Private to the city-pack importers: the city's places — its map layers (GeoJSON, checked and
// stored compressed with their bounds), address points and intersections (streamed CSV, with
// the R*Tree on SQLite).

#include "models/domain/result.h"

#include <QSqlDatabase>
#include <functional>

namespace civicdesk {

struct CityPack;
struct ImportReport;

Status importLayers(QSqlDatabase &db, const CityPack &pack, ImportReport &report);
// Ids are numbered 1, 2, ... here, so that importing again gives the same ids on PostgreSQL too.
// `progress` gets the fraction of the file read.
Status importAddresses(QSqlDatabase &db, const CityPack &pack, ImportReport &report,
                       const std::function<void(double)> &progress);
Status importIntersections(QSqlDatabase &db, const CityPack &pack, ImportReport &report);

} // namespace civicdesk

#pragma once

// Private to the city-pack importers: the service catalogue — departments and service types
// (GeoReport v2 service list), their definitions (attributes, dependencies, SLAs) and the SLAs
// derived from the city's own history for types that define none.

#include "models/domain/result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace civicdesk {

struct CityPack;
struct ImportReport;

// services.json: the departments and service types; clears what an earlier import left of their
// definitions and SLAs.
Status importServices(QSqlDatabase &db, const CityPack &pack, ImportReport &report);
// Each definitions file: a type's attributes and SLA; a type not in the service list is refused.
Status importDefinitions(QSqlDatabase &db, const CityPack &pack, ImportReport &report);
// Types without a defined SLA get the median of the city's own past target times (hours per
// service code, from the history files); then every type's request count.
Status deriveSlas(QSqlDatabase &db, const QHash<QString, QList<double>> &targetHours,
                  ImportReport &report);

} // namespace civicdesk

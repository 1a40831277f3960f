#include "models/citypack/import/boundarycheck.h"

#include "models/city/citylimits.h"
#include "models/citypack/citypack.h"
#include "models/citypack/import/importsupport.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <algorithm>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

} // namespace

Status checkBoundaryHoldsTheRequests(const Database &database, const CityPack &pack)
{
    const auto boundary = std::find_if(pack.layers.cbegin(), pack.layers.cend(),
                                       [](const PackLayer &l) { return l.kind == u"boundary"; });
    if (boundary == pack.layers.cend() || pack.history.isEmpty())
        return Ok{};
    const CityLimits limits = CityLimits::load(database, {});
    QSqlQuery q(QSqlDatabase::database(database.connectionName()));
    if (auto s = sql::exec(q,
                           QStringLiteral("SELECT latitude, longitude FROM requests WHERE origin "
                                          "= 'import' AND latitude IS NOT NULL AND NOT (latitude "
                                          "= 0 AND longitude = 0) LIMIT ?"),
                           {BoundarySample});
        !s)
        return s;
    int points = 0, outside = 0;
    while (q.next()) {
        ++points;
        if (limits.outside(q.value(0).toDouble(), q.value(1).toDouble(), QString()))
            ++outside;
    }
    if (points < BoundaryMinimum || outside * 2 <= points)
        return Ok{};
    return packFileError(
        boundary->file,
        ImportText::tr("the boundary layer \"%1\" leaves %2 of %3 of the city's request points "
                       "outside the city, so every request there would be refused. GeoJSON "
                       "writes each position longitude first ([-71.06, 42.36]): is the layer "
                       "written latitude first, or is it another place's limits?")
            .arg(boundary->id)
            .arg(outside)
            .arg(points));
}

} // namespace civicdesk

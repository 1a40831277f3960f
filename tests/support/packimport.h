#pragma once

#include "models/citypack/cityimporter.h"
#include "tests/support/teststore.h" // scalar()

#include <QHash>
#include <QSqlDatabase>

namespace civicdesk::test {

// What the city-pack tests do after an import, as a city's IT would check it.

// Loads the pack in `dir` and imports it into the store, as both programs do.
Result<ImportReport> importPack(TempStore &store, const QString &dir);
// The same without the pack's request history: the catalogue, knowledge base, places and layers
// (what practice scenarios and the knowledge search read; the history only slows the import).
Result<ImportReport> importPackWithoutHistory(Database &db, const QString &dir);
// The header of the fixture's history file (Boston's 2015 export).
QByteArray historyHeader();
// One row of that history file: case id, opening time, status, ZIP and source.
QByteArray historyRow(const QByteArray &id, const QByteArray &opened = "01/05/2015 12:40:41 PM",
                      const QByteArray &status = "Open", const QByteArray &zip = "2128.0",
                      const QByteArray &source = "Constituent Call");
// Replaces the fixture's gzip history by these rows, as plain CSV.
void writeHistory(FixturePack &pack, const QByteArray &rows);
// The rows of `requests` grouped by one column: value -> count.
QHash<QString, int> countBy(QSqlDatabase db, const QString &column);

// The imported requests that have a point, and how many of those lie outside the city by the
// store's boundary layer (CityLimits, the rule both programs use).
struct PointsOutside
{
    int points = 0;
    int outside = 0;
};
PointsOutside pointsOutsideTheCity(const Database &db);

} // namespace civicdesk::test

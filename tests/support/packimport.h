#pragma once

#include "models/citypack/cityimporter.h"

#include <QHash>
#include <QSqlDatabase>

namespace civicdesk::test {

class TempStore;

// What the city-pack tests do after an import, as a city's IT would check it.

// Loads the pack in `dir` and imports it into the store, as both programs do.
Result<ImportReport> importPack(TempStore &store, const QString &dir);
// The first column of the first row of `sql` as a number (-1 when the query fails).
int scalar(QSqlDatabase db, const QString &sql);
// The rows of `requests` grouped by one column: value -> count.
QHash<QString, int> countBy(QSqlDatabase db, const QString &column);

} // namespace civicdesk::test

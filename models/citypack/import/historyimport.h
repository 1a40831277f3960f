#pragma once

// Private to the city-pack importers: streams one historical request file of a city pack into
// `requests`.

#include "models/citypack/citypack.h"
#include "models/domain/result.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <functional>

namespace civicdesk {

struct HistoryResult
{
    int rows = 0;
    int mapped = 0;
    // Hours from opening to the city's target date, per mapped service code.
    QHash<QString, QList<double>> targetHours;
};

Result<HistoryResult> importHistory(QSqlDatabase &db, const CityPack &pack,
                                    const HistorySchema &schema,
                                    const std::function<void(double)> &progress);

} // namespace civicdesk

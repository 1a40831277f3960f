#pragma once

#include "models/supervision/kpi/kpireport.h"

#include <QJsonObject>

namespace civicdesk::kpijson {

// A KPI report as the central store's KPI endpoint answers it (app/server/API.md, GET
// /api/v1/kpis): every count of KpiReport under its snake_case name, the lists as arrays of
// objects, by_hour as 24 counts (local hours), and the rates derived from the counts (null
// where their base is 0). The workstation compares its replica's figures with it.
QJsonObject toJson(const KpiReport &report);
// The imported history a store holds (the endpoint's "history"): requests, open, and the local
// days first and last opened (ISO dates, null when none).
QJsonObject toJson(const KpiHistory &history);

} // namespace civicdesk::kpijson

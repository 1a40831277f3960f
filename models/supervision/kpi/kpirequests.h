#pragma once

// Private to the supervisor's KPIs: a period's request figures — the requests opened by type
// and department, and the SLA of those closed in it (each with its part from the city's
// imported history).

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

namespace civicdesk::kpirequests {

// Adds the figures of the filter's requests to `r`. Without an agent or a team, the UTC days
// the period covers whole are read from the store's request rollup (kpi_request_days,
// models/store/schema/requestrollups.h) and the hours at its edges are counted from the requests
// themselves; an agent's or a team's requests (a few of the year's) are counted directly.
Status count(const QString &connection, const KpiFilter &f, KpiReport &r);

// The city's imported history the store holds (SupervisionKpis::history()).
Result<KpiHistory> history(const QString &connection, const QTimeZone &zone);

} // namespace civicdesk::kpirequests

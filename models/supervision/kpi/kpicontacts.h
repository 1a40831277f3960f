#pragma once

// Private to the supervisor's KPIs: a period's contact figures (contacts, ended, handle time,
// transfers, information, requests made or joined, by channel, outcome and local hour).

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"

namespace civicdesk::kpicontacts {

// Adds the figures of the filter's contacts to `r`. The UTC days the period covers whole are
// read from the store's rollup (kpi_contact_days, models/store/schema/kpirollups.h); the hours at
// its edges that are not a whole UTC day, and the local hours of a UTC day on which the zone's
// offset changes or is not in whole hours, are counted from the contacts themselves.
Status count(const QString &connection, const KpiFilter &f, KpiReport &r);

} // namespace civicdesk::kpicontacts

#pragma once

// Private to the city-pack importers: a city pack's per-type intake rules and its referral
// directory.

#include "models/domain/result.h"

#include <QSqlDatabase>

namespace civicdesk {

struct CityPack;

// intake-rules.csv: service_code,contact_rule,emergency,emergency_script,duplicate_radius_m,
// duplicate_window_days,synonyms. Returns the number of rules applied.
Result<int> importIntakeRules(QSqlDatabase &db, const CityPack &pack);
// referrals.csv: name,kind,phone,hours,places,zips,notes. Returns the number of referrals.
Result<int> importReferrals(QSqlDatabase &db, const CityPack &pack);

} // namespace civicdesk

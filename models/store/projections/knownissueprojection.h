#pragma once

// Private to storage: the known issues a supervisor posts from a cluster (entity type
// "known_issue"; the payloads are in models/domain/supervision/knownissue.h) and their projection,
// known_issues (one row per issue; withdrawn_at set when a supervisor withdraws it). The
// intake reads the issues in force from it.

#include "models/domain/event.h"
#include "models/domain/result.h"

class QSqlDatabase;

namespace civicdesk::knownissueprojection {

bool handles(const Event &event);
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);

} // namespace civicdesk::knownissueprojection

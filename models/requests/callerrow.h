#pragma once

// Private to storage: the caller columns and their decoder, shared by intake and the central
// store's queries.

#include "models/domain/caller.h"

class QSqlQuery;

namespace civicdesk::callerrow {

// Decodes "id, name, phone, email, language, preference" starting at column `first`.
Caller from(const QSqlQuery &query, int first = 0);

} // namespace civicdesk::callerrow

#pragma once

// Private to storage: the request columns read by the history queries, and the row decoder.

#include "models/domain/servicerequest.h"

class QSqlQuery;

namespace civicdesk::requestrow {

// "id, number, ..." for SELECT lists, optionally with a table alias ("r.").
QString columns(const QString &alias = {});
// The number of columns `columns()` selects.
constexpr int ColumnCount = 25;
// Decodes the columns that start at `first`.
ServiceRequest from(const QSqlQuery &query, int first = 0);

} // namespace civicdesk::requestrow

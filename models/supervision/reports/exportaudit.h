#pragma once

#include "models/domain/result.h"
#include "models/domain/supervision/exportrecord.h"
#include "models/supervision/kpi/kpireport.h"
#include "models/supervision/reports/supervisionexport.h"

#include <QDateTime>

namespace civicdesk {

class Database;
class EventStore;

// Exports as events for the audit trail (models/domain/supervision/exportrecord.h): who took
// which figures out, when, of which period and filter, into which file.
namespace exportaudit {

QString whatOf(SupervisionExport::ExportKind kind);
// The record of one export of `filter`'s figures to `path` (only its file name is kept).
exportrecord::Record recordOf(const QString &what, const QString &format, int rows,
                              const KpiFilter &filter, bool callerDetails, const QString &path);
// Appends the export's event by `actor` at `at` through `events` (its permission check: a
// supervisor or an admin). Written before the file is let go, so no export goes unrecorded.
Status record(Database &database, EventStore &events, const QString &actor, const QDateTime &at,
              const exportrecord::Record &record);

} // namespace exportaudit

} // namespace civicdesk

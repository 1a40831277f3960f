#pragma once

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QDateTime>
#include <QList>
#include <QStringList>

namespace civicdesk::audittrail {

// What supervisors (and admins) do, read back from the event log, the latest first: every event
// of a kind that the permission table (domain/permissions/eventpermission.h) keeps for supervisors,
// admins or the staff who manage requests — request status moves and re-routing, duplicate unlinks,
// article publishing, quality reviews and forms, help-flag answers, known issues, teams, the
// phone system's imports, cluster-rule changes and exports of the figures. Their own and those
// pulled from the central store: the trail of the whole centre that this replica holds.
QStringList kinds();

struct Entry
{
    Event event;
    QString requestNumber; // when the event is about a request this store holds
};

// The trail's events made in [from, to), at most `limit`, the latest first; the total in the
// range in `total` (a list cut at `limit` says so).
Result<QList<Entry>> read(const QString &connection, const QDateTime &from, const QDateTime &to,
                          int limit = 1000, int *total = nullptr);

} // namespace civicdesk::audittrail

#pragma once

// The one reader of "the latest event of each entity" in the event log: a team membership is
// the agent's latest team.member_set, a phone day the latest report of that day and queue, a
// help flag open while its latest event is the request. Callers say which entity type, which
// kinds count, optionally a range of entity ids, and what "latest" means.

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QMap>
#include <QString>
#include <QStringList>

namespace civicdesk::latestevents {

enum class Order
{
    // The latest by the time the event was made on its workstation (the log's order breaks
    // ties): for facts that a later statement replaces, whichever replica reads them.
    ClientTime,
    // The latest in this store's log: for answers that can only follow what they answer.
    Log
};

// Entity ids in [from, until); an empty `until` selects the id `from` alone, and an empty
// `from` every id.
struct IdRange
{
    QString from = QString();
    QString until = QString();
};

// The latest event of each entity of `entityType` among the events of `kinds`, by entity id.
Result<QMap<QString, Event>> read(const QString &connection, const QString &entityType,
                                  const QStringList &kinds, Order order = Order::ClientTime,
                                  const IdRange &ids = {});

} // namespace civicdesk::latestevents

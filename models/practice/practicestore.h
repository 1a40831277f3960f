#pragma once

#include "models/domain/clock.h"
#include "models/domain/result.h"
#include "models/practice/scenarios/scenario.h"

#include <QHash>
#include <memory>

namespace civicdesk {

class Database;
class EventStore;

// The practice database: a new SQLite file holding only the city's reference data copied from
// the live store (catalogue, knowledge, addresses, intersections, referrals, synonyms, map
// layers and the city's name and zone) — never a caller, contact, request or event of a real
// person. The live store is only read. Its event store carries the practice mark.
class PracticeStore
{
public:
    // The reference tables copied, in order.
    static const QStringList &referenceTables();

    // Creates the store at `path` (which must not exist yet) from `live`.
    static Result<std::unique_ptr<Database>> create(const Database &live, const QString &path);

    // The scenario's open requests, as request.created events (with the practice mark) opened
    // `daysAgo` before `clock`'s now. Returns each seed's ref -> the number it was given.
    static Result<QHash<QString, QString>> seed(Database &practice, EventStore &events,
                                                const Scenario &scenario, const Clock &clock);
};

} // namespace civicdesk

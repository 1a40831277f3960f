#pragma once

#include "models/domain/permissions/eventpermission.h"
#include "models/domain/result.h"

#include <QHash>

namespace civicdesk {

class Database;

// What the store holds now of the entities that events are about, for the permission table
// (eventpermission.h): a request's status, an article's state. Only the kinds whose permission
// depends on it are looked up (one query each). The effects of events accepted earlier in the
// same batch are noted, so a later event of the batch is judged on the state it will meet.
class EntityStates
{
public:
    explicit EntityStates(const Database &database);

    Result<EntityState> of(const Event &event);
    // `event` was accepted: later events about the same entity see its effect.
    void note(const Event &event);

private:
    const Database &m_database;
    QHash<QString, EntityState> m_noted; // entity type + ':' + id
};

} // namespace civicdesk

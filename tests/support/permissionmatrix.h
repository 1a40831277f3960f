#pragma once

// The role matrix as the tests state it, written from the product's rules (README "Roles"), not
// from the permission table it checks: every event kind, in the states that matter, with the
// events that set the scene first and the roles expected to be allowed. The server suites push
// each case with every role's token; the store suites append it with every role set.

#include "models/domain/event.h"

#include <QList>
#include <QSet>
#include <QString>

namespace civicdesk::test {

struct PermissionCase
{
    QString name;
    QList<Event> setup;    // written first, by an admin (server) or the system (workstation)
    Event event;           // the event under test; its actor is replaced by the role's user
    QSet<QString> allowed; // role names expected to be allowed
};

// Every case; `tag` keeps entity ids and request numbers unique between runs in one store.
// `actor` is the setup events' actor.
QList<PermissionCase> permissionCases(const QString &tag, const QString &actor);
QStringList allRoleNames();

// The rows of a data-driven test over every role and every case ("role" QString, "index" int),
// named "<role> <case>"; `actor` as for permissionCases().
void addPermissionRows(const QString &actor);
// The case of the current row (QFETCH of "role" and "index" done by the caller), with entity
// ids of its own, its event's actor the role's user ("u_<role>").
PermissionCase permissionCaseOf(const QString &role, int index, const QString &actor);

} // namespace civicdesk::test

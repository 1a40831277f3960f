#pragma once

// Private to storage: the schema's numbered migrations, oldest first, written in SQLite (the
// dialect translates them for PostgreSQL). Migrations (migrations.h) runs them.

#include <QList>
#include <QStringList>

namespace civicdesk::migrations {

// Migration N is all()[N - 1], a list of statements. Never edit a released migration: add one.
const QList<QStringList> &all();

} // namespace civicdesk::migrations

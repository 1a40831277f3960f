#pragma once

#include <QString>
#include <functional>

namespace civicdesk {
class Database;
}

namespace civicdesk::test {

// Every row of every table of `db` (SQLite or PostgreSQL), each table's rows sorted: equal for
// the same content. Tables for which `keep` says false are left out.
QString storeRows(const Database &db, const std::function<bool(const QString &table)> &keep = {});

} // namespace civicdesk::test

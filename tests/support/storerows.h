#pragma once

#include <QString>
#include <QStringList>
#include <functional>

namespace civicdesk {
class Database;
}

namespace civicdesk::test {

// Every row of every table of `db` (SQLite or PostgreSQL), each table's rows sorted: equal for
// the same content. Tables for which `keep` says false are left out.
QString storeRows(const Database &db, const std::function<bool(const QString &table)> &keep = {});

// The rows `statement` (the test's own) answers, each its values joined by '|', in its order;
// one line "error: <statement>" when it fails.
QStringList statementRows(const Database &db, const QString &statement);

} // namespace civicdesk::test

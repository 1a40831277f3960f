#pragma once

#include <functional>

namespace civicdesk {
class Database;
}

namespace civicdesk::test {

// The same checks on both back ends, as a data-driven test:
//   void handComputedDay_data() { test::bothStores(); }
//   void handComputedDay() { test::onBothStores(checkDay); }
// bothStores() adds the rows "sqlite" and "postgres"; onBothStores() runs `check` on a fresh
// empty store of the current row's kind — a temporary SQLite store, or a new database of a
// throwaway PostgreSQL cluster (the row is skipped, saying why, when PostgreSQL is missing).
void bothStores();
void onBothStores(const std::function<void(Database &)> &check);

} // namespace civicdesk::test

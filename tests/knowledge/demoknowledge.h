#pragma once

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/domain/result.h"

namespace civicdesk::test {

// Imports the demo city into `database` for the knowledge search: its knowledge base,
// catalogue and addresses (place names) are what the search reads; the request history, which
// it never reads, is left out (it would only make the import slower).
inline Result<ImportReport> importDemoKnowledge(Database &database)
{
    auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
    if (!pack.ok())
        return pack.error();
    pack.value().history.clear();
    CityImporter importer(database);
    return importer.import(pack.value());
}

} // namespace civicdesk::test

#pragma once

// Private to the city-pack importers: a city pack's knowledge — the seed articles made from
// its service list, its own articles and the search synonyms.

#include "models/domain/result.h"

#include <QSqlDatabase>

namespace civicdesk {

struct CityPack;
struct ImportReport;

// knowledge.seed: one published article per service (and per translation), counted in
// report.articles.
Status importKnowledgeSeed(QSqlDatabase &db, const CityPack &pack, ImportReport &report);

// knowledge.articles: a JSON array of articles (see resources/cities/README.md). Returns the
// number imported.
Result<int> importArticles(QSqlDatabase &db, const CityPack &pack);
// knowledge.synonyms: CSV language,term,synonyms (synonyms separated by "|").
Result<int> importSynonyms(QSqlDatabase &db, const CityPack &pack);

} // namespace civicdesk

#pragma once

// Private to storage: a city pack's knowledge articles and search synonyms.

#include "models/domain/result.h"

#include <QSqlDatabase>

namespace civicdesk {

struct CityPack;

// knowledge.articles: a JSON array of articles (see resources/cities/README.md). Returns the
// number imported.
Result<int> importArticles(QSqlDatabase &db, const CityPack &pack);
// knowledge.synonyms: CSV language,term,synonyms (synonyms separated by "|").
Result<int> importSynonyms(QSqlDatabase &db, const CityPack &pack);

} // namespace civicdesk

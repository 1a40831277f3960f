#pragma once

#include "models/domain/knowledge/knowledgearticle.h"
#include "models/knowledge/knowledgequery.h"

namespace civicdesk {

// How much of what the caller said an article is about, from 0 (none of it) to 1 (all of it):
// each thing said counts by its rarity, fully when the article's title or keywords hold it (in
// any of its forms, corrections or synonyms), half when only its body does. BM25 orders the
// articles that match; this tells whether the best of them answers the caller at all ("how do
// i pay a parking ticket" is not answered by an article that only mentions parking).
class ArticleRelevance
{
public:
    // Below this, the best hit is not offered as the answer: the panel says "No good match".
    static constexpr double goodMatchFloor = 0.55;

    explicit ArticleRelevance(const AnalysedQuery &query);

    // Without `readBody`, only the title and keywords count (cheaper: for matches BM25 ranks low).
    double of(const KnowledgeArticle &article, bool readBody = true) const;
    // For each thing said (in the query's order): 1 when the title or keywords hold it, 0.5
    // when only the body does, 0 when the article does not.
    QList<double> credits(const KnowledgeArticle &article, bool readBody = true) const;

private:
    struct Field
    {
        QString padded; // folded words between spaces
        QStringList words;
    };
    static Field fieldOf(const QString &text);
    static bool holds(const Field &field, const QueryConcept &said);

    AnalysedQuery m_query;
    double m_total = 0;
};

} // namespace civicdesk

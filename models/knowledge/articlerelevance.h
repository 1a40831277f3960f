#pragma once

#include "models/domain/knowledge/knowledgearticle.h"
#include "models/knowledge/foldedarticles.h"
#include "models/knowledge/knowledgequery.h"

namespace civicdesk {

// How much of what the caller said an article is about, from 0 (none of it) to 1 (all of it):
// each thing said counts by its rarity, fully when the article's title or keywords hold it (in
// any of its forms, corrections or synonyms), half when only its body does. BM25 orders the
// articles that match; this tells whether the best of them answers the caller at all ("how do
// i pay a parking ticket" is not answered by an article that only mentions parking).
//
// Whether a hit is offered as the answer ("a good match"; else the panel says "No good match"
// and lists it as a suggestion) is calibrated on the tuning half of the evaluation set and the
// residents' descriptions (tests/data/knowledge-eval; the README gives the trade-off):
// - it answers at least `goodMatchFloor` of what was said, and its title and keywords hold at
//   least half a rare word's worth of it (`headingWords`) or all of it ("snow", "trash day":
//   an agent's keywords); or
// - the caller said a lot, and the article's title and keywords hold at least a rare word's
//   worth of it, it answers at least `longQueryFloor` of it, and at least `clearLead` more than
//   any other article found (a long report about one thing mentions much else besides).
class ArticleRelevance
{
public:
    static constexpr double goodMatchFloor = 0.55;
    static constexpr double headingFloor = 0.5;
    static constexpr double longQueryFloor = 0.40;
    static constexpr double longQueryHeadingFloor = 1.0;
    static constexpr double clearLead = 0.10;
    // A long report (four things said or more) is ordered by its coverage plus this share of
    // Score::phrases: the things said together that a keyword phrase holds together say what
    // it is about ("parked on sidewalk", "fire hydrant"), beside what it mentions in passing.
    // Calibrated on the tuning half and the residents set (0.5 from four things: residents
    // English top-3 +3; 1.0 or from two things: Spanish answers lost; see the README).
    static constexpr double phraseCredit = 0.5;
    static constexpr qsizetype phrasesCountFromConcepts = 4;

    struct Score
    {
        double coverage = 0;       // of what was said, weighted by rarity (0 to 1)
        double headingWords = 0;   // what the title and keywords answer, in rare words
        bool allInHeading = false; // the title and keywords hold everything said
        // Of what was said (0 to 1, weighted as `coverage`), the things said next to each other
        // that one of the article's keyword phrases or its title holds together ("fire
        // hydrant", "not shoveled", "tow zone"): what a long report is about, rather than what
        // it mentions in passing. Measured for long reports only (phrasesCountFromConcepts).
        double phrases = 0;
    };

    explicit ArticleRelevance(const AnalysedQuery &query);

    // `lead`: the coverage by which the article passes every other article found.
    static bool isGoodMatch(const Score &score, double lead);

    // The article's words folded (FoldedArticles keeps them between keystrokes); its body
    // counts when it was read (without it, only the title and keywords: cheaper, for matches
    // BM25 ranks low).
    Score score(const FoldedArticle &article) const;
    Score score(const KnowledgeArticle &article, bool readBody = true) const
    {
        return score(FoldedArticle::of(article, readBody));
    }
    double of(const KnowledgeArticle &article, bool readBody = true) const
    {
        return score(article, readBody).coverage;
    }
    // For each thing said (in the query's order): 1 when the title or keywords hold it, 0.5
    // when only the body does, 0 when the article does not.
    QList<double> credits(const FoldedArticle &article) const;
    QList<double> credits(const KnowledgeArticle &article, bool readBody = true) const
    {
        return credits(FoldedArticle::of(article, readBody));
    }

private:
    // What stands for one thing said in a folded text between spaces: " term " for each of its
    // terms and synonyms, " prefix" for the word being typed.
    struct Needles
    {
        QStringList words;
        QString prefix;
    };
    bool holds(const QString &padded, qsizetype said) const;
    // Score::phrases of the article, whose `credits` are known.
    double phrasesIn(const FoldedArticle &article, const QList<double> &credits) const;

    AnalysedQuery m_query;
    QList<Needles> m_needles; // for each of m_query.concepts
    double m_total = 0;
};

} // namespace civicdesk

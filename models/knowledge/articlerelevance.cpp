#include "models/knowledge/articlerelevance.h"

#include <algorithm>

namespace civicdesk {

namespace {
constexpr double bodyCredit = 0.5;
} // namespace

ArticleRelevance::ArticleRelevance(const AnalysedQuery &query) : m_query(query)
{
    for (const QueryConcept &c : std::as_const(m_query.concepts)) {
        m_total += c.weight;
        Needles needles;
        for (const QStringList *words : {&c.terms, &c.phrases}) {
            for (const QString &w : *words)
                needles.words.append(u' ' + w + u' ');
        }
        if (!c.prefix.isEmpty())
            needles.prefix = u' ' + c.prefix;
        m_needles.append(needles);
    }
}

bool ArticleRelevance::holds(const QString &padded, qsizetype said) const
{
    const Needles &needles = m_needles.at(said);
    for (const QString &needle : needles.words) {
        if (padded.contains(needle))
            return true;
    }
    // A word of the text begins with the prefix (the text's words are between single spaces).
    return !needles.prefix.isEmpty() && padded.contains(needles.prefix);
}

QList<double> ArticleRelevance::credits(const FoldedArticle &article) const
{
    QList<double> result;
    for (qsizetype i = 0; i < m_query.concepts.size(); ++i) {
        if (holds(article.heading, i))
            result.append(1.0);
        else if (article.hasBody && holds(article.body, i))
            result.append(bodyCredit);
        else
            result.append(0.0);
    }
    return result;
}

double ArticleRelevance::phrasesIn(const FoldedArticle &article, const QList<double> &credits) const
{
    // Only things said next to each other that the title and keywords both hold can be held
    // together by one phrase of them.
    const qsizetype n = m_query.concepts.size();
    QList<bool> candidate(n, false);
    bool any = false;
    for (qsizetype i = 1; i < n; ++i) {
        if (credits.at(i - 1) >= 1.0 && credits.at(i) >= 1.0) {
            candidate[i - 1] = candidate[i] = true;
            any = true;
        }
    }
    if (!any || m_total <= 0)
        return 0;
    // The title and each keyword phrase of two words or more.
    QList<bool> inPair(n, false);
    for (const QString &phrase : article.phrases) {
        bool previous = false;
        for (qsizetype i = 0; i < n; ++i) {
            const bool current = candidate.at(i) && holds(phrase, i);
            if (previous && current)
                inPair[i - 1] = inPair[i] = true;
            previous = current;
        }
    }
    double sum = 0;
    for (qsizetype i = 0; i < n; ++i)
        sum += inPair.at(i) ? m_query.concepts.at(i).weight : 0.0;
    return sum / m_total;
}

ArticleRelevance::Score ArticleRelevance::score(const FoldedArticle &article) const
{
    Score result;
    if (m_total <= 0)
        return result;
    const QList<double> found = credits(article);
    double sum = 0, heading = 0;
    for (int i = 0; i < found.size(); ++i) {
        const double weight = m_query.concepts.at(i).weight;
        sum += found.at(i) * weight;
        heading += found.at(i) >= 1.0 ? weight : 0.0;
    }
    result.coverage = std::clamp(sum / m_total, 0.0, 1.0);
    result.headingWords = heading / std::max(m_query.rareWordWeight, 0.1);
    result.allInHeading = heading >= m_total * (1.0 - 1e-9);
    if (m_query.concepts.size() >= phrasesCountFromConcepts)
        result.phrases = phrasesIn(article, found);
    return result;
}

bool ArticleRelevance::isGoodMatch(const Score &score, double lead)
{
    if (score.coverage >= goodMatchFloor &&
        (score.headingWords >= headingFloor || score.allInHeading))
        return true;
    return score.coverage >= longQueryFloor && score.headingWords >= longQueryHeadingFloor &&
           lead >= clearLead;
}

} // namespace civicdesk

#include "models/knowledge/articlerelevance.h"

#include "models/domain/text/textmatch.h"

#include <algorithm>
#include <optional>

namespace civicdesk {

namespace {
constexpr double bodyCredit = 0.5;
} // namespace

ArticleRelevance::ArticleRelevance(const AnalysedQuery &query) : m_query(query)
{
    for (const QueryConcept &c : std::as_const(m_query.concepts))
        m_total += c.weight;
}

ArticleRelevance::Field ArticleRelevance::fieldOf(const QString &text)
{
    Field f;
    const QString folded = textmatch::fold(text);
    f.padded = u' ' + folded + u' ';
    f.words = folded.split(u' ', Qt::SkipEmptyParts);
    return f;
}

bool ArticleRelevance::holds(const Field &field, const QueryConcept &said)
{
    for (const QString &t : said.terms) {
        if (field.padded.contains(u' ' + t + u' '))
            return true;
    }
    for (const QString &p : said.phrases) {
        if (field.padded.contains(u' ' + p + u' '))
            return true;
    }
    if (!said.prefix.isEmpty())
        return std::any_of(field.words.cbegin(), field.words.cend(),
                           [&said](const QString &w) { return w.startsWith(said.prefix); });
    return false;
}

QList<double> ArticleRelevance::credits(const KnowledgeArticle &article, bool readBody) const
{
    QList<double> result;
    const Field heading = fieldOf(article.title + u' ' + article.keywords);
    std::optional<Field> body; // folded only when the heading leaves something unanswered
    for (const QueryConcept &c : std::as_const(m_query.concepts)) {
        if (holds(heading, c)) {
            result.append(1.0);
            continue;
        }
        if (!readBody) {
            result.append(0.0);
            continue;
        }
        if (!body)
            body = fieldOf(article.body + u' ' + article.script);
        result.append(holds(*body, c) ? bodyCredit : 0.0);
    }
    return result;
}

double ArticleRelevance::phrasesIn(const KnowledgeArticle &article,
                                   const QList<double> &credits) const
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
    // The title and each keyword phrase (keywords are separated by commas).
    QStringList phrases = article.keywords.split(u',', Qt::SkipEmptyParts);
    phrases.append(article.title);
    QList<bool> inPair(n, false);
    for (const QString &text : std::as_const(phrases)) {
        const Field phrase = fieldOf(text);
        if (phrase.words.size() < 2)
            continue;
        bool previous = false;
        for (qsizetype i = 0; i < n; ++i) {
            const bool current = candidate.at(i) && holds(phrase, m_query.concepts.at(i));
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

ArticleRelevance::Score ArticleRelevance::score(const KnowledgeArticle &article,
                                                bool readBody) const
{
    Score result;
    if (m_total <= 0)
        return result;
    const QList<double> found = credits(article, readBody);
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

#pragma once

#include "models/knowledge/language/synonymgroups.h"
#include "models/knowledge/language/wordstemmer.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>

namespace civicdesk {

// One thing the caller said ("pothole", "parking"): the indexed words that stand for it (the
// word itself, its other forms, its corrections), the word being typed as a prefix, and the
// pack's synonyms for it (folded, possibly several words). `weight` is its rarity (inverse
// document frequency): rare words say more about what the caller needs.
struct QueryConcept
{
    QStringList terms;
    QString prefix;
    QStringList phrases;
    double weight = 1.0;
};

struct AnalysedQuery
{
    QString expression; // the FTS5 MATCH expression, "" when nothing is left to search for
    QString language;   // the language the words were read in ("" for any)
    QList<QueryConcept> concepts;
    // The weight of a word no article holds, the most a thing said can weigh: the unit in
    // which ArticleRelevance counts what an article's title and keywords answer.
    double rareWordWeight = 1.0;
};

// Turns what the agent has typed into the FTS5 MATCH expression of the knowledge search, read
// in the caller's language: the caller's words without that language's stop words and call
// filler, a prefix on the word still being typed, the other forms of each word (Snowball stems:
// "sillas" finds "silla", "towed" finds "towing"; the forms only bodies use are searched but
// not credited), words run together or written apart as the articles write them ("pot hole" ->
// pothole, "trashcan" -> "trash can"), one-edit corrections of misspelt words against the
// words of that language's articles ("potholle" -> pothole; "cama" is never corrected to
// English "came"), and the pack's synonyms of that language, in either number ("garbage" ->
// trash, "pot holes" -> pothole).
//
// Each alternative costs FTS5 a walk over the articles holding it (BM25 reads every match), so
// the expression is kept cheap where that cannot change the best answers:
// - a word being typed that is still shorter than three letters is left out when other words
//   are there (as a prefix it matches most of the knowledge base; it counts from its third
//   letter, through the index's 3-letter prefixes);
// - an alternative held by more than half the articles is left out when rarer ones remain
//   (FTS5's BM25 gives such a term an IDF of almost zero: it cannot change the order);
// - when the alternatives together would still walk more than a budget of matches, the
//   commonest are left out, synonyms before the caller's own words (the rarest ones decide
//   BM25's order) — on a small knowledge base the budget is never reached.
class KnowledgeQuery
{
public:
    // Matches FTS5 may walk for one expression, over all its alternatives.
    static constexpr int defaultBudget = 6000;

    // The indexed terms (folded, as FTS5 stores them) with the number of articles holding each,
    // and the number of articles in the index.
    void setVocabulary(const QHash<QString, int> &articlesByTerm, int articleCount);
    // The words (lowercase, as written) of the titles and keywords of one language's articles:
    // the words typos are corrected to and word forms are found among.
    void setLanguageWords(const QString &language, const QStringList &words);
    // Each group: a term and its synonyms, folded; used for queries read in `language` ("" for
    // groups that apply in every language).
    void setSynonymGroups(const QList<QStringList> &groups, const QString &language = {});
    // The words of the city's street and neighbourhood names, folded: a word no article holds
    // that names a place ("Mayfield", "Primrose") says where, not what, and is not searched.
    void setPlaceWords(const QSet<QString> &words) { m_placeWords = words; }
    // Where, not what, even in words articles hold: the names of neighbourhoods of more than
    // one word ("north end", "hyde park"), and the names of streets (without their "St",
    // "Ave") when a street word follows or ("calle") precedes them ("union street", "calle
    // union"). All folded.
    void setPlaceNames(const QStringList &neighbourhoods, const QSet<QString> &streets);
    void setBudget(int matches) { m_budget = matches; }

    bool knows(const QString &term) const { return m_articlesByTerm.contains(term); }
    // The language `text` is most likely written in: its function words, accents, and the
    // words only one language's articles use; `fallback` when nothing tells.
    QString guessLanguage(const QString &text, const QString &fallback) const;
    AnalysedQuery analyse(const QString &text, const QString &language = {}) const;
    // The FTS5 expression for `text`, "" when nothing is left to search for.
    QString expression(const QString &text, const QString &language = {}) const
    {
        return analyse(text, language).expression;
    }

private:
    struct Alternative
    {
        QString expression;
        int matches = 0; // articles it can match at most
        int cost = 0;    // postings FTS5 reads for it
        bool synonym = false;
    };
    struct LanguageWords
    {
        QSet<QString> terms; // folded
        QHash<QString, QStringList> termsByStem;
        // Every indexed term (bodies too) by its stem in this language, but the words only
        // the other languages' titles and keywords use.
        QHash<QString, QStringList> vocabularyByStem;
        QHash<QString, QStringList> termsByFirstLetter;
        std::unique_ptr<WordStemmer> stemmer;
    };

    int articlesWith(const QString &term) const;
    int articlesWithPrefix(const QString &prefix) const;
    Alternative word(const QString &term, bool prefix) const;
    Alternative phrase(const QString &folded) const;
    // The other forms of `word` among the words of the language's titles and keywords, or
    // with `bodies`, among every indexed word (but those only other languages' titles and
    // keywords use).
    QStringList forms(const QString &word, const QString &language, bool bodies = false) const;
    QStringList corrections(const QString &word, const QString &language) const;
    // An unknown word that is two words of the language's titles and keywords run together
    // ("trashcan" -> "trash can"), "" when it is not.
    QString split(const QString &word, const QString &language) const;
    void indexVocabulary(const QString &language, LanguageWords &words) const;
    // Whether a complete word says what the caller needs: not a stop word or filler of the
    // language, a house number, a single letter or a place name no article holds.
    bool saysWhat(const QString &word, const QString &language) const;
    // For each word, whether it is part of a place name (setPlaceNames).
    QList<bool> placesIn(const QStringList &words) const;
    double weightOf(const QueryConcept &said) const;
    QString buildExpression(const QList<Alternative> &alternatives) const;

    QHash<QString, int> m_articlesByTerm;
    QStringList m_sortedTerms;
    QHash<QString, QStringList> m_termsByFirstLetter;
    QHash<QString, SynonymGroups> m_synonymGroups; // by language, "" for all
    QHash<QString, std::shared_ptr<LanguageWords>> m_languages;
    QSet<QString> m_placeWords;
    QList<QStringList> m_neighbourhoods; // each name's words
    QSet<QString> m_streets;
    int m_articleCount = 0;
    int m_budget = defaultBudget;
};

} // namespace civicdesk

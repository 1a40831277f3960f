#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace civicdesk {

// Turns what the agent has typed into the FTS5 MATCH expression of the knowledge search: the
// caller's words (stop words left out), a prefix on the word still being typed, one-edit
// corrections of misspelt words against the indexed vocabulary ("potholle" -> pothole) and the
// pack's synonyms ("garbage" -> trash).
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
    // Each group: a term and its synonyms, folded.
    void setSynonymGroups(const QList<QStringList> &groups);
    void setBudget(int matches) { m_budget = matches; }

    bool knows(const QString &term) const { return m_articlesByTerm.contains(term); }
    // The FTS5 expression for `text`, "" when nothing is left to search for.
    QString expression(const QString &text) const;

    static bool isStopword(const QString &word);

private:
    struct Alternative
    {
        QString expression;
        int matches = 0; // articles it can match at most
        int cost = 0;    // postings FTS5 reads for it
        bool synonym = false;
    };

    int articlesWith(const QString &term) const;
    int articlesWithPrefix(const QString &prefix) const;
    Alternative word(const QString &term, bool prefix) const;
    Alternative phrase(const QString &folded) const;
    QStringList corrections(const QString &word) const;

    QHash<QString, int> m_articlesByTerm;
    QStringList m_sortedTerms;
    QHash<QString, QStringList> m_termsByFirstLetter;
    QList<QStringList> m_synonymGroups;
    int m_articleCount = 0;
    int m_budget = defaultBudget;
};

} // namespace civicdesk

#pragma once

#include "models/domain/department.h"
#include "models/domain/knowledge/knowledgearticle.h"
#include "models/knowledge/foldedarticles.h"
#include "models/knowledge/knowledgequery.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <optional>

namespace civicdesk {

class Database;

struct ArticleQuery
{
    QString text;
    QString language;   // "" for both
    QString department; // "" for all
    int limit = 50;
    // "" for what agents see: published articles in effect on `today` (effective on or before
    // it, expiring on or after it); draft, in_review, published or archived for that state and
    // "*" for every state, whatever their dates (what editors see).
    QString state;
    QDate today = QDate::currentDate();
    // The caller's language (recorded on the contact): the language the words are read in and
    // whose articles come first, when neither the language filter nor the words themselves
    // tell ("" when unknown).
    QString callerLanguage = QString();
    // A plain list (nothing typed) for a list of titles: each article with its heading fields
    // and the first `listBodyChars` characters of its body, without its script or keywords
    // (the whole article is read with byId when it is shown). At the start of the knowledge
    // panel this is what the window waits for.
    bool headingsOnly = false;
    static constexpr int listBodyChars = 300;
};

struct ArticleHit
{
    KnowledgeArticle article;
    QString snippet; // with <b>...</b> around matched words
    // How much of what was typed the article is about (ArticleRelevance), 1 for a plain list.
    double relevance = 1.0;
    // What its title and keywords answer, in rare words (ArticleRelevance::Score), and by how
    // much its relevance passes every other article giving another answer (1 for a plain list).
    double headingWords = 1.0;
    bool allInHeading = true; // its title and keywords hold everything typed
    double lead = 1.0;
    double phrases = 0; // ArticleRelevance::Score::phrases
    bool isGoodMatch() const;
};

// Reads knowledge articles and searches them as the agent types, in the caller's language
// (KnowledgeQuery): FTS5 with BM25 ranking (title weighs most, then keywords), prefix matching
// on the word being typed, accents ignored, other word forms (Snowball stems), the pack's
// synonyms ("garbage" finds trash), one-edit misspellings corrected ("potholle", "grafitti").
// The matches are then ordered by whether they answer what was typed (ArticleRelevance): good
// matches first, the caller's language first among them, then BM25 — an English query gets a
// Spanish article first only when no English one matches well (and the reverse).
class ArticleRepository
{
public:
    explicit ArticleRepository(const Database &database);

    int count() const;
    QList<KnowledgeArticle> list(const QString &language = {}) const;
    std::optional<KnowledgeArticle> byId(const QString &id) const;
    QList<ArticleHit> search(const QString &text, int limit = 50) const;
    // The best matches of the query's text, or, for an empty text, every article that passes
    // the query's filters, by title.
    QList<ArticleHit> search(const ArticleQuery &query) const;
    // Articles not archived whose review is due on or before `today` + `withinDays`, soonest
    // (most overdue) first.
    QList<KnowledgeArticle> reviewDue(const QDate &today, int withinDays = 30) const;
    // The departments that own at least one article, by name.
    QList<Department> departments() const;
    // The article's version (raised by every change), 0 if there is no such article.
    int versionOf(const QString &id) const;
    // The store connection's name (for readers of the same store, e.g. KnowledgeUsage).
    QString connectionName() const { return m_connection; }
    // The store's file, for a search worker that opens its own connection on another thread.
    QString databasePath() const;
    // The FTS5 query built for `text` (for tests and benchmarks).
    QString matchExpression(const QString &text, const QString &language = {}) const;
    // The language a query is read in: the language filter, else the words (function words,
    // accents, words of one language's articles), else the caller's language.
    QString readingLanguage(const ArticleQuery &query) const;
    // The query as it is searched: its words, their forms, synonyms and weights.
    AnalysedQuery analyse(const ArticleQuery &query) const;
    // Forget the cached vocabulary and synonyms (after articles change).
    void invalidate() const;

private:
    void loadVocabulary() const;

    QString m_connection;
    mutable bool m_loaded = false;
    mutable KnowledgeQuery m_query;
    mutable FoldedArticles m_folded; // the candidates' words, folded once
};

} // namespace civicdesk

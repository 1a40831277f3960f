#pragma once

#include "domain/knowledgearticle.h"

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
};

struct ArticleHit
{
    KnowledgeArticle article;
    QString snippet; // with <b>...</b> around matched words
};

// Reads knowledge articles and searches them as the agent types: FTS5 with BM25 ranking (title
// weighs most, then keywords), prefix matching on the word being typed, accents ignored, caller
// words expanded with the pack's synonyms ("garbage" finds trash), and one-edit misspellings
// corrected against the indexed vocabulary ("potholle", "grafitti").
class ArticleRepository
{
public:
    explicit ArticleRepository(const Database &database);

    int count() const;
    QList<KnowledgeArticle> list(const QString &language = {}) const;
    std::optional<KnowledgeArticle> byId(const QString &id) const;
    QList<ArticleHit> search(const QString &text, int limit = 50) const;
    QList<ArticleHit> search(const ArticleQuery &query) const;
    // The FTS5 query built for `text` (for tests and benchmarks).
    QString matchExpression(const QString &text) const;
    // Forget the cached vocabulary and synonyms (after articles change).
    void invalidate();

private:
    void loadVocabulary() const;

    QString m_connection;
    mutable bool m_loaded = false;
    mutable QSet<QString> m_terms;
    mutable QHash<QString, QStringList> m_termsByFirstLetter;
    mutable QList<QStringList> m_synonymGroups; // each: term first, then its synonyms
};

} // namespace civicdesk

#pragma once

#include "domain/knowledgearticle.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

struct ArticleHit
{
    KnowledgeArticle article;
    QString snippet; // with <b>...</b> around matched words
};

// Reads knowledge articles and searches them with FTS5 (BM25, prefix matching, accents
// ignored). Typo tolerance and synonyms come with the knowledge-search layer.
class ArticleRepository
{
public:
    explicit ArticleRepository(const Database &database);

    int count() const;
    QList<KnowledgeArticle> list(const QString &language = {}) const;
    std::optional<KnowledgeArticle> byId(const QString &id) const;
    QList<ArticleHit> search(const QString &text, int limit = 50) const;

private:
    QString m_connection;
};

} // namespace civicdesk

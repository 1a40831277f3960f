#pragma once

#include "models/knowledge/articleversion.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// Every version of an article, read from the article_versions projection. An article from the
// city pack that was never changed has no stored history: its only version is the row itself.
class ArticleHistory
{
public:
    explicit ArticleHistory(const Database &database);

    // Oldest first.
    QList<ArticleVersion> versions(const QString &articleId) const;
    std::optional<ArticleVersion> version(const QString &articleId, int number) const;

private:
    QList<ArticleVersion> read(const QString &articleId, int number) const;

    QString m_connection;
};

} // namespace civicdesk

#include "models/knowledge/articlehistory.h"

#include "models/knowledge/articlerow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

namespace {

const QString versionColumns =
    u"version, kind, actor, at, note, state, " + articlerow::contentColumns();

ArticleVersion versionFrom(const QString &id, const QSqlQuery &q)
{
    ArticleVersion v;
    v.number = q.value(0).toInt();
    v.kind = q.value(1).toString();
    v.actor = q.value(2).toString();
    if (!q.value(3).isNull())
        v.at = QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong(), Qt::UTC);
    v.note = q.value(4).toString();
    v.article.id = id;
    v.article.state = articlerow::stateFrom(q.value(5).toString());
    articlerow::readContent(q, 6, v.article);
    return v;
}

} // namespace

ArticleHistory::ArticleHistory(const Database &database) : m_connection(database.connectionName())
{
}

QList<ArticleVersion> ArticleHistory::read(const QString &articleId, int number) const
{
    QList<ArticleVersion> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // The stored versions; without any, the article row itself as the imported version.
    if (!sql::exec(q,
                   u"SELECT " + versionColumns +
                       u" FROM article_versions WHERE article_id = ? AND (? = 0 OR version = ?) "
                       u"UNION ALL SELECT " +
                       QString(versionColumns)
                           .replace(QStringLiteral("kind, actor, at, note"),
                                    QStringLiteral("'article.imported', source, updated_at, ''")) +
                       u" FROM articles WHERE id = ? AND (? = 0 OR version = ?) AND NOT EXISTS "
                       u"(SELECT 1 FROM article_versions WHERE article_id = ?) ORDER BY 1",
                   {articleId, number, number, articleId, number, number, articleId}))
        return result;
    while (q.next())
        result.append(versionFrom(articleId, q));
    return result;
}

QList<ArticleVersion> ArticleHistory::versions(const QString &articleId) const
{
    return read(articleId, 0);
}

std::optional<ArticleVersion> ArticleHistory::version(const QString &articleId, int number) const
{
    if (number <= 0)
        return std::nullopt;
    const QList<ArticleVersion> found = read(articleId, number);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

} // namespace civicdesk

#include "models/knowledge/articlereads.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

ArticleReads::ArticleReads(Database &database) : m_connection(database.connectionName()) {}

Status ArticleReads::markRead(const QString &agent, const QString &articleId, const QDateTime &now)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return sql::exec(q,
                     QStringLiteral("INSERT INTO article_reads(agent, article_id, version, "
                                    "read_at) SELECT ?, id, version, ? FROM articles WHERE id = ? "
                                    "ON CONFLICT(agent, article_id) DO UPDATE SET version = "
                                    "excluded.version, read_at = excluded.read_at"),
                     {agent, now.toSecsSinceEpoch(), articleId});
}

int ArticleReads::lastReadVersion(const QString &agent, const QString &articleId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(
            q,
            QStringLiteral("SELECT version FROM article_reads WHERE agent = ? AND article_id = ?"),
            {agent, articleId}) &&
        q.next())
        return q.value(0).toInt();
    return 0;
}

QSet<QString> ArticleReads::changedSinceRead(const QString &agent) const
{
    QSet<QString> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   QStringLiteral("SELECT r.article_id FROM article_reads r WHERE r.agent = ? "
                                  "AND EXISTS (SELECT 1 FROM article_versions v WHERE "
                                  "v.article_id = r.article_id AND v.version > r.version AND "
                                  "v.kind IN ('article.edited', 'article.revision_published'))"),
                   {agent}))
        return result;
    while (q.next())
        result.insert(q.value(0).toString());
    return result;
}

} // namespace civicdesk

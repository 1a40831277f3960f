#include "models/knowledge/knowledgeusage.h"

#include "models/knowledge/articlerepository.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

KnowledgeUsage::KnowledgeUsage(const ArticleRepository &articles)
    : m_connection(articles.connectionName())
{
}

QList<ArticleUse> KnowledgeUsage::answersThatCloseCalls(const QDateTime &from, const QDateTime &to,
                                                        int limit) const
{
    QList<ArticleUse> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   QStringLiteral(
                       "SELECT a.id, a.title, a.language, count(DISTINCT c.id) AS n FROM "
                       "contact_articles ca JOIN contacts c ON c.id = ca.contact_id JOIN "
                       "articles a ON a.id = ca.article_id WHERE c.outcome = 'information_given' "
                       "AND c.started_at >= ? AND c.started_at < ? GROUP BY a.id, a.title, "
                       "a.language ORDER BY n DESC, a.title LIMIT ?"),
                   {from.toSecsSinceEpoch(), to.toSecsSinceEpoch(), limit}))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toInt()});
    return result;
}

QList<SearchGap> KnowledgeUsage::unansweredSearches(const QDateTime &from, const QDateTime &to,
                                                    int limit) const
{
    QList<SearchGap> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // The same words typed in another case are the same gap.
    if (!sql::exec(q,
                   QStringLiteral("SELECT lower(query) AS words, language, count(DISTINCT "
                                  "contact_id) AS n, max(searched_at) FROM knowledge_gaps WHERE "
                                  "searched_at >= ? AND searched_at < ? GROUP BY lower(query), "
                                  "language ORDER BY n DESC, words LIMIT ?"),
                   {from.toSecsSinceEpoch(), to.toSecsSinceEpoch(), limit}))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(),
                       QDateTime::fromSecsSinceEpoch(q.value(3).toLongLong())});
    return result;
}

} // namespace civicdesk

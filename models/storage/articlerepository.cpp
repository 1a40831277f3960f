#include "storage/articlerepository.h"

#include "storage/database.h"
#include "storage/sql.h"

#include <QRegularExpression>

namespace civicdesk {

namespace {

const QString columns = QStringLiteral(
    "a.id, a.title, a.body, a.script, a.audience, a.language, a.translation_group, "
    "a.department_code, a.service_codes, a.keywords, a.transfer_target, a.effective, a.expires, "
    "a.review_due, a.state, a.source");

KnowledgeArticle articleFrom(const QSqlQuery &q)
{
    KnowledgeArticle a;
    a.id = q.value(0).toString();
    a.title = q.value(1).toString();
    a.body = q.value(2).toString();
    a.script = q.value(3).toString();
    a.audience = q.value(4).toString() == u"agent" ? KnowledgeArticle::Audience::Agent
                                                   : KnowledgeArticle::Audience::Public;
    a.language = q.value(5).toString();
    a.translationGroup = q.value(6).toString();
    a.departmentCode = q.value(7).toString();
    a.serviceCodes = q.value(8).toString().split(u' ', Qt::SkipEmptyParts);
    a.keywords = q.value(9).toString();
    a.transferTarget = q.value(10).toString();
    a.effective = QDate::fromString(q.value(11).toString(), Qt::ISODate);
    a.expires = QDate::fromString(q.value(12).toString(), Qt::ISODate);
    a.reviewDue = QDate::fromString(q.value(13).toString(), Qt::ISODate);
    const QString state = q.value(14).toString();
    a.state = state == u"draft"       ? KnowledgeArticle::State::Draft
              : state == u"in_review" ? KnowledgeArticle::State::InReview
              : state == u"archived"  ? KnowledgeArticle::State::Archived
                                      : KnowledgeArticle::State::Published;
    a.source = q.value(15).toString();
    return a;
}

// Turns what the agent typed into a safe FTS5 query: each word quoted, the last one a prefix.
QString ftsQuery(const QString &text)
{
    static const QRegularExpression nonWord(QStringLiteral("[^\\w]+"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    const QStringList words = text.split(nonWord, Qt::SkipEmptyParts);
    QStringList terms;
    for (const QString &w : words)
        terms.append(u'"' + w + u'"');
    if (!terms.isEmpty())
        terms.last() += u'*';
    return terms.join(u' ');
}

} // namespace

ArticleRepository::ArticleRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

int ArticleRepository::count() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, QStringLiteral("SELECT count(*) FROM articles")) && q.next())
        return q.value(0).toInt();
    return 0;
}

QList<KnowledgeArticle> ArticleRepository::list(const QString &language) const
{
    QList<KnowledgeArticle> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + columns +
                       u" FROM articles a WHERE (? = '' OR a.language = ?) ORDER BY a.title",
                   {sql::text(language), sql::text(language)}))
        return result;
    while (q.next())
        result.append(articleFrom(q));
    return result;
}

std::optional<KnowledgeArticle> ArticleRepository::byId(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT " + columns + u" FROM articles a WHERE a.id = ?", {id}) && q.next())
        return articleFrom(q);
    return std::nullopt;
}

QList<ArticleHit> ArticleRepository::search(const QString &text, int limit) const
{
    QList<ArticleHit> result;
    const QString match = ftsQuery(text);
    if (match.isEmpty())
        return result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + columns +
                       u", snippet(articles_fts, 1, '<b>', '</b>', '…', 12) FROM articles_fts "
                       u"JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts "
                       u"MATCH ? ORDER BY bm25(articles_fts, 10.0, 1.0, 5.0) LIMIT ?",
                   {match, limit}))
        return result;
    while (q.next())
        result.append({articleFrom(q), q.value(16).toString()});
    return result;
}

} // namespace civicdesk

#include "models/knowledge/articlerepository.h"

#include "models/domain/textmatch.h"
#include "models/knowledge/articlerow.h"
#include "models/store/database.h"
#include "models/store/sql.h"

namespace civicdesk {

namespace {

const QString columns =
    u"a.id, " + articlerow::contentColumns(QStringLiteral("a.")) + u", a.state, a.source";

KnowledgeArticle articleFrom(const QSqlQuery &q)
{
    KnowledgeArticle a;
    a.id = q.value(0).toString();
    articlerow::readContent(q, 1, a);
    a.state = articlerow::stateFrom(q.value(14).toString());
    a.source = q.value(15).toString();
    return a;
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

void ArticleRepository::invalidate() const
{
    m_loaded = false;
}

void ArticleRepository::loadVocabulary() const
{
    if (m_loaded)
        return;
    QHash<QString, int> articlesByTerm;
    QList<QStringList> synonymGroups; // each: term first, then its synonyms
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (sql::exec(q, QStringLiteral("SELECT term, doc FROM articles_terms"))) {
        while (q.next())
            articlesByTerm.insert(q.value(0).toString(), q.value(1).toInt());
    }
    if (sql::exec(q, QStringLiteral("SELECT term, synonyms FROM synonyms"))) {
        while (q.next()) {
            QStringList group{textmatch::fold(q.value(0).toString())};
            const QStringList synonyms = q.value(1).toString().split(u'|', Qt::SkipEmptyParts);
            for (const QString &syn : synonyms)
                group.append(textmatch::fold(syn));
            synonymGroups.append(group);
        }
    }
    m_query.setVocabulary(articlesByTerm, count());
    m_query.setSynonymGroups(synonymGroups);
    m_loaded = true;
}

QString ArticleRepository::matchExpression(const QString &text) const
{
    loadVocabulary();
    return m_query.expression(text);
}

QList<ArticleHit> ArticleRepository::search(const QString &text, int limit) const
{
    return search(ArticleQuery{text, {}, {}, limit, {}});
}

QList<ArticleHit> ArticleRepository::search(const ArticleQuery &query) const
{
    QList<ArticleHit> result;
    const QString state = query.state.isEmpty() ? QStringLiteral("published") : query.state;
    QString where = QStringLiteral(
        "(? = '' OR a.language = ?) AND (? = '' OR a.department_code = ?) AND (? = '*' OR "
        "a.state = ?)");
    QVariantList filters = {sql::text(query.language),
                            sql::text(query.language),
                            sql::text(query.department),
                            sql::text(query.department),
                            state,
                            state};
    if (query.state.isEmpty()) {
        // Agents are offered only the articles in effect today (dates are ISO text).
        const QString today = query.today.toString(Qt::ISODate);
        where += QStringLiteral(" AND COALESCE(a.effective, '') <= ? AND (COALESCE(a.expires, "
                                "'') = '' OR a.expires >= ?)");
        filters += QVariantList{today, today};
    }
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (query.text.trimmed().isEmpty()) {
        if (!sql::exec(q,
                       u"SELECT " + columns + u", '' FROM articles a WHERE " + where +
                           u" ORDER BY a.title LIMIT ?",
                       filters + QVariantList{query.limit}))
            return result;
    } else {
        const QString match = matchExpression(query.text);
        if (match.isEmpty())
            return result;
        // FTS5 sorts by its own rank (BM25, title weighing most, then keywords), so SQLite
        // reads the article row and computes the snippet only for the rows returned, not for
        // every match before sorting.
        if (!sql::exec(q,
                       u"SELECT " + columns +
                           u", snippet(articles_fts, 1, '<b>', '</b>', '…', 12) FROM "
                           u"articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE "
                           u"articles_fts MATCH ? AND articles_fts.rank MATCH "
                           u"'bm25(10.0, 1.0, 5.0)' AND " +
                           where + u" ORDER BY articles_fts.rank LIMIT ?",
                       QVariantList{match} + filters + QVariantList{query.limit}))
            return result;
    }
    while (q.next())
        result.append({articleFrom(q), q.value(16).toString()});
    return result;
}

QList<KnowledgeArticle> ArticleRepository::reviewDue(const QDate &today, int withinDays) const
{
    QList<KnowledgeArticle> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + columns +
                       u" FROM articles a WHERE a.review_due IS NOT NULL AND a.review_due <= ? "
                       u"AND a.state != 'archived' ORDER BY a.review_due, a.title",
                   {today.addDays(withinDays).toString(Qt::ISODate)}))
        return result;
    while (q.next())
        result.append(articleFrom(q));
    return result;
}

QList<Department> ArticleRepository::departments() const
{
    QList<Department> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, QStringLiteral("SELECT d.code, d.name, d.phone, d.email, d.web_link FROM "
                                     "departments d WHERE EXISTS (SELECT 1 FROM articles a "
                                     "WHERE a.department_code = d.code) ORDER BY d.name")))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString()});
    return result;
}

int ArticleRepository::versionOf(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, QStringLiteral("SELECT version FROM articles WHERE id = ?"), {id}) && q.next())
        return q.value(0).toInt();
    return 0;
}

QString ArticleRepository::databasePath() const
{
    return QSqlDatabase::database(m_connection).databaseName();
}

} // namespace civicdesk

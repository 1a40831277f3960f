#include "models/knowledge/articlerepository.h"

#include "models/domain/text/textmatch.h"
#include "models/knowledge/articlerelevance.h"
#include "models/knowledge/articlerow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QSet>
#include <algorithm>
#include <tuple>

namespace civicdesk {

namespace {

const QString columns =
    u"a.id, " + articlerow::contentColumns(QStringLiteral("a.")) + u", a.state, a.source";

// The same columns, with the body cut and neither script nor keywords: a list of titles reads
// a tenth of the text (the sort of the whole rows was most of the panel's start).
QString headingColumns()
{
    QStringList list{QStringLiteral("a.id")};
    for (const QString &field : articleContentFields()) {
        if (field == u"body")
            list.append(QStringLiteral("substr(a.body, 1, %1)").arg(ArticleQuery::listBodyChars));
        else if (field == u"script" || field == u"keywords")
            list.append(QStringLiteral("''"));
        else
            list.append(u"a." + field);
    }
    return list.join(QStringLiteral(", ")) + QStringLiteral(", a.state, a.source");
}

KnowledgeArticle articleFrom(const QSqlQuery &q)
{
    KnowledgeArticle a;
    a.id = q.value(0).toString();
    articlerow::readContent(q, 1, a);
    a.state = articlerow::stateFrom(q.value(14).toString());
    a.source = q.value(15).toString();
    return a;
}

// Matches read beyond the asked-for number, for the ordering by relevance and language; the
// bodies of the first of them (by BM25) are read for it, of the others only title and keywords.
constexpr int candidatePool = 50;
constexpr int bodiesRead = 20;

void addWords(const QString &text, QSet<QString> &words)
{
    QString word;
    for (const QChar c : text) {
        if (c.isLetterOrNumber() || c.category() == QChar::Mark_NonSpacing) {
            word += c.toLower();
        } else if (!word.isEmpty()) {
            words.insert(word);
            word.clear();
        }
    }
    if (!word.isEmpty())
        words.insert(word);
}

bool sameAnswer(const KnowledgeArticle &a, const KnowledgeArticle &b)
{
    if (a.id == b.id || (!a.translationGroup.isEmpty() && a.translationGroup == b.translationGroup))
        return true;
    return std::any_of(a.serviceCodes.cbegin(), a.serviceCodes.cend(),
                       [&b](const QString &code) { return b.serviceCodes.contains(code); });
}

} // namespace

bool ArticleHit::isGoodMatch() const
{
    return ArticleRelevance::isGoodMatch({relevance, headingWords, allInHeading}, lead);
}

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
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (sql::exec(q, QStringLiteral("SELECT term, doc FROM articles_terms"))) {
        while (q.next())
            articlesByTerm.insert(q.value(0).toString(), q.value(1).toInt());
    }
    QHash<QString, QList<QStringList>> synonymGroups; // by language: term first, then synonyms
    if (sql::exec(q, QStringLiteral("SELECT language, term, synonyms FROM synonyms"))) {
        while (q.next()) {
            QStringList group{textmatch::fold(q.value(1).toString())};
            const QStringList synonyms = q.value(2).toString().split(u'|', Qt::SkipEmptyParts);
            for (const QString &syn : synonyms)
                group.append(textmatch::fold(syn));
            synonymGroups[q.value(0).toString()].append(group);
        }
    }
    // The words of each language's titles and keywords: where typos are corrected to and word
    // forms are found.
    QHash<QString, QSet<QString>> wordsByLanguage;
    if (sql::exec(q, QStringLiteral("SELECT language, title, keywords FROM articles"))) {
        while (q.next()) {
            QSet<QString> &words = wordsByLanguage[q.value(0).toString()];
            addWords(q.value(1).toString(), words);
            addWords(q.value(2).toString(), words);
        }
    }
    m_query = KnowledgeQuery();
    QSet<QString> placeWords;
    QStringList neighbourhoods;
    QSet<QString> streets; // the last word of each street's name before its "St", "Ave"
    if (sql::exec(q, QStringLiteral("SELECT DISTINCT street_name, 's' FROM addresses UNION "
                                    "SELECT DISTINCT neighborhood, 'n' FROM addresses"))) {
        while (q.next()) {
            const QStringList words =
                textmatch::fold(q.value(0).toString()).split(u' ', Qt::SkipEmptyParts);
            for (const QString &w : words)
                placeWords.insert(w);
            if (q.value(1).toString() == u"n") {
                // "Allston / Brighton": each name.
                const QStringList names = q.value(0).toString().split(u'/', Qt::SkipEmptyParts);
                for (const QString &name : names)
                    neighbourhoods.append(textmatch::fold(name));
            } else if (words.size() >= 2 && words.at(words.size() - 2).size() >= 3) {
                streets.insert(words.at(words.size() - 2));
            }
        }
    }
    m_query.setPlaceNames(neighbourhoods, streets);
    m_query.setPlaceWords(placeWords);
    for (auto it = wordsByLanguage.cbegin(); it != wordsByLanguage.cend(); ++it)
        m_query.setLanguageWords(it.key(), it.value().values());
    for (auto it = synonymGroups.cbegin(); it != synonymGroups.cend(); ++it)
        m_query.setSynonymGroups(it.value(), it.key());
    m_query.setVocabulary(articlesByTerm, count());
    m_loaded = true;
}

QString ArticleRepository::matchExpression(const QString &text, const QString &language) const
{
    loadVocabulary();
    return m_query.expression(text, language);
}

QString ArticleRepository::readingLanguage(const ArticleQuery &query) const
{
    if (!query.language.isEmpty())
        return query.language;
    loadVocabulary();
    return m_query.guessLanguage(query.text, query.callerLanguage);
}

AnalysedQuery ArticleRepository::analyse(const ArticleQuery &query) const
{
    loadVocabulary();
    return m_query.analyse(query.text, readingLanguage(query));
}

QList<ArticleHit> ArticleRepository::search(const QString &text, int limit) const
{
    ArticleQuery query;
    query.text = text;
    query.limit = limit;
    return search(query);
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
        static const QString headings = headingColumns();
        if (!sql::exec(q,
                       u"SELECT " + (query.headingsOnly ? headings : columns) +
                           u", '' FROM articles a WHERE " + where + u" ORDER BY a.title LIMIT ?",
                       filters + QVariantList{query.limit}))
            return result;
    } else {
        const AnalysedQuery analysed = analyse(query);
        const QString &language = analysed.language;
        if (analysed.expression.isEmpty())
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
                       QVariantList{analysed.expression} + filters +
                           QVariantList{std::max(query.limit, candidatePool)}))
            return result;
        const ArticleRelevance relevance(analysed);
        while (q.next()) {
            ArticleHit hit{articleFrom(q), q.value(16).toString()};
            const ArticleRelevance::Score score =
                relevance.score(m_folded.of(hit.article, result.size() < bodiesRead));
            hit.relevance = score.coverage;
            hit.headingWords = score.headingWords;
            hit.allInHeading = score.allInHeading;
            hit.phrases = score.phrases;
            result.append(hit);
        }
        // Each hit's lead over the best article that gives another answer (its translations
        // and the articles for one of its request types give the same).
        for (ArticleHit &hit : result) {
            double others = 0;
            for (const ArticleHit &other : std::as_const(result)) {
                if (!sameAnswer(hit.article, other.article))
                    others = std::max(others, other.relevance);
            }
            hit.lead = hit.relevance - others;
        }
        // The articles that answer most of the query first, the reading language first among
        // them, then by how much of the query they answer (in fifths: finer steps let one
        // incidental word a caller said outweigh BM25's view of what the article is about) —
        // for a long report, with what its keyword phrases hold together counting again at
        // `phraseCredit` (ArticleRelevance) — then BM25. (Whether the first is offered as the
        // answer is isGoodMatch's to say.)
        const bool longReport =
            analysed.concepts.size() >= ArticleRelevance::phrasesCountFromConcepts;
        const auto key = [&language, longReport](const ArticleHit &h) {
            const double ordering =
                h.relevance + (longReport ? ArticleRelevance::phraseCredit * h.phrases : 0.0);
            return std::make_tuple(h.relevance < ArticleRelevance::goodMatchFloor,
                                   !language.isEmpty() && h.article.language != language,
                                   -qRound(ordering * 5));
        };
        std::stable_sort(
            result.begin(), result.end(),
            [&key](const ArticleHit &a, const ArticleHit &b) { return key(a) < key(b); });
        if (result.size() > query.limit)
            result.resize(query.limit);
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

#include "models/knowledge/foldedarticles.h"

#include "models/domain/text/textmatch.h"

namespace civicdesk {

namespace {

QString padded(const QString &text)
{
    return u' ' + textmatch::fold(text) + u' ';
}

size_t headingHashOf(const KnowledgeArticle &article)
{
    return qHashMulti(0, article.title, article.keywords);
}

size_t bodyHashOf(const KnowledgeArticle &article)
{
    return qHashMulti(0, article.body, article.script);
}

} // namespace

FoldedArticle FoldedArticle::of(const KnowledgeArticle &article, bool readBody)
{
    FoldedArticle f;
    f.heading = padded(article.title + u' ' + article.keywords);
    QStringList texts = article.keywords.split(u',', Qt::SkipEmptyParts);
    texts.append(article.title);
    for (const QString &text : std::as_const(texts)) {
        const QString phrase = padded(text);
        // Two words or more: " a b " holds three spaces.
        if (phrase.count(u' ') >= 3)
            f.phrases.append(phrase);
    }
    if (readBody)
        f.readBody(article);
    return f;
}

void FoldedArticle::readBody(const KnowledgeArticle &article)
{
    body = padded(article.body + u' ' + article.script);
    hasBody = true;
}

void FoldedArticles::account(qsizetype chars)
{
    m_chars += chars;
    if (m_chars > m_maxChars) {
        m_entries.clear();
        m_chars = chars;
    }
}

FoldedArticle FoldedArticles::of(const KnowledgeArticle &article, bool readBody)
{
    const size_t heading = headingHashOf(article);
    auto it = m_entries.find(article.id);
    if (it == m_entries.end() || it->headingHash != heading) {
        Entry entry{heading, 0, FoldedArticle::of(article, false)};
        qsizetype chars = entry.folded.heading.size();
        for (const QString &phrase : std::as_const(entry.folded.phrases))
            chars += phrase.size();
        account(chars);
        it = m_entries.insert(article.id, entry);
    }
    if (readBody) {
        const size_t body = bodyHashOf(article);
        if (!it->folded.hasBody || it->bodyHash != body) {
            it->folded.readBody(article);
            it->bodyHash = body;
            const FoldedArticle folded = it->folded;
            account(folded.body.size());
            // Accounting may have started the cache again.
            it = m_entries.insert(article.id, {heading, body, folded});
        }
    }
    FoldedArticle result = it->folded;
    if (!readBody) {
        // As if only the title and keywords had been read.
        result.body.clear();
        result.hasBody = false;
    }
    return result;
}

void FoldedArticles::clear()
{
    m_entries.clear();
    m_chars = 0;
}

} // namespace civicdesk

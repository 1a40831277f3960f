#pragma once

#include "models/domain/knowledge/knowledgearticle.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace civicdesk {

// An article's words as ArticleRelevance reads them: folded (textmatch::fold) and between
// spaces, so that " word " finds a whole word and " pre" the beginning of one.
struct FoldedArticle
{
    QString heading;     // the title and keywords
    QStringList phrases; // each keyword phrase (keywords are separated by commas) and the
                         // title, those of two words or more
    QString body;        // the body and script, when read
    bool hasBody = false;

    // The title and keywords, and with `readBody` the body and script.
    static FoldedArticle of(const KnowledgeArticle &article, bool readBody);
    void readBody(const KnowledgeArticle &article);
};

// The folded words of the articles searched, kept from one keystroke to the next: folding
// (Unicode decomposition, case, punctuation) of each candidate's title, keyword phrases and
// body was most of what measuring relevance cost per keystroke, and an article's words change
// only when it is edited or imported again. An entry is used only while the article's text
// hashes the same as when it was folded; past `maxChars` folded characters (16 MB of text)
// the cache starts again, so a large knowledge base costs a bounded amount of memory.
class FoldedArticles
{
public:
    explicit FoldedArticles(qsizetype maxChars = 8 * 1024 * 1024) : m_maxChars(maxChars) {}

    // The article folded, with `readBody` its body and script too.
    FoldedArticle of(const KnowledgeArticle &article, bool readBody);
    void clear();
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        size_t headingHash = 0;
        size_t bodyHash = 0;
        FoldedArticle folded;
    };
    void account(qsizetype chars);

    QHash<QString, Entry> m_entries; // by article id
    qsizetype m_chars = 0;
    qsizetype m_maxChars;
};

} // namespace civicdesk

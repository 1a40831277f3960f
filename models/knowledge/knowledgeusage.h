#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

namespace civicdesk {

class ArticleRepository;

// An article opened on contacts that ended "information given": an answer that closes calls.
struct ArticleUse
{
    QString articleId;
    QString title;
    QString language;
    int contacts = 0;
};

// A search nothing answered ("No good match") during contacts: a gap to write an article for.
struct SearchGap
{
    QString query;
    QString language;
    int contacts = 0;
    QDateTime last;
};

// What the knowledge base is used for, over a period, from the contact events every workstation
// records (on the central store: the whole centre's): the answers that close information calls,
// and the searches nothing answered, most frequent first.
class KnowledgeUsage
{
public:
    explicit KnowledgeUsage(const ArticleRepository &articles);

    QList<ArticleUse> answersThatCloseCalls(const QDateTime &from, const QDateTime &to,
                                            int limit = 100) const;
    QList<SearchGap> unansweredSearches(const QDateTime &from, const QDateTime &to,
                                        int limit = 100) const;

private:
    QString m_connection;
};

} // namespace civicdesk

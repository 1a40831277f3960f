#pragma once

#include "models/domain/knowledge/knowledgearticle.h"

#include <QDateTime>
#include <QString>

namespace civicdesk {

// One entry of an article's history: the whole article as it was after one change, who made the
// change and when. Version 1 of an article that came with the city pack is the imported text.
struct ArticleVersion
{
    int number = 0;
    // article.imported, article.created, article.edited, article.state_changed,
    // article.reviewed
    QString kind;
    QString actor; // agent user name ("pack" or "seed" for the imported text)
    QDateTime at;  // invalid for the imported text
    QString note;  // the reason given with a state change
    KnowledgeArticle article;

    // Whether this version changed what agents read (not only the state or the review date).
    bool changedContent() const
    {
        return kind != u"article.state_changed" && kind != u"article.reviewed";
    }
};

} // namespace civicdesk

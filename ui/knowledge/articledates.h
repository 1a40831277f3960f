#pragma once

#include "models/domain/knowledge/knowledgearticle.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace civicdesk {

// An article's effective and expiry dates as the knowledge views show them. An article is in
// effect from its effective date through its expiry date (both optional), the rule the search
// applies for agents (ArticleQuery::today).
class ArticleDates
{
    // Shares the panel's translation context, like the other knowledge views.
    Q_DECLARE_TR_FUNCTIONS(civicdesk::KnowledgePanel)

public:
    // An article expiring within this many days is flagged in the article view.
    static constexpr int soonDays = 14;

    static bool notYetEffective(const KnowledgeArticle &article, const QDate &today);
    static bool expired(const KnowledgeArticle &article, const QDate &today);
    static bool expiresSoon(const KnowledgeArticle &article, const QDate &today);
    // "[Expired]" / "[Not yet in effect]" for the result list, "" for an article in effect.
    static QString listMark(const KnowledgeArticle &article, const QDate &today);
    // A sentence for the article view: not yet in effect, expired, or expiring soon; "" otherwise.
    static QString notice(const KnowledgeArticle &article, const QDate &today);
};

} // namespace civicdesk

#include "ui/knowledge/articledates.h"

#include <QLocale>

namespace civicdesk {

bool ArticleDates::notYetEffective(const KnowledgeArticle &article, const QDate &today)
{
    return article.effective.isValid() && article.effective > today;
}

bool ArticleDates::expired(const KnowledgeArticle &article, const QDate &today)
{
    return article.expires.isValid() && article.expires < today;
}

bool ArticleDates::expiresSoon(const KnowledgeArticle &article, const QDate &today)
{
    return article.expires.isValid() && article.expires >= today &&
           today.daysTo(article.expires) <= soonDays;
}

QString ArticleDates::listMark(const KnowledgeArticle &article, const QDate &today)
{
    if (expired(article, today))
        return u'[' + tr("Expired") + u"] ";
    if (notYetEffective(article, today))
        return u'[' + tr("Not yet in effect") + u"] ";
    return {};
}

QString ArticleDates::notice(const KnowledgeArticle &article, const QDate &today)
{
    const QLocale locale;
    if (expired(article, today))
        return tr("Expired on %1: agents no longer find this article.")
            .arg(locale.toString(article.expires, QLocale::LongFormat));
    if (notYetEffective(article, today))
        return tr("In effect from %1: agents do not find this article before then.")
            .arg(locale.toString(article.effective, QLocale::LongFormat));
    if (expiresSoon(article, today)) {
        const int days = int(today.daysTo(article.expires));
        return days == 0 ? tr("Expires today: check the information before reading it out.")
                         : tr("Expires in %n day(s), on %1: check the information before "
                              "reading it out.",
                              nullptr, days)
                               .arg(locale.toString(article.expires, QLocale::LongFormat));
    }
    return {};
}

} // namespace civicdesk

#include "models/knowledge/articlerow.h"

#include "models/domain/knowledge/articlelifecycle.h"

#include <QDate>
#include <QStringList>

namespace civicdesk::articlerow {

QString contentColumns(const QString &prefix)
{
    QStringList columns;
    for (const QString &name : articleContentFields())
        columns.append(prefix + name);
    return columns.join(QStringLiteral(", "));
}

void readContent(const QSqlQuery &q, int first, KnowledgeArticle &a)
{
    const auto text = [&q, first](int i) { return q.value(first + i).toString(); };
    a.title = text(0);
    a.body = text(1);
    a.script = text(2);
    a.audience = text(3) == u"agent" ? KnowledgeArticle::Audience::Agent
                                     : KnowledgeArticle::Audience::Public;
    a.language = text(4);
    a.translationGroup = text(5);
    a.departmentCode = text(6);
    a.serviceCodes = text(7).split(u' ', Qt::SkipEmptyParts);
    a.keywords = text(8);
    a.transferTarget = text(9);
    a.effective = QDate::fromString(text(10), Qt::ISODate);
    a.expires = QDate::fromString(text(11), Qt::ISODate);
    a.reviewDue = QDate::fromString(text(12), Qt::ISODate);
}

KnowledgeArticle::State stateFrom(const QString &name)
{
    return ArticleLifecycle::stateFromName(name).value_or(KnowledgeArticle::State::Published);
}

} // namespace civicdesk::articlerow

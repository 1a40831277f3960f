#pragma once

#include "models/domain/knowledge/knowledgearticle.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <utility>

namespace civicdesk {

// The HTML of the knowledge views: an article as agents read it (the script set apart for
// reading aloud, the transfer directory, the body from its light Markdown), and two versions side
// by side with their differences highlighted word by word.
class ArticleHtml
{
    // Shares the panel's translation context: these texts were first written there.
    Q_DECLARE_TR_FUNCTIONS(civicdesk::KnowledgePanel)

public:
    // `today` decides the notice of an article not yet in effect, expired or expiring soon.
    static QString article(const KnowledgeArticle &article, bool changedSinceRead,
                           const QDate &today = QDate::currentDate());
    // The text of a version that a comparison shows: every field a person edits, labelled.
    static QString comparable(const KnowledgeArticle &article);
    // Left: the older text with removed words struck out in red; right: the newer text with
    // added words in green.
    static std::pair<QString, QString> sideBySide(const QString &before, const QString &after);
};

} // namespace civicdesk

#pragma once

// Private to storage: reading an article's content columns, shared by the article table and its
// version history so both read a row the same way.

#include "models/domain/knowledge/knowledgearticle.h"

#include <QSqlQuery>
#include <QString>

namespace civicdesk::articlerow {

// title, body, script, audience, language, translation_group, department_code, service_codes,
// keywords, transfer_target, effective, expires, review_due — each with `prefix` ("a." or "").
QString contentColumns(const QString &prefix = {});
// Reads the columns of contentColumns() starting at column `first`.
void readContent(const QSqlQuery &q, int first, KnowledgeArticle &article);
KnowledgeArticle::State stateFrom(const QString &name);

} // namespace civicdesk::articlerow

#pragma once

// Private to storage: the knowledge-article events and their projection, called by the
// projector inside the event's transaction.
//
//   article.created        {"fields": {column: text, ...}}            a new draft, version 1
//   article.edited         {"fields": {...}, "base_version": n}       changed fields only
//   article.state_changed  {"from": state, "to": state, "note": text}  a lifecycle move
//   article.reviewed       {"review_due": date, "note": text}         still right; next review
//
// Every event raises the article's version and keeps a copy of the whole article in
// article_versions; the first change of an imported article keeps the imported text first, as
// version 1. The `articles` row changes, so the FTS5 index follows through its triggers.

#include "models/domain/event.h"
#include "models/domain/result.h"

class QSqlDatabase;

namespace civicdesk::articleprojection {

bool handles(const Event &event);
Status validate(const Event &event);
Status apply(QSqlDatabase &db, const Event &event);

} // namespace civicdesk::articleprojection

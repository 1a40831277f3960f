#pragma once

#include "models/domain/result.h"

#include <QDateTime>
#include <QSet>
#include <QString>

namespace civicdesk {

class Database;

// Which version of each article each agent last read (the article_reads table, local to this
// workstation), for the "changed since you last read it" mark.
class ArticleReads
{
public:
    explicit ArticleReads(Database &database);

    // Records that `agent` has read the article as it is now.
    Status markRead(const QString &agent, const QString &articleId, const QDateTime &now);
    // The version the agent last read, 0 if never.
    int lastReadVersion(const QString &agent, const QString &articleId) const;
    // Articles whose content (not only their state) changed after the agent last read them.
    QSet<QString> changedSinceRead(const QString &agent) const;

private:
    QString m_connection;
};

} // namespace civicdesk

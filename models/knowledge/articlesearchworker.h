#pragma once

#include "models/knowledge/articlerepository.h"

#include <QObject>
#include <atomic>
#include <memory>

namespace civicdesk {

class Database;

// Runs knowledge searches on the search thread, on its own connection to the store (one named
// connection per thread). A query that is no longer the newest when its turn comes is skipped.
class ArticleSearchWorker : public QObject
{
    Q_OBJECT

public:
    ArticleSearchWorker(QString databasePath, std::shared_ptr<std::atomic<quint64>> latest);
    ~ArticleSearchWorker() override;

    // Called on the search thread.
    void run(quint64 generation, const ArticleQuery &query);
    void invalidate();

signals:
    void finished(quint64 generation, const QList<ArticleHit> &hits);
    void failed(const QString &message);

private:
    bool ensureOpen();

    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<ArticleRepository> m_articles;
};

} // namespace civicdesk

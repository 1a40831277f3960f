#include "models/knowledge/articlesearchworker.h"

#include "models/store/database.h"

namespace civicdesk {

ArticleSearchWorker::ArticleSearchWorker(QString databasePath,
                                         std::shared_ptr<std::atomic<quint64>> latest)
    : m_path(std::move(databasePath)), m_latest(std::move(latest))
{
}

ArticleSearchWorker::~ArticleSearchWorker() = default;

bool ArticleSearchWorker::ensureOpen()
{
    if (m_articles)
        return true;
    auto db = Database::open(m_path);
    if (!db) {
        emit failed(db.error().message);
        return false;
    }
    m_database = std::move(db).value();
    m_articles = std::make_unique<ArticleRepository>(*m_database);
    return true;
}

void ArticleSearchWorker::run(quint64 generation, const ArticleQuery &query)
{
    if (generation != m_latest->load())
        return; // the agent has typed on: a newer query is queued behind this one
    if (!ensureOpen())
        return;
    emit finished(generation, m_articles->search(query));
}

void ArticleSearchWorker::invalidate()
{
    if (m_articles)
        m_articles->invalidate();
}

} // namespace civicdesk

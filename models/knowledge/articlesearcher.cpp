#include "models/knowledge/articlesearcher.h"

namespace civicdesk {

ArticleSearcher::ArticleSearcher(const ArticleRepository &articles, QObject *parent)
    : QObject(parent), m_articles(articles),
      m_reader(articles.databasePath(), QStringLiteral("civicdesk-knowledge-search"), &articles)
{
}

quint64 ArticleSearcher::search(const ArticleQuery &query)
{
    const quint64 generation = m_reader.ask(
        [query](const ArticleRepository &articles) { return articles.search(query); },
        [this](const Result<QList<ArticleHit>> &hits) {
            if (!hits) {
                emit failed(hits.error().message);
                return;
            }
            const quint64 answered = m_reader.newest();
            if (m_reader.isThreaded()) {
                deliver(answered, hits.value());
                return;
            }
            // Searched on this thread before search() returned: delivered like a thread's.
            QMetaObject::invokeMethod(
                this, [this, answered, list = hits.value()] { deliver(answered, list); },
                Qt::QueuedConnection);
        });
    m_pending = generation;
    return generation;
}

QList<ArticleHit> ArticleSearcher::searchNow(const ArticleQuery &query)
{
    m_reader.supersede();
    m_pending = 0;
    return m_articles.search(query);
}

void ArticleSearcher::invalidate()
{
    if (m_reader.isThreaded())
        m_reader.onContext([](const ArticleRepository &articles) { articles.invalidate(); });
}

void ArticleSearcher::deliver(quint64 generation, const QList<ArticleHit> &hits)
{
    if (generation != m_reader.newest()) {
        ++m_staleDiscarded;
        return;
    }
    m_pending = 0;
    emit resultsReady(generation, hits);
}

} // namespace civicdesk

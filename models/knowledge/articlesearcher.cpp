#include "models/knowledge/articlesearcher.h"

#include "models/knowledge/articlesearchworker.h"

#include <QThread>

namespace civicdesk {

ArticleSearcher::ArticleSearcher(const ArticleRepository &articles, QObject *parent)
    : QObject(parent), m_articles(articles), m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    const QString path = articles.databasePath();
    if (path.isEmpty() || path == u":memory:")
        return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("civicdesk-knowledge-search"));
    m_worker = new ArticleSearchWorker(path, m_latest);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ArticleSearchWorker::finished, this, &ArticleSearcher::deliver);
    connect(m_worker, &ArticleSearchWorker::failed, this, &ArticleSearcher::failed);
    m_thread->start();
}

ArticleSearcher::~ArticleSearcher()
{
    if (m_thread) {
        m_latest->store(~quint64(0)); // skip whatever is still queued
        m_thread->quit();
        m_thread->wait();
    }
}

quint64 ArticleSearcher::search(const ArticleQuery &query)
{
    const quint64 generation = ++*m_latest;
    m_pending = generation;
    if (!m_worker) {
        const QList<ArticleHit> hits = m_articles.search(query);
        QMetaObject::invokeMethod(
            this, [this, generation, hits] { deliver(generation, hits); }, Qt::QueuedConnection);
        return generation;
    }
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, query] { worker->run(generation, query); },
        Qt::QueuedConnection);
    return generation;
}

QList<ArticleHit> ArticleSearcher::searchNow(const ArticleQuery &query)
{
    ++*m_latest;
    m_pending = 0;
    return m_articles.search(query);
}

void ArticleSearcher::invalidate()
{
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->invalidate(); }, Qt::QueuedConnection);
}

void ArticleSearcher::deliver(quint64 generation, const QList<ArticleHit> &hits)
{
    if (generation != m_latest->load()) {
        ++m_staleDiscarded;
        return;
    }
    m_pending = 0;
    emit resultsReady(generation, hits);
}

} // namespace civicdesk

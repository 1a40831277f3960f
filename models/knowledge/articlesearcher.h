#pragma once

#include "models/knowledge/articlerepository.h"
#include "models/store/newestqueryreader.h"

#include <QObject>

namespace civicdesk {

// Search as you type without blocking typing: each query gets a generation number and runs on
// the store's "newest query wins" reader thread (NewestQueryReader); only the newest query's
// results are delivered, stale ones are dropped (and counted). A store without a file
// (":memory:") is searched on the calling thread instead.
class ArticleSearcher : public QObject
{
    Q_OBJECT

public:
    explicit ArticleSearcher(const ArticleRepository &articles, QObject *parent = nullptr);

    // Queues `query`; its results arrive through resultsReady. Returns its generation.
    quint64 search(const ArticleQuery &query);
    // Runs `query` now on this thread (arrow keys, filters): anything still queued is stale.
    QList<ArticleHit> searchNow(const ArticleQuery &query);
    // Articles changed: forget cached vocabularies on both threads.
    void invalidate();

    quint64 generation() const { return m_reader.newest(); }
    bool isPending() const { return m_pending != 0 && m_pending == generation(); }
    int staleDiscarded() const { return m_staleDiscarded + m_reader.dropped(); }
    bool isThreaded() const { return m_reader.isThreaded(); }

signals:
    void resultsReady(quint64 generation, const QList<ArticleHit> &hits);
    void failed(const QString &message);

private:
    void deliver(quint64 generation, const QList<ArticleHit> &hits);

    const ArticleRepository &m_articles;
    NewestQueryReader<ArticleRepository> m_reader;
    quint64 m_pending = 0;
    int m_staleDiscarded = 0;
};

} // namespace civicdesk

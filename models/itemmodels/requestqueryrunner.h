#pragma once

#include "models/requests/historyfilter.h"

#include <QObject>
#include <atomic>
#include <memory>

class QThread;

namespace civicdesk {

class Database;
class RequestQueryWorker;
class RequestSearchRepository;

// One history search: a page after a cursor and, for a new filter, the capped count.
struct RequestQuery
{
    quint64 generation = 0; // queries of older generations are stale
    HistoryFilter filter;
    PageCursor after;
    int limit = 200;
    int countCap = 0; // 0: do not count
};

struct RequestQueryResult
{
    quint64 generation = 0;
    bool counted = false;
    int total = 0; // when counted: at most countCap + 1
    RequestPage page;
};

// Runs history searches off the UI thread, as the knowledge search does: a search thread with
// its own connection to the store (one named connection per thread) answers each query; a query
// whose generation is no longer the newest when its turn comes is skipped, and the caller drops
// late answers. A store without a file (":memory:"), or Mode::CallingThread, runs queries in
// run() itself, answering before it returns.
class RequestQueryRunner : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        Background,
        CallingThread
    };

    RequestQueryRunner(const Database &database, Mode mode, QObject *parent = nullptr);
    ~RequestQueryRunner() override;

    // Queues `query` and makes its generation the newest.
    void run(const RequestQuery &query);
    bool isThreaded() const { return m_worker != nullptr; }
    // Queries the search thread skipped because a newer one was queued behind them.
    int skipped() const { return m_skipped->load(); }

signals:
    void finished(const civicdesk::RequestQueryResult &result);
    void failed(quint64 generation, const QString &message);

private:
    std::unique_ptr<RequestSearchRepository> m_search; // calling-thread mode
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic<int>> m_skipped;
    QThread *m_thread = nullptr;
    RequestQueryWorker *m_worker = nullptr;
};

} // namespace civicdesk

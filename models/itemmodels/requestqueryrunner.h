#pragma once

#include "models/requests/historyfilter.h"
#include "models/requests/requestsearchrepository.h"
#include "models/store/newestqueryreader.h"

#include <QObject>
#include <memory>

namespace civicdesk {

class Database;

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

// Runs history searches off the UI thread on the store's "newest query wins" reader thread
// (NewestQueryReader, as the knowledge search does), with its own connection to the store: a
// query no longer the newest when its turn comes is skipped, and its late answer dropped. A
// store without a file (":memory:"), or Mode::CallingThread, runs queries in run() itself,
// answering before it returns.
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
    bool isThreaded() const { return m_reader.isThreaded(); }
    // Queries a newer one overtook: skipped on the search thread, or their answer dropped.
    int skipped() const { return m_reader.skipped() + m_reader.dropped(); }

    // The query itself, on any connection's repository.
    static RequestQueryResult answer(const RequestSearchRepository &search,
                                     const RequestQuery &query);

signals:
    void finished(const civicdesk::RequestQueryResult &result);
    void failed(quint64 generation, const QString &message);

private:
    std::unique_ptr<RequestSearchRepository> m_search; // calling-thread mode
    NewestQueryReader<RequestSearchRepository> m_reader;
};

} // namespace civicdesk

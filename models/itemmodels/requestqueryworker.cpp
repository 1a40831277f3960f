#include "models/itemmodels/requestqueryworker.h"

#include "models/requests/requestsearchrepository.h"
#include "models/store/database.h"

namespace civicdesk {

RequestQueryWorker::RequestQueryWorker(QString databasePath,
                                       std::shared_ptr<std::atomic<quint64>> latest,
                                       std::shared_ptr<std::atomic<int>> skipped)
    : m_path(std::move(databasePath)), m_latest(std::move(latest)), m_skipped(std::move(skipped))
{
}

// The repository goes before the connection it reads.
RequestQueryWorker::~RequestQueryWorker()
{
    m_search.reset();
    m_database.reset();
}

RequestQueryResult RequestQueryWorker::answer(const RequestSearchRepository &search,
                                              const RequestQuery &query)
{
    RequestQueryResult result;
    result.generation = query.generation;
    if (query.countCap > 0) {
        result.counted = true;
        result.total = search.count(query.filter, query.countCap);
        if (result.total == 0)
            return result;
    }
    result.page = search.page(query.filter, query.after, query.limit);
    return result;
}

std::optional<Result<RequestQueryResult>> RequestQueryWorker::run(const RequestQuery &query)
{
    if (query.generation != m_latest->load()) {
        ++*m_skipped; // the agent has typed on: a newer query is queued behind this one
        return std::nullopt;
    }
    if (!m_search) {
        auto opened = Database::open(m_path);
        if (!opened)
            return Result<RequestQueryResult>(opened.error());
        m_database = std::move(opened).value();
        m_search = std::make_unique<RequestSearchRepository>(*m_database);
    }
    return Result<RequestQueryResult>(answer(*m_search, query));
}

} // namespace civicdesk

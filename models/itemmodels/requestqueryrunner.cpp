#include "models/itemmodels/requestqueryrunner.h"

#include "models/store/database.h"

namespace civicdesk {

namespace {

using Reader = NewestQueryReader<RequestSearchRepository>;

Reader::Mode readerMode(RequestQueryRunner::Mode mode)
{
    return mode == RequestQueryRunner::Mode::CallingThread ? Reader::Mode::CallingThread
                                                           : Reader::Mode::Background;
}

} // namespace

RequestQueryRunner::RequestQueryRunner(const Database &database, Mode mode, QObject *parent)
    : QObject(parent), m_search(Reader::threadable(database.path(), readerMode(mode)).isEmpty()
                                    ? std::make_unique<RequestSearchRepository>(database)
                                    : nullptr),
      m_reader(database.path(), QStringLiteral("civicdesk-history-search"), m_search.get(),
               readerMode(mode))
{
}

RequestQueryRunner::~RequestQueryRunner() = default;

RequestQueryResult RequestQueryRunner::answer(const RequestSearchRepository &search,
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

void RequestQueryRunner::run(const RequestQuery &query)
{
    // The caller's generation goes with the answer; the reader's decides which answer comes.
    m_reader.ask([query](const RequestSearchRepository &search) { return answer(search, query); },
                 [this, generation = query.generation](const Result<RequestQueryResult> &result) {
                     if (result)
                         emit finished(result.value());
                     else
                         emit failed(generation, result.error().message);
                 });
}

} // namespace civicdesk

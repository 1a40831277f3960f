#pragma once

#include "models/domain/result.h"
#include "models/itemmodels/requestqueryrunner.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

namespace civicdesk {

class Database;
class RequestSearchRepository;

// Answers history searches on the search thread, on its own connection to the store, opened
// on first use.
class RequestQueryWorker : public QObject
{
    Q_OBJECT

public:
    RequestQueryWorker(QString databasePath, std::shared_ptr<std::atomic<quint64>> latest,
                       std::shared_ptr<std::atomic<int>> skipped);
    ~RequestQueryWorker() override;

    // Called on the search thread: nothing when the query is stale.
    std::optional<Result<RequestQueryResult>> run(const RequestQuery &query);

    // The query itself, on any connection's repository.
    static RequestQueryResult answer(const RequestSearchRepository &search,
                                     const RequestQuery &query);

private:
    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::shared_ptr<std::atomic<int>> m_skipped;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<RequestSearchRepository> m_search;
};

} // namespace civicdesk

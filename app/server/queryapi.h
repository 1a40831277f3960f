#pragma once

#include "app/server/apigate.h"
#include "models/central/centrallog.h"
#include "models/central/centralqueries.h"
#include "models/central/referencetables.h"

class QHttpServer;

namespace civicdesk {

class Database;

// The sync API's reads beyond events (API.md): request queries, reference data for a new
// workstation and quality reviews (user management: UserAdmin).
class QueryApi
{
public:
    static constexpr int MaxQueryResults = 200;
    static constexpr double MaxRadiusMetres = 5000;

    QueryApi(Database &database, AccountStore &accounts);
    void registerRoutes(QHttpServer &server);

private:
    QHttpServerResponse requests(const QHttpServerRequest &request);
    QHttpServerResponse oneRequest(const QString &key, const QHttpServerRequest &request);
    QHttpServerResponse reference(const QHttpServerRequest &request);
    QHttpServerResponse referenceTable(const QString &table, const QHttpServerRequest &request);
    QHttpServerResponse reviews(const QHttpServerRequest &request);

    AccountStore &m_accounts;
    CentralLog m_log;
    CentralQueries m_queries;
    ReferenceTables m_reference;
    ApiGate m_gate;
};

} // namespace civicdesk

#pragma once

#include "app/server/apigate.h"

class QHttpServer;

namespace civicdesk {

class Database;

// The centre's KPIs on the central store (API.md, GET /api/v1/kpis): the same figures a
// supervisor's workstation counts on its replica (SupervisionKpis, models/supervision/kpi), for
// a period of whole days in the city's time zone, per team, agent and channel. Supervisors
// and admins only: the server checks the role itself.
class KpiApi
{
public:
    KpiApi(Database &database, AccountStore &accounts);
    void registerRoutes(QHttpServer &server);

private:
    QHttpServerResponse kpis(const QHttpServerRequest &request);

    Database &m_database;
    ApiGate m_gate;
};

} // namespace civicdesk

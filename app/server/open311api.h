#pragma once

#include <QString>

class QHttpServer;

namespace civicdesk {

class Database;

// The Open311 GeoReport v2 read API on the store: discovery, services, service definitions,
// requests (list with the spec's filters, and one by id). JSON only. Request creation (POST
// with an API key) and the request-updates extension come with accounts and API keys.
class Open311Api
{
public:
    Open311Api(Database &database, QString publicUrl);
    void registerRoutes(QHttpServer &server);

private:
    Database &m_database;
    QString m_publicUrl;
};

} // namespace civicdesk

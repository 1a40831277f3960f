#pragma once

#include "models/domain/caller.h"
#include "models/domain/result.h"
#include "models/domain/servicerequest.h"

#include <QList>

namespace civicdesk {

class Database;

struct RequestWithCallers
{
    ServiceRequest request;
    QList<Caller> callers;
};

// The history queries a workstation asks the central store for, beyond its local replica.
// Portable SQL (SQLite and PostgreSQL); newest first.
class CentralQueries
{
public:
    explicit CentralQueries(Database &database);

    Result<QList<RequestWithCallers>> byNumber(const QString &number) const;
    Result<QList<RequestWithCallers>> byPhone(const QString &phone, int limit) const;
    Result<QList<RequestWithCallers>> byEmail(const QString &email, int limit) const;
    Result<QList<RequestWithCallers>> byAddress(const QString &address, int limit) const;
    // Within `radiusMetres` of the point, nearest first within the same age ordering.
    Result<QList<RequestWithCallers>> near(double latitude, double longitude, double radiusMetres,
                                           int limit) const;
    // A request by its id or its number.
    std::optional<RequestWithCallers> one(const QString &idOrNumber) const;

private:
    Result<QList<RequestWithCallers>> select(const QString &where, const QVariantList &values,
                                             int limit) const;
    void attachCallers(QList<RequestWithCallers> &list) const;
    Database &m_database;
};

} // namespace civicdesk

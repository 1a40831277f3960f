#pragma once

#include "models/domain/servicerequest.h"
#include "models/store/database.h"

#include <QDateTime>
#include <QList>
#include <QStringList>
#include <optional>

namespace civicdesk {

class Database;

struct RequestFilter
{
    QString text; // request number, or words of the address or type
    std::optional<RequestStatus> status;
    QString serviceCode;
};

// Reads request projections: counts, by id or number, by opening date, open ones nearby.
class RequestRepository
{
public:
    explicit RequestRepository(const Database &database);

    int count(const RequestFilter &filter = {}) const;
    std::optional<ServiceRequest> byId(const QString &id) const;
    std::optional<ServiceRequest> byNumber(const QString &number) const;
    // Open requests of `serviceCode` within `radiusMeters` of a point, opened at or after
    // `since`, nearest first (duplicate candidates at intake).
    // Requests opened in [from, to), newest first, optionally of one type and status (Open311
    // GET requests).
    QList<ServiceRequest> openedBetween(const QDateTime &from, const QDateTime &to,
                                        const QStringList &serviceCodes,
                                        std::optional<RequestStatus> status, int limit) const;
    QList<ServiceRequest> openNear(const QString &serviceCode, double latitude, double longitude,
                                   int radiusMeters, const QDateTime &since) const;

private:
    QString m_connection;
    Dialect m_dialect;
};

} // namespace civicdesk

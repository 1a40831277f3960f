#pragma once

#include "models/domain/result.h"
#include "models/domain/servicerequest.h"

#include <QList>

namespace civicdesk {

class Database;

// The filters of Open311's GET requests (plus the page/page_size extension).
struct Open311Filter
{
    QDateTime from;
    QDateTime to;
    QStringList serviceCodes; // empty: every type
    QStringList statuses;     // "open" (open and in progress), "closed"; empty: both
    int page = 1;
    int pageSize = 1000;
};

// One entry of the request-updates extension (servicerequestupdates): a status change or a
// public note, from the event log.
struct RequestUpdate
{
    QString updateId; // the event id
    QString requestNumber;
    QString status; // open or closed, after the update
    QDateTime at;
    QString description;
};

// The Open311 reads of the central store. Portable SQL; newest first.
class Open311Requests
{
public:
    explicit Open311Requests(Database &database);

    Result<QList<ServiceRequest>> list(const Open311Filter &filter) const;
    // Updates made between `from` and `to`, of one request when `number` is given.
    Result<QList<RequestUpdate>> updates(const QDateTime &from, const QDateTime &to,
                                         const QString &number, int limit) const;
    // The request created by the event `eventId` (an Open311 token), if any.
    std::optional<QString> numberForToken(const QString &eventId) const;

private:
    Database &m_database;
};

} // namespace civicdesk

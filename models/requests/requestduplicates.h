#pragma once

#include "models/domain/servicerequest.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// A request on the other end of a duplicate link.
struct LinkedRequest
{
    QString id;
    QString number;
    QString typeName; // empty when the request is not in this store
    RequestStatus status = RequestStatus::Open;
    QString linkedBy;
};

// Duplicate links between requests (the request_duplicates projection). Links are one level
// deep: a duplicate has one parent, and a parent is never itself a duplicate.
class RequestDuplicates
{
public:
    explicit RequestDuplicates(const Database &database);

    // The request this one duplicates, if it is linked.
    std::optional<LinkedRequest> parentOf(const QString &requestId) const;
    // The requests linked to this one as its duplicates, by number.
    QList<LinkedRequest> duplicatesOf(const QString &requestId) const;

private:
    QString m_connection;
};

} // namespace civicdesk

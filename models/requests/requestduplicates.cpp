#include "models/requests/requestduplicates.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

namespace {

LinkedRequest linkedFrom(const QSqlQuery &q)
{
    LinkedRequest r;
    r.id = q.value(0).toString();
    r.number = q.value(1).toString();
    r.typeName = q.value(2).toString();
    r.status = requestStatusFromName(q.value(3).toString()).value_or(RequestStatus::Open);
    r.linkedBy = q.value(4).toString();
    return r;
}

} // namespace

RequestDuplicates::RequestDuplicates(const Database &database)
    : m_connection(database.connectionName())
{
}

std::optional<LinkedRequest> RequestDuplicates::parentOf(const QString &requestId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q,
                  QStringLiteral("SELECT d.parent_id, d.parent_number, COALESCE(r.type_name, ''), "
                                 "COALESCE(r.status, 'open'), d.linked_by FROM request_duplicates "
                                 "d LEFT JOIN requests r ON r.id = d.parent_id WHERE "
                                 "d.duplicate_id = ?"),
                  {requestId}) &&
        q.next())
        return linkedFrom(q);
    return std::nullopt;
}

QList<LinkedRequest> RequestDuplicates::duplicatesOf(const QString &requestId) const
{
    QList<LinkedRequest> found;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   QStringLiteral("SELECT d.duplicate_id, d.duplicate_number, "
                                  "COALESCE(r.type_name, ''), COALESCE(r.status, 'open'), "
                                  "d.linked_by FROM request_duplicates d LEFT JOIN requests r ON "
                                  "r.id = d.duplicate_id WHERE d.parent_id = ? ORDER BY "
                                  "d.duplicate_number"),
                   {requestId}))
        return found;
    while (q.next())
        found.append(linkedFrom(q));
    return found;
}

} // namespace civicdesk

#include "models/requests/maprequestrepository.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace civicdesk {

namespace {

QString jsonList(const QStringList &values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

// The bind values of the filter clause below, in order.
QVariantList filterValues(const MapRequestFilter &filter)
{
    QStringList statuses;
    for (RequestStatus s : filter.statuses)
        statuses.append(requestStatusName(s));
    return {int(filter.serviceCodes.size()),
            jsonList(filter.serviceCodes),
            int(statuses.size()),
            jsonList(statuses),
            int(filter.departmentCodes.size()),
            jsonList(filter.departmentCodes),
            sql::epoch(filter.openedFrom),
            sql::epoch(filter.openedFrom),
            sql::epoch(filter.openedTo),
            sql::epoch(filter.openedTo)};
}

constexpr char16_t filterClause[] =
    u" WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
    u" AND (? = 0 OR service_code IN (SELECT value FROM json_each(?)))"
    u" AND (? = 0 OR status IN (SELECT value FROM json_each(?)))"
    u" AND (? = 0 OR department_code IN (SELECT value FROM json_each(?)))"
    u" AND (? IS NULL OR opened_at >= ?) AND (? IS NULL OR opened_at < ?)";

} // namespace

MapRequestRepository::MapRequestRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

QList<MapRequestPoint> MapRequestRepository::located(const MapRequestFilter &filter) const
{
    QList<MapRequestPoint> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   u"SELECT id, number, coalesce(service_code, ''), type_name, "
                   u"coalesce(department_code, ''), coalesce(neighborhood, ''), status, "
                   u"latitude, longitude, opened_at FROM requests" +
                       QString::fromUtf16(filterClause) + u" ORDER BY opened_at",
                   filterValues(filter)))
        return result;
    while (q.next()) {
        MapRequestPoint p;
        p.id = q.value(0).toString();
        p.number = q.value(1).toString();
        p.serviceCode = q.value(2).toString();
        p.typeName = q.value(3).toString();
        p.departmentCode = q.value(4).toString();
        p.neighborhood = q.value(5).toString();
        p.status = requestStatusFromName(q.value(6).toString()).value_or(RequestStatus::Open);
        p.latitude = q.value(7).toDouble();
        p.longitude = q.value(8).toDouble();
        p.openedAt = q.value(9).toLongLong();
        result.append(std::move(p));
    }
    return result;
}

QList<NeighborhoodCount>
MapRequestRepository::neighborhoodCounts(const MapRequestFilter &filter) const
{
    QList<NeighborhoodCount> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT coalesce(neighborhood, ''), count(*) AS n FROM requests" +
                       QString::fromUtf16(filterClause) +
                       u" GROUP BY coalesce(neighborhood, '') ORDER BY n DESC, 1",
                   filterValues(filter)))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toInt()});
    return result;
}

QList<MapFacet> MapRequestRepository::facets(const QString &statement) const
{
    QList<MapFacet> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, statement))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()});
    return result;
}

QList<MapFacet> MapRequestRepository::serviceTypes() const
{
    return facets(QStringLiteral(
        "SELECT r.service_code, coalesce(t.name, min(r.type_name)), count(*) AS n FROM requests "
        "r LEFT JOIN service_types t ON t.code = r.service_code WHERE r.latitude IS NOT NULL AND "
        "r.service_code IS NOT NULL GROUP BY r.service_code ORDER BY n DESC, 2"));
}

QList<MapFacet> MapRequestRepository::departments() const
{
    return facets(QStringLiteral(
        "SELECT r.department_code, coalesce(d.name, r.department_code), count(*) AS n FROM "
        "requests r LEFT JOIN departments d ON d.code = r.department_code WHERE r.latitude IS "
        "NOT NULL AND r.department_code IS NOT NULL AND r.department_code != '' GROUP BY "
        "r.department_code ORDER BY n DESC, 2"));
}

std::pair<QDateTime, QDateTime> MapRequestRepository::openedRange() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, QStringLiteral("SELECT min(opened_at), max(opened_at) FROM requests WHERE "
                                    "latitude IS NOT NULL")) &&
        q.next() && !q.value(0).isNull())
        return {sql::fromEpoch(q.value(0)), sql::fromEpoch(q.value(1))};
    return {};
}

} // namespace civicdesk

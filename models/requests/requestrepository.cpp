#include "models/requests/requestrepository.h"

#include "models/domain/place.h"
#include "models/store/database.h"
#include "models/store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace civicdesk {

namespace {

const QString columns = QStringLiteral(
    "id, number, service_code, type_name, status, closure_reason, description, address, "
    "latitude, longitude, neighborhood, ward, precinct, zip, channel, department_code, "
    "caller_id, opened_at, due_at, closed_at, attributes_json");

ServiceRequest requestFrom(const QSqlQuery &q)
{
    ServiceRequest r;
    r.id = q.value(0).toString();
    r.number = q.value(1).toString();
    r.serviceCode = q.value(2).toString();
    r.typeName = q.value(3).toString();
    r.status = requestStatusFromName(q.value(4).toString()).value_or(RequestStatus::Open);
    r.closureReason = q.value(5).toString();
    r.description = q.value(6).toString();
    r.address = q.value(7).toString();
    if (!q.value(8).isNull())
        r.latitude = q.value(8).toDouble();
    if (!q.value(9).isNull())
        r.longitude = q.value(9).toDouble();
    r.neighborhood = q.value(10).toString();
    r.ward = q.value(11).toString();
    r.precinct = q.value(12).toString();
    r.zip = q.value(13).toString();
    r.channel = q.value(14).toString();
    r.departmentCode = q.value(15).toString();
    r.callerId = q.value(16).toString();
    r.openedAt = sql::fromEpoch(q.value(17));
    r.dueAt = sql::fromEpoch(q.value(18));
    r.closedAt = sql::fromEpoch(q.value(19));
    const QJsonObject attributes = QJsonDocument::fromJson(q.value(20).toByteArray()).object();
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        QStringList keys;
        const QJsonArray values = it.value().toArray();
        for (const QJsonValue &v : values)
            keys.append(v.toString());
        if (it.value().isString())
            keys.append(it.value().toString());
        r.attributes.insert(it.key(), keys);
    }
    return r;
}

// Builds the WHERE clause from fixed fragments; values are always bound.
// SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE does the same there.
QString whereOf(const RequestFilter &filter, Dialect dialect, QVariantList &values)
{
    QStringList clauses;
    const QString text = filter.text.trimmed();
    if (!text.isEmpty()) {
        clauses.append(QStringLiteral("(number = ? OR address %1 ? ESCAPE '\\' OR type_name %1 ? "
                                      "ESCAPE '\\')")
                           .arg(dialect == Dialect::Postgres ? QStringLiteral("ILIKE")
                                                             : QStringLiteral("LIKE")));
        QString pattern = text;
        pattern.replace(u'\\', QStringLiteral("\\\\"))
            .replace(u'%', QStringLiteral("\\%"))
            .replace(u'_', QStringLiteral("\\_"));
        const QString like = u'%' + pattern + u'%';
        values << text.toUpper() << like << like;
    }
    if (filter.status) {
        clauses.append(QStringLiteral("status = ?"));
        values << requestStatusName(*filter.status);
    }
    if (!filter.serviceCode.isEmpty()) {
        clauses.append(QStringLiteral("service_code = ?"));
        values << filter.serviceCode;
    }
    return clauses.isEmpty() ? QString() : u" WHERE " + clauses.join(QStringLiteral(" AND "));
}

} // namespace

RequestRepository::RequestRepository(const Database &database)
    : m_connection(database.connectionName()), m_dialect(database.dialect())
{
}

int RequestRepository::count(const RequestFilter &filter) const
{
    QVariantList values;
    const QString where = whereOf(filter, m_dialect, values);
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT count(*) FROM requests" + where, values) && q.next())
        return q.value(0).toInt();
    return 0;
}

std::optional<ServiceRequest> RequestRepository::byId(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT " + columns + u" FROM requests WHERE id = ?", {id}) && q.next())
        return requestFrom(q);
    return std::nullopt;
}

QList<ServiceRequest> RequestRepository::openedBetween(const QDateTime &from, const QDateTime &to,
                                                       const QStringList &serviceCodes,
                                                       std::optional<RequestStatus> status,
                                                       int limit) const
{
    QList<ServiceRequest> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // One bound placeholder per type code (both dialects; no json_each on PostgreSQL).
    QVariantList values{from.toSecsSinceEpoch(), to.toSecsSinceEpoch()};
    QString typeClause;
    if (!serviceCodes.isEmpty()) {
        typeClause = u" AND service_code IN (" +
                     QStringList(serviceCodes.size(), QStringLiteral("?")).join(u", ") + u')';
        for (const QString &code : serviceCodes)
            values.append(code);
    }
    QString statusClause;
    if (status) {
        statusClause = QStringLiteral(" AND status = ?");
        values.append(requestStatusName(*status));
    }
    values.append(limit);
    if (!sql::exec(q,
                   u"SELECT " + columns + u" FROM requests WHERE opened_at >= ? AND opened_at < ?" +
                       typeClause + statusClause + u" ORDER BY opened_at DESC LIMIT ?",
                   values))
        return result;
    while (q.next())
        result.append(requestFrom(q));
    return result;
}

QList<ServiceRequest> RequestRepository::openNear(const QString &serviceCode, double latitude,
                                                  double longitude, int radiusMeters,
                                                  const QDateTime &since) const
{
    QList<ServiceRequest> result;
    if (radiusMeters <= 0)
        return result;
    // A bounding box (from the R*Tree on SQLite, from the latitude/longitude index on
    // PostgreSQL), then the exact distance.
    const double dLat = radiusMeters / 111320.0;
    const double dLon = radiusMeters / (111320.0 * std::max(0.01, std::cos(latitude * M_PI / 180)));
    const QString box = m_dialect == Dialect::Postgres
                            ? QStringLiteral("latitude >= ? AND latitude <= ? AND longitude >= ? "
                                             "AND longitude <= ?")
                            : QStringLiteral("rowid IN (SELECT id FROM requests_rtree WHERE "
                                             "max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND "
                                             "min_lon <= ?)");
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + columns + u" FROM requests WHERE " + box +
                       u" AND service_code = ? AND status != 'closed' AND opened_at >= ?",
                   {latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon,
                    serviceCode, since.toSecsSinceEpoch()}))
        return result;
    QList<std::pair<double, ServiceRequest>> found;
    while (q.next()) {
        ServiceRequest r = requestFrom(q);
        const double d =
            distanceMeters(latitude, longitude, r.latitude.value_or(0), r.longitude.value_or(0));
        if (d <= radiusMeters)
            found.append({d, std::move(r)});
    }
    std::sort(found.begin(), found.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    for (auto &[distance, request] : found)
        result.append(std::move(request));
    return result;
}

std::optional<ServiceRequest> RequestRepository::byNumber(const QString &number) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT " + columns + u" FROM requests WHERE number = ?", {number}) &&
        q.next())
        return requestFrom(q);
    return std::nullopt;
}

} // namespace civicdesk

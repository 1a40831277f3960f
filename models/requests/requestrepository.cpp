#include "models/requests/requestrepository.h"

#include "models/domain/place.h"
#include "models/requests/requestrow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <cmath>

namespace civicdesk {

namespace {

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
    if (sql::exec(q, u"SELECT " + requestrow::columns() + u" FROM requests WHERE id = ?", {id}) &&
        q.next())
        return requestrow::from(q);
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
                   u"SELECT " + requestrow::columns() +
                       u" FROM requests WHERE opened_at >= ? AND opened_at < ?" + typeClause +
                       statusClause + u" ORDER BY opened_at DESC LIMIT ?",
                   values))
        return result;
    while (q.next())
        result.append(requestrow::from(q));
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
                   u"SELECT " + requestrow::columns() + u" FROM requests WHERE " + box +
                       u" AND service_code = ? AND status != 'closed' AND opened_at >= ?",
                   {latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon,
                    serviceCode, since.toSecsSinceEpoch()}))
        return result;
    QList<std::pair<double, ServiceRequest>> found;
    while (q.next()) {
        ServiceRequest r = requestrow::from(q);
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
    if (sql::exec(q, u"SELECT " + requestrow::columns() + u" FROM requests WHERE number = ?",
                  {number}) &&
        q.next())
        return requestrow::from(q);
    return std::nullopt;
}

} // namespace civicdesk

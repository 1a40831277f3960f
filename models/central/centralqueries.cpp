#include "models/central/centralqueries.h"

#include "models/requests/callerrow.h"
#include "models/requests/requestrow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QHash>
#include <QtMath>

namespace civicdesk {

namespace {

constexpr double EarthRadiusMetres = 6371000.0;

double distanceMetres(double lat1, double lon1, double lat2, double lon2)
{
    const double p1 = qDegreesToRadians(lat1), p2 = qDegreesToRadians(lat2);
    const double dp = p2 - p1, dl = qDegreesToRadians(lon2 - lon1);
    const double a =
        qSin(dp / 2) * qSin(dp / 2) + qCos(p1) * qCos(p2) * qSin(dl / 2) * qSin(dl / 2);
    return 2 * EarthRadiusMetres * qAsin(qSqrt(a));
}

} // namespace

CentralQueries::CentralQueries(Database &database) : m_database(database) {}

Result<QList<RequestWithCallers>>
CentralQueries::select(const QString &where, const QVariantList &values, int limit) const
{
    QList<RequestWithCallers> list;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    QVariantList binds = values;
    binds.append(limit);
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT %1 FROM requests r WHERE %2 ORDER BY r.opened_at "
                                          "DESC, r.id LIMIT ?")
                               .arg(requestrow::columns(QStringLiteral("r.")), where),
                           binds);
        !s)
        return s.error();
    while (query.next())
        list.append(RequestWithCallers{requestrow::from(query), {}});
    attachCallers(list);
    return list;
}

void CentralQueries::attachCallers(QList<RequestWithCallers> &list) const
{
    if (list.isEmpty())
        return;
    // Every caller of every request in one query: the requester named on the request and the
    // callers attached to it later.
    QHash<QString, qsizetype> rowOf;
    QVariantList ids;
    for (qsizetype i = 0; i < list.size(); ++i) {
        rowOf.insert(list.at(i).request.id, i);
        ids.append(list.at(i).request.id);
    }
    const QString marks = QStringList(ids.size(), QStringLiteral("?")).join(u", ");
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    if (!sql::exec(query,
                   QStringLiteral("SELECT link.request_id, c.id, c.name, c.phone, c.email, "
                                  "c.language, c.preference FROM (SELECT id AS request_id, "
                                  "caller_id FROM requests WHERE caller_id IS NOT NULL AND id IN "
                                  "(%1) UNION SELECT request_id, caller_id FROM request_callers "
                                  "WHERE request_id IN (%1)) link JOIN callers c ON c.id = "
                                  "link.caller_id ORDER BY link.request_id, c.id")
                       .arg(marks),
                   ids + ids))
        return;
    while (query.next()) {
        const auto row = rowOf.constFind(query.value(0).toString());
        if (row != rowOf.cend())
            list[*row].callers.append(callerrow::from(query, 1));
    }
}

Result<QList<RequestWithCallers>> CentralQueries::byNumber(const QString &number) const
{
    return select(QStringLiteral("r.number = ?"), {number.trimmed().toUpper()}, 1);
}

Result<QList<RequestWithCallers>> CentralQueries::byPhone(const QString &phone, int limit) const
{
    const QString normalized = Caller::normalizePhone(phone);
    return select(QStringLiteral("r.caller_id IN (SELECT id FROM callers WHERE phone = ?) OR r.id "
                                 "IN (SELECT rc.request_id FROM request_callers rc JOIN callers c "
                                 "ON c.id = rc.caller_id WHERE c.phone = ?)"),
                  {normalized, normalized}, limit);
}

Result<QList<RequestWithCallers>> CentralQueries::byEmail(const QString &email, int limit) const
{
    const QString normalized = Caller::normalizeEmail(email);
    return select(QStringLiteral("r.caller_id IN (SELECT id FROM callers WHERE email = ?) OR r.id "
                                 "IN (SELECT rc.request_id FROM request_callers rc JOIN callers c "
                                 "ON c.id = rc.caller_id WHERE c.email = ?)"),
                  {normalized, normalized}, limit);
}

Result<QList<RequestWithCallers>> CentralQueries::byAddress(const QString &address, int limit) const
{
    return select(QStringLiteral("UPPER(r.address) = UPPER(?)"), {address.trimmed()}, limit);
}

Result<QList<RequestWithCallers>> CentralQueries::near(double latitude, double longitude,
                                                       double radiusMetres, int limit) const
{
    // A bounding box narrows the rows with plain indexes on both dialects; the exact distance
    // is checked here.
    const double dLat = qRadiansToDegrees(radiusMetres / EarthRadiusMetres);
    const double dLon = dLat / qMax(0.01, qCos(qDegreesToRadians(latitude)));
    auto box =
        select(QStringLiteral("r.latitude BETWEEN ? AND ? AND r.longitude BETWEEN ? AND ?"),
               {latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon}, limit * 4);
    if (!box)
        return box.error();
    QList<RequestWithCallers> within;
    for (const RequestWithCallers &entry : box.value()) {
        const ServiceRequest &r = entry.request;
        if (r.latitude && r.longitude &&
            distanceMetres(latitude, longitude, *r.latitude, *r.longitude) <= radiusMetres)
            within.append(entry);
        if (within.size() == limit)
            break;
    }
    return within;
}

std::optional<RequestWithCallers> CentralQueries::one(const QString &idOrNumber) const
{
    auto found = select(QStringLiteral("r.id = ? OR r.number = ?"),
                        {idOrNumber, idOrNumber.trimmed().toUpper()}, 1);
    if (!found || found.value().isEmpty())
        return std::nullopt;
    return found.value().first();
}

} // namespace civicdesk

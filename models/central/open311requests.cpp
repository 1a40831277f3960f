#include "models/central/open311requests.h"

#include "models/requests/requestrow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

Open311Requests::Open311Requests(Database &database) : m_database(database) {}

Result<QList<ServiceRequest>> Open311Requests::list(const Open311Filter &filter) const
{
    QVariantList values{filter.from.toSecsSinceEpoch(), filter.to.toSecsSinceEpoch()};
    QString where = QStringLiteral("opened_at >= ? AND opened_at <= ?");
    if (!filter.serviceCodes.isEmpty()) {
        where += u" AND service_code IN (" +
                 QStringList(filter.serviceCodes.size(), QStringLiteral("?")).join(u", ") + u')';
        for (const QString &code : filter.serviceCodes)
            values.append(code);
    }
    const bool open = filter.statuses.contains(u"open");
    const bool closed = filter.statuses.contains(u"closed");
    if (open != closed)
        where += open ? QStringLiteral(" AND status <> 'closed'")
                      : QStringLiteral(" AND status = 'closed'");
    values.append(filter.pageSize);
    values.append(qint64(filter.page - 1) * filter.pageSize);
    QList<ServiceRequest> result;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT %1 FROM requests WHERE %2 ORDER BY opened_at "
                                          "DESC, id DESC LIMIT ? OFFSET ?")
                               .arg(requestrow::columns(), where),
                           values);
        !s)
        return s.error();
    while (query.next())
        result.append(requestrow::from(query));
    return result;
}

Result<QList<RequestUpdate>> Open311Requests::updates(const QDateTime &from, const QDateTime &to,
                                                      const QString &number, int limit) const
{
    QVariantList values{from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch()};
    QString where;
    if (!number.isEmpty()) {
        where = QStringLiteral(" AND r.number = ?");
        values.append(number);
    }
    values.append(limit);
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    query.setForwardOnly(true);
    if (auto s = sql::exec(
            query,
            QStringLiteral("SELECT e.id, r.number, e.kind, e.payload, e.client_time, r.status FROM "
                           "events e JOIN requests r ON r.id = e.entity_id WHERE e.entity_type = "
                           "'request' AND e.kind IN ('request.status_changed', "
                           "'request.note_added') AND e.client_time >= ? AND e.client_time <= ?%1 "
                           "ORDER BY e.client_time DESC, e.id LIMIT ?")
                .arg(where),
            values);
        !s)
        return s.error();
    QList<RequestUpdate> list;
    while (query.next()) {
        const QJsonObject payload =
            QJsonDocument::fromJson(query.value(3).toString().toUtf8()).object();
        RequestUpdate update;
        update.updateId = query.value(0).toString();
        update.requestNumber = query.value(1).toString();
        update.at = QDateTime::fromMSecsSinceEpoch(query.value(4).toLongLong(), Qt::UTC);
        if (query.value(2).toString() == u"request.note_added") {
            // Internal notes may name people; only notes marked public leave the building.
            if (!payload.value(u"public").toBool())
                continue;
            update.description = payload.value(u"text").toString();
            update.status = query.value(5).toString() == u"closed" ? QStringLiteral("closed")
                                                                   : QStringLiteral("open");
        } else {
            const QString status = payload.value(u"status").toString();
            update.status = status == u"closed" ? QStringLiteral("closed") : QStringLiteral("open");
            const QString reason = payload.value(u"closure_reason").toString();
            update.description =
                status == u"closed"
                    ? (reason.isEmpty()
                           ? QCoreApplication::translate("Open311", "Closed.")
                           : QCoreApplication::translate("Open311", "Closed: %1").arg(reason))
                : status == u"in_progress"
                    ? QCoreApplication::translate("Open311", "Work is in progress.")
                    : QCoreApplication::translate("Open311", "Reopened.");
        }
        list.append(update);
    }
    return list;
}

std::optional<QString> Open311Requests::numberForToken(const QString &eventId) const
{
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    if (!sql::exec(query,
                   QStringLiteral("SELECT r.number FROM events e JOIN requests r ON r.id = "
                                  "e.entity_id WHERE e.id = ? AND e.kind = 'request.created'"),
                   {eventId}) ||
        !query.next())
        return std::nullopt;
    return query.value(0).toString();
}

} // namespace civicdesk

#include "models/store/delivery.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QSqlQuery>

namespace civicdesk {

DeliveryReader::DeliveryReader(const Database &database) : m_database(database) {}

Delivery DeliveryReader::deliveryOf(const QString &entityType, const QString &entityId) const
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    Delivery delivery;
    QSqlQuery query(db);
    if (sql::exec(query,
                  QStringLiteral("SELECT o.event_id, o.rejected_message, o.rejected_field FROM "
                                 "outbox o JOIN events e ON e.id = o.event_id WHERE "
                                 "e.entity_type = ? AND e.entity_id = ? AND o.rejected_code IS "
                                 "NOT NULL AND o.resolved_by IS NULL ORDER BY e.seq DESC LIMIT 1"),
                  {entityType, entityId}) &&
        query.next()) {
        delivery.state = DeliveryState::Rejected;
        delivery.rejectedId = query.value(0).toString();
        delivery.reason = query.value(1).toString();
        if (!query.value(2).toString().isEmpty())
            delivery.reason += QStringLiteral(" (%1)").arg(query.value(2).toString());
    }
    delivery.waiting = sql::count(db,
                                  QStringLiteral("SELECT count(*) FROM outbox o JOIN events e ON "
                                                 "e.id = o.event_id WHERE e.entity_type = ? AND "
                                                 "e.entity_id = ? AND o.rejected_code IS NULL"),
                                  {entityType, entityId});
    if (delivery.state == DeliveryState::Rejected)
        return delivery;
    if (delivery.waiting > 0) {
        delivery.state = DeliveryState::Local;
        return delivery;
    }
    const int central = sql::count(db,
                                   QStringLiteral("SELECT count(*) FROM events WHERE entity_type = "
                                                  "? AND entity_id = ? AND server_seq IS NOT NULL"),
                                   {entityType, entityId});
    if (central > 0) {
        delivery.state = DeliveryState::Central;
        return delivery;
    }
    const int events =
        sql::count(db,
                   QStringLiteral("SELECT count(*) FROM events WHERE entity_type = ? "
                                  "AND entity_id = ?"),
                   {entityType, entityId});
    delivery.state = events > 0 ? DeliveryState::Local : DeliveryState::Imported;
    return delivery;
}

} // namespace civicdesk

#include "models/store/latestevents.h"

#include "models/store/eventrow.h"
#include "models/store/sql/sql.h"

namespace civicdesk::latestevents {

Result<QMap<QString, Event>> read(const QString &connection, const QString &entityType,
                                  const QStringList &kinds, Order order, const IdRange &ids)
{
    QMap<QString, Event> latest;
    if (kinds.isEmpty())
        return latest;
    QString statement = u"SELECT " + eventrow::columns() +
                        u" FROM events WHERE entity_type = ? AND kind IN (" +
                        QStringList(kinds.size(), QStringLiteral("?")).join(u',') + u')';
    QVariantList values = {entityType};
    for (const QString &kind : kinds)
        values.append(kind);
    if (!ids.from.isEmpty() && ids.until.isEmpty()) {
        statement += u" AND entity_id = ?";
        values.append(ids.from);
    } else if (!ids.from.isEmpty()) {
        statement += u" AND entity_id >= ? AND entity_id < ?";
        values.append(ids.from);
        values.append(ids.until);
    }
    // Oldest first: the last event read of each entity is the one that stays.
    statement += order == Order::ClientTime ? QStringLiteral(" ORDER BY client_time, seq")
                                            : QStringLiteral(" ORDER BY seq");
    QSqlQuery q(QSqlDatabase::database(connection));
    q.setForwardOnly(true);
    if (auto s = sql::exec(q, statement, values); !s)
        return s.error();
    while (q.next()) {
        Event event = eventrow::read(q);
        latest.insert(event.entityId, std::move(event));
    }
    return latest;
}

} // namespace civicdesk::latestevents

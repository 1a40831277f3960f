#include "models/domain/event.h"

#include <QUuid>

namespace civicdesk {

QString Event::newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Event Event::make(QString entityType, QString entityId, QString kind, QJsonObject payload,
                  QString actor, QString device, QDateTime clientTime)
{
    return Event{newId(),           std::move(entityType), std::move(entityId),
                 std::move(kind),   std::move(payload),    std::move(actor),
                 std::move(device), std::move(clientTime)};
}

} // namespace civicdesk

#pragma once

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QJsonObject>

namespace civicdesk {

// The wire form of an event in the sync API (see app/server/API.md): times in milliseconds
// since the epoch, `seq` once the central store has accepted it.
QJsonObject eventToJson(const Event &event, qint64 seq = 0);

struct DecodedEvent
{
    Event event;
    qint64 seq = 0;
};

// Checks types and presence of every member; the error's code is "validation" and its message
// names the member (which is also returned in `field`).
Result<DecodedEvent> eventFromJson(const QJsonObject &json, QString *field = nullptr);

} // namespace civicdesk

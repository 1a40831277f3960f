#pragma once

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QJsonObject>

namespace civicdesk {

// The wire form of an event in the sync API (see app/server/API.md): times in milliseconds
// since the epoch, `seq` once the central store has accepted it.
QJsonObject eventToJson(const Event &event, qint64 seq = 0);

// The one family of sync wire types, read and written by the workstation's sync and the central
// store alike.
//
// An event with its global sequence number, as the central store keeps and sends it.
struct SequencedEvent
{
    Event event;
    qint64 seq = 0;
};

// The central store's reason for refusing one pushed event.
struct EventRejection
{
    QString id;
    QString code; // validation, forbidden, conflict
    QString message;
    QString field;
};

// Checks types and presence of every member; the error's code is "validation" and its message
// names the member (which is also returned in `field`).
Result<SequencedEvent> eventFromJson(const QJsonObject &json, QString *field = nullptr);

} // namespace civicdesk

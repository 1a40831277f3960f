#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace civicdesk {

// An immutable change: the unit of the event log, of sync, and of every timeline.
struct Event
{
    QString id;         // UUID made by the client
    QString entityType; // request, contact, caller, article
    QString entityId;
    QString kind; // e.g. request.created, request.status_changed, contact.ended
    QJsonObject payload;
    QString actor;  // agent user name
    QString device; // workstation device code
    QDateTime clientTime;

    // A new event with a fresh UUID and the given time.
    static Event make(QString entityType, QString entityId, QString kind, QJsonObject payload,
                      QString actor, QString device, QDateTime clientTime);
    static QString newId();
};

} // namespace civicdesk

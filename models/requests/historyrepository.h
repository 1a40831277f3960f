#pragma once

#include "models/domain/caller.h"
#include "models/requests/historyentry.h"

#include <QList>

namespace civicdesk {

class Database;

// The three views that follow a contact: the caller's past contacts and requests, requests at
// and near a location, and an agent's own recent contacts.
//
// A contact is linked to the requests made or joined during it through the event log: on one
// workstation, request events between a contact's start and end belong to that contact.
class HistoryRepository
{
public:
    static constexpr int DefaultRadiusMeters = 150;

    explicit HistoryRepository(const Database &database);

    // Requests the caller reported or was attached to, and the caller's contacts, newest first.
    QList<HistoryEntry> forCaller(const QString &callerId, int limit = 200) const;
    // The caller's normalised phone number (empty when unknown or none).
    QString phoneOf(const QString &callerId) const;
    // Requests at `address` first, then within the radius of the point; open before in progress
    // before closed; newest first within each.
    QList<HistoryEntry> nearLocation(double latitude, double longitude, const QString &address,
                                     int radiusMeters = DefaultRadiusMeters, int limit = 200) const;
    // The agent's contacts, newest first.
    QList<HistoryEntry> forAgent(const QString &agent, int limit = 100) const;
    // Everyone attached to a request: its reporter first, then the callers who joined it.
    QList<Caller> callersOf(const QString &requestId) const;
    // One contact with the requests made during it and the call it was taken on (telephony:
    // call id, numbers, times, end cause), or nothing for an unknown id.
    std::optional<HistoryEntry> contactEntry(const QString &contactId) const;

private:
    // Request ids made or joined during a contact, in event order.
    QStringList requestIdsOfContact(const QString &contactId) const;
    // The contact that was running on `device` when event `seq` was written, if any.
    QString contactAround(const QString &device, qint64 seq) const;

    QString m_connection;
};

} // namespace civicdesk

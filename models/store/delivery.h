#pragma once

#include <QString>

namespace civicdesk {

class Database;

// Where a request's (or any entity's) changes are: only on this workstation, in the central
// store, refused by the server, or only ever from the city's records.
enum class DeliveryState
{
    Local,
    Central,
    Rejected,
    Imported
};

struct Delivery
{
    DeliveryState state = DeliveryState::Local;
    int waiting = 0;    // changes not yet acknowledged
    QString reason;     // the server's message when rejected
    QString rejectedId; // the rejected event, for a corrected resend
};

// Reads an entity's delivery from the event log and its outbox. The composition root builds it
// (HistoryServices::delivery) and the widgets that show it are handed it.
class DeliveryReader
{
public:
    explicit DeliveryReader(const Database &database);

    Delivery deliveryOf(const QString &entityType, const QString &entityId) const;

private:
    const Database &m_database;
};

} // namespace civicdesk

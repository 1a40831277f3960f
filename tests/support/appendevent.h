#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace civicdesk {
class Database;
class EventStore;
} // namespace civicdesk

namespace civicdesk::test {

// Appends one event as a workstation writes it (`actor` on `device`, at `at`) and fails the
// running test with the store's reason when the store refuses it. A suite's own helpers
// ("a contact", "a request") are built on it.
void appendEvent(EventStore &events, const QString &type, const QString &id, const QString &kind,
                 const QJsonObject &payload, const QString &actor, const QString &device,
                 const QDateTime &at);
// The same through an event log opened on `db` for this one event.
void appendEvent(Database &db, const QString &type, const QString &id, const QString &kind,
                 const QJsonObject &payload, const QString &actor, const QString &device,
                 const QDateTime &at);

// A contact as intake writes it: started on `channel` at `start` and, when `outcome` is not
// empty, ended with that outcome `minutes` later.
void appendContact(EventStore &events, const QString &id, const QString &agent,
                   const QString &device, const QString &channel, const QDateTime &start,
                   const QString &outcome, int minutes);

} // namespace civicdesk::test

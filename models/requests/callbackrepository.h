#pragma once

#include "models/requests/callbackentry.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// Callbacks promised to callers (the request_callbacks projection): the pending ones across
// the centre, soonest first, for the callbacks list; a request's own, for its detail.
class CallbackRepository
{
public:
    explicit CallbackRepository(const Database &database);

    // Pending callbacks, the earliest due first (overdue ones lead).
    QList<CallbackEntry> pending(int limit = 500) const;
    // Pending callbacks due before `until` (overdue and due soon), for counting.
    int pendingDueBefore(const QDateTime &until) const;
    // A request's callbacks, pending and done, in due order.
    QList<CallbackEntry> forRequest(const QString &requestId) const;
    std::optional<CallbackEntry> byId(const QString &callbackId) const;

private:
    QList<CallbackEntry> select(const QString &where, const QVariantList &values) const;
    QString m_connection;
};

} // namespace civicdesk

#include "models/requests/callbackrepository.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

namespace {

QDateTime fromMs(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

} // namespace

CallbackRepository::CallbackRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

QList<CallbackEntry> CallbackRepository::select(const QString &where,
                                                const QVariantList &values) const
{
    QList<CallbackEntry> entries;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   u"SELECT c.id, c.request_id, c.request_number, COALESCE(r.type_name, ''), "
                   u"COALESCE(r.address, ''), COALESCE(r.status, 'open'), c.caller_id, "
                   u"c.caller_name, c.phone, c.due_at, c.note, c.scheduled_by, c.scheduled_at, "
                   u"c.done_at, COALESCE(c.done_by, ''), COALESCE(c.outcome, ''), "
                   u"COALESCE(c.done_note, ''), COALESCE(r.service_code, '') FROM "
                   u"request_callbacks c LEFT JOIN requests r ON "
                   u"r.id = c.request_id " +
                       where,
                   values))
        return entries;
    while (q.next()) {
        CallbackEntry e;
        e.id = q.value(0).toString();
        e.requestId = q.value(1).toString();
        e.requestNumber = q.value(2).toString();
        e.typeName = q.value(3).toString();
        e.address = q.value(4).toString();
        e.requestStatus =
            requestStatusFromName(q.value(5).toString()).value_or(RequestStatus::Open);
        e.callerId = q.value(6).toString();
        e.callerName = q.value(7).toString();
        e.phone = q.value(8).toString();
        e.dueAt = fromMs(q.value(9));
        e.note = q.value(10).toString();
        e.scheduledBy = q.value(11).toString();
        e.scheduledAt = fromMs(q.value(12));
        e.doneAt = fromMs(q.value(13));
        e.doneBy = q.value(14).toString();
        e.outcome = q.value(15).toString();
        e.doneNote = q.value(16).toString();
        e.serviceCode = q.value(17).toString();
        entries.append(e);
    }
    return entries;
}

QList<CallbackEntry> CallbackRepository::pending(int limit) const
{
    return select(QStringLiteral("WHERE c.done_at IS NULL ORDER BY c.due_at, c.id LIMIT ?"),
                  {limit});
}

int CallbackRepository::pendingDueBefore(const QDateTime &until) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q,
                  QStringLiteral("SELECT count(*) FROM request_callbacks WHERE done_at IS NULL "
                                 "AND due_at < ?"),
                  {until.toMSecsSinceEpoch()}) &&
        q.next())
        return q.value(0).toInt();
    return 0;
}

QList<CallbackEntry> CallbackRepository::forRequest(const QString &requestId) const
{
    return select(QStringLiteral("WHERE c.request_id = ? ORDER BY c.due_at, c.id"), {requestId});
}

std::optional<CallbackEntry> CallbackRepository::byId(const QString &callbackId) const
{
    const QList<CallbackEntry> found = select(QStringLiteral("WHERE c.id = ?"), {callbackId});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

} // namespace civicdesk

#include "models/requests/requesttimeline.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {

QString valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble())
        return QString::number(value.toDouble());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return {};
}

// The imported row's own moments: opened, the target date, closed.
QList<TimelineEntry> synthesized(const ServiceRequest &r)
{
    QList<TimelineEntry> entries;
    TimelineEntry opened;
    opened.kind = TimelineEntry::Kind::Created;
    opened.time = r.openedAt;
    opened.channel = r.channel;
    opened.imported = true;
    entries.append(opened);
    if (r.dueAt.isValid()) {
        TimelineEntry target;
        target.kind = TimelineEntry::Kind::TargetSet;
        target.time = r.openedAt;
        target.after = r.dueAt.toString(Qt::ISODate);
        target.imported = true;
        entries.append(target);
    }
    if (r.status == RequestStatus::Closed) {
        TimelineEntry closed;
        closed.kind = TimelineEntry::Kind::Closed;
        closed.time = r.closedAt.isValid() ? r.closedAt : r.openedAt;
        closed.status = RequestStatus::Closed;
        closed.closureReason = r.closureReason;
        closed.imported = true;
        entries.append(closed);
    }
    return entries;
}

} // namespace

RequestTimeline::RequestTimeline(const Database &database) : m_connection(database.connectionName())
{
}

QString RequestTimeline::callerName(const QString &callerId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (callerId.isEmpty() ||
        !sql::exec(q, QStringLiteral("SELECT name, phone, email FROM callers WHERE id = ?"),
                   {callerId}) ||
        !q.next())
        return {};
    for (int i = 0; i < 3; ++i) {
        if (!q.value(i).toString().isEmpty())
            return q.value(i).toString();
    }
    return {};
}

QList<TimelineEntry> RequestTimeline::forRequest(const ServiceRequest &request, bool imported) const
{
    QList<TimelineEntry> entries = imported ? synthesized(request) : QList<TimelineEntry>();
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // The request's own events, and the link events of its duplicates (written on them).
    if (!sql::exec(q,
                   QStringLiteral("SELECT kind, payload, actor, device, client_time, entity_id, "
                                  "seq FROM events WHERE entity_type = 'request' AND entity_id = "
                                  "? UNION ALL SELECT e.kind, e.payload, e.actor, e.device, "
                                  "e.client_time, e.entity_id, e.seq FROM request_related_events "
                                  "r JOIN events e ON e.id = r.event_id WHERE r.request_id = ? "
                                  "ORDER BY seq"),
                   {request.id, request.id}))
        return entries;
    // Replaying the log gives each change its "before", even when the event only says "after".
    QHash<QString, QString> fields;
    RequestStatus status = imported ? request.status : RequestStatus::Open;
    if (imported) {
        fields.insert(QStringLiteral("description"), request.description);
        fields.insert(QStringLiteral("address"), request.address);
        fields.insert(QStringLiteral("type_name"), request.typeName);
        fields.insert(QStringLiteral("service_code"), request.serviceCode);
        fields.insert(QStringLiteral("neighborhood"), request.neighborhood);
        fields.insert(QStringLiteral("department_code"), request.departmentCode);
    }
    while (q.next()) {
        const QString kind = q.value(0).toString();
        const QJsonObject p = QJsonDocument::fromJson(q.value(1).toByteArray()).object();
        TimelineEntry e;
        e.actor = q.value(2).toString();
        e.device = q.value(3).toString();
        e.time = QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC);
        e.channel = p.value(u"channel").toString();
        if (kind == u"request.created") {
            e.kind = TimelineEntry::Kind::Created;
            for (auto it = p.begin(); it != p.end(); ++it)
                fields.insert(it.key(), valueText(it.value()));
            e.callerId = p.value(u"caller_id").toString();
        } else if (kind == u"request.field_changed") {
            e.kind = TimelineEntry::Kind::FieldChanged;
            e.field = p.value(u"field").toString();
            e.after = valueText(p.value(u"after"));
            e.before =
                p.contains(u"before") ? valueText(p.value(u"before")) : fields.value(e.field);
            fields.insert(e.field, e.after);
        } else if (kind == u"request.status_changed") {
            e.kind = TimelineEntry::Kind::StatusChanged;
            e.previousStatus = status;
            e.status = requestStatusFromName(p.value(u"status").toString()).value_or(status);
            e.closureReason = p.value(u"closure_reason").toString();
            status = e.status;
        } else if (kind == u"request.note_added") {
            e.kind = TimelineEntry::Kind::NoteAdded;
            e.text = p.value(u"text").toString();
            e.isPublic = p.value(u"public").toBool();
        } else if (kind == u"request.caller_attached") {
            e.kind = TimelineEntry::Kind::CallerAttached;
            e.callerId = p.value(u"caller_id").toString();
        } else if (kind == u"request.duplicate_linked" || kind == u"request.duplicate_unlinked") {
            e.kind = kind == u"request.duplicate_linked" ? TimelineEntry::Kind::DuplicateLinked
                                                         : TimelineEntry::Kind::DuplicateUnlinked;
            e.asParent = q.value(5).toString() != request.id;
            e.relatedId = e.asParent ? q.value(5).toString() : p.value(u"parent_id").toString();
            e.relatedNumber =
                e.asParent ? p.value(u"number").toString() : p.value(u"parent_number").toString();
        } else if (kind == u"request.callback_scheduled") {
            e.kind = TimelineEntry::Kind::CallbackScheduled;
            e.callbackId = p.value(u"callback_id").toString();
            e.dueAt = QDateTime::fromString(p.value(u"due_at").toString(), Qt::ISODateWithMs);
            e.text = p.value(u"note").toString();
            e.callerId = p.value(u"caller_id").toString();
            e.callerName = p.value(u"caller_name").toString();
            e.phone = p.value(u"phone").toString();
        } else if (kind == u"request.callback_done") {
            e.kind = TimelineEntry::Kind::CallbackDone;
            e.callbackId = p.value(u"callback_id").toString();
            e.outcome = p.value(u"outcome").toString();
            e.text = p.value(u"note").toString();
        } else {
            continue;
        }
        entries.append(e);
    }
    for (TimelineEntry &e : entries) {
        if (!e.callerId.isEmpty() && e.callerName.isEmpty())
            e.callerName = callerName(e.callerId);
    }
    return entries;
}

std::optional<TimelineEntry> RequestTimeline::latestPublicNote(const ServiceRequest &request,
                                                               bool imported) const
{
    const QList<TimelineEntry> entries = forRequest(request, imported);
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->kind == TimelineEntry::Kind::NoteAdded && it->isPublic)
            return *it;
        // The city's closure text is what it told the public.
        if (it->kind == TimelineEntry::Kind::Closed && !it->closureReason.isEmpty()) {
            TimelineEntry note = *it;
            note.kind = TimelineEntry::Kind::NoteAdded;
            note.text = it->closureReason;
            note.isPublic = true;
            return note;
        }
    }
    return std::nullopt;
}

} // namespace civicdesk

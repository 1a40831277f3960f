#include "models/store/projections/requestlinkprojection.h"

#include "models/store/projections/payload.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>

namespace civicdesk::requestlinkprojection {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

using projection::invalid;
using projection::str;

const QString DuplicateLinked = QStringLiteral("request.duplicate_linked");
const QString DuplicateUnlinked = QStringLiteral("request.duplicate_unlinked");
const QString CallbackScheduled = QStringLiteral("request.callback_scheduled");
const QString CallbackDone = QStringLiteral("request.callback_done");

// The first of `keys` missing from the payload, if any.
std::optional<QString> missing(const Event &event, std::initializer_list<const char16_t *> keys)
{
    for (const char16_t *key : keys) {
        if (str(event, key).trimmed().isEmpty())
            return QString::fromUtf16(key);
    }
    return std::nullopt;
}

QDateTime dueOf(const Event &event)
{
    return QDateTime::fromString(str(event, u"due_at"), Qt::ISODateWithMs);
}

Status listUnderParent(QSqlQuery &query, const Event &e)
{
    return sql::exec(query,
                     QStringLiteral("INSERT INTO request_related_events(request_id, event_id) "
                                    "VALUES(?, ?) ON CONFLICT(request_id, event_id) DO NOTHING"),
                     {str(e, u"parent_id"), e.id});
}

} // namespace

bool handles(const Event &event)
{
    return event.kind == DuplicateLinked || event.kind == DuplicateUnlinked ||
           event.kind == CallbackScheduled || event.kind == CallbackDone;
}

const QStringList &callbackOutcomes()
{
    static const QStringList outcomes = {QStringLiteral("reached"), QStringLiteral("left_message"),
                                         QStringLiteral("no_answer"), QStringLiteral("not_needed")};
    return outcomes;
}

Status validate(const Event &e)
{
    if (e.kind == DuplicateLinked || e.kind == DuplicateUnlinked) {
        if (auto field = missing(e, {u"number", u"parent_id", u"parent_number"}))
            return invalid(e, *field, ProjectionText::tr("is required"));
        if (str(e, u"parent_id") == e.entityId)
            return invalid(e, QStringLiteral("parent_id"),
                           ProjectionText::tr("names the request itself"));
        return Ok{};
    }
    if (e.kind == CallbackScheduled) {
        if (auto field = missing(e, {u"callback_id", u"number", u"phone"}))
            return invalid(e, *field, ProjectionText::tr("is required"));
        if (!dueOf(e).isValid())
            return invalid(e, QStringLiteral("due_at"),
                           ProjectionText::tr("is not an ISO 8601 time"));
        return Ok{};
    }
    if (e.kind == CallbackDone) {
        if (auto field = missing(e, {u"callback_id", u"number"}))
            return invalid(e, *field, ProjectionText::tr("is required"));
        if (!callbackOutcomes().contains(str(e, u"outcome")))
            return invalid(e, QStringLiteral("outcome"),
                           ProjectionText::tr("must be one of %1")
                               .arg(callbackOutcomes().join(QStringLiteral(", "))));
        return Ok{};
    }
    return invalid(e, QStringLiteral("kind"), ProjectionText::tr("is not a link event"));
}

Status apply(QSqlDatabase &db, const Event &e)
{
    QSqlQuery query(db);
    const qint64 atMs = e.clientTime.toMSecsSinceEpoch();
    Status s = sql::exec(query, QStringLiteral("UPDATE requests SET updated_at = ? WHERE id = ?"),
                         {e.clientTime.toSecsSinceEpoch(), e.entityId});
    if (!s)
        return s;
    if (e.kind == DuplicateLinked) {
        s = sql::exec(
            query,
            QStringLiteral("INSERT INTO request_duplicates(duplicate_id, duplicate_number, "
                           "parent_id, parent_number, linked_by, linked_at) VALUES(?, ?, ?, ?, "
                           "?, ?) ON CONFLICT(duplicate_id) DO UPDATE SET duplicate_number = "
                           "excluded.duplicate_number, parent_id = excluded.parent_id, "
                           "parent_number = excluded.parent_number, linked_by = "
                           "excluded.linked_by, linked_at = excluded.linked_at"),
            {e.entityId, str(e, u"number"), str(e, u"parent_id"), str(e, u"parent_number"), e.actor,
             atMs});
        return s ? listUnderParent(query, e) : s;
    }
    if (e.kind == DuplicateUnlinked) {
        s = sql::exec(query,
                      QStringLiteral("DELETE FROM request_duplicates WHERE duplicate_id = ? AND "
                                     "parent_id = ?"),
                      {e.entityId, str(e, u"parent_id")});
        return s ? listUnderParent(query, e) : s;
    }
    if (e.kind == CallbackScheduled)
        return sql::exec(
            query,
            QStringLiteral("INSERT INTO request_callbacks(id, request_id, request_number, "
                           "caller_id, caller_name, phone, due_at, note, scheduled_by, "
                           "scheduled_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {str(e, u"callback_id"), e.entityId, str(e, u"number"),
             sql::nullable(str(e, u"caller_id")), sql::text(str(e, u"caller_name")),
             str(e, u"phone"), dueOf(e).toMSecsSinceEpoch(), sql::text(str(e, u"note")), e.actor,
             atMs});
    if (e.kind == CallbackDone)
        return sql::exec(query,
                         QStringLiteral("UPDATE request_callbacks SET done_at = ?, done_by = ?, "
                                        "outcome = ?, done_note = ? WHERE id = ? AND "
                                        "request_id = ?"),
                         {atMs, e.actor, str(e, u"outcome"), sql::text(str(e, u"note")),
                          str(e, u"callback_id"), e.entityId});
    return invalid(e, QStringLiteral("kind"), ProjectionText::tr("is not a link event"));
}

} // namespace civicdesk::requestlinkprojection

#include "models/store/projections/knownissueprojection.h"

#include "models/domain/supervision/knownissue.h"
#include "models/store/projections/payload.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>

namespace civicdesk::knownissueprojection {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

} // namespace

using projection::invalid;
using projection::str;

bool handles(const Event &event)
{
    return event.kind == u"known_issue.posted" || event.kind == u"known_issue.withdrawn";
}

Status validate(const Event &e)
{
    if (e.entityType != u"known_issue")
        return invalid(e, QStringLiteral("entity_type"), ProjectionText::tr("must be known_issue"));
    if (e.kind == u"known_issue.posted") {
        if (auto s = KnownIssue::checkPosted(e.payload, e.clientTime); !s)
            return makeError(QStringLiteral("event.invalid"),
                             ProjectionText::tr("%1 event: %2").arg(e.kind, s.error().message));
    }
    return Ok{};
}

Status apply(QSqlDatabase &db, const Event &e)
{
    const qint64 at = e.clientTime.toSecsSinceEpoch();
    if (e.kind == u"known_issue.withdrawn")
        return sql::execCached(db,
                               QStringLiteral("UPDATE known_issues SET withdrawn_at = ? WHERE id "
                                              "= ? AND withdrawn_at IS NULL"),
                               {at, e.entityId});
    const QDateTime expires = QDateTime::fromString(str(e, u"expires_at"), Qt::ISODate);
    return sql::execCached(
        db,
        QStringLiteral("INSERT INTO known_issues(id, service_code, type_name, agent_text, "
                       "caller_script, latitude, longitude, metres, expires_at, parent_id, "
                       "parent_number, posted_by, posted_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?, ?) ON CONFLICT(id) DO NOTHING"),
        {e.entityId, str(e, u"service_code"), str(e, u"type_name"), str(e, u"agent_text").trimmed(),
         str(e, u"caller_script").trimmed(), e.payload.value(u"latitude").toDouble(),
         e.payload.value(u"longitude").toDouble(), e.payload.value(u"metres").toDouble(),
         expires.toSecsSinceEpoch(), str(e, u"parent_id"), str(e, u"parent_number"), e.actor, at});
}

} // namespace civicdesk::knownissueprojection

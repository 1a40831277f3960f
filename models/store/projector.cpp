#include "models/store/projector.h"

#include "models/domain/supervision/clusterrulechange.h"
#include "models/domain/supervision/exportrecord.h"
#include "models/domain/supervision/phoneinterval.h"
#include "models/domain/supervision/reviewevent.h"
#include "models/domain/supervision/teammembership.h"
#include "models/store/projections/articleprojection.h"
#include "models/store/projections/contactprojection.h"
#include "models/store/projections/knownissueprojection.h"
#include "models/store/projections/lobbyprojection.h"
#include "models/store/projections/payload.h"
#include "models/store/projections/requestlinkprojection.h"
#include "models/store/projections/requestprojection.h"
#include "models/store/schema/kpirollups.h"
#include "models/store/schema/requestrollups.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>

namespace civicdesk::projector {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

using projection::invalid;

// One projection: which events it takes, how it checks them and how it applies them.
struct Projection
{
    bool (*handles)(const Event &);
    Status (*validate)(const Event &);
    Status (*apply)(QSqlDatabase &, const Event &);
};

const Projection projections[] = {
    {requestprojection::handles, requestprojection::validate, requestprojection::apply},
    {contactprojection::handles, contactprojection::validate, contactprojection::apply},
    {articleprojection::handles, articleprojection::validate, articleprojection::apply},
    {requestlinkprojection::handles, requestlinkprojection::validate, requestlinkprojection::apply},
    {lobbyprojection::handles, lobbyprojection::validate, lobbyprojection::apply},
    {knownissueprojection::handles, knownissueprojection::validate, knownissueprojection::apply},
};

const Projection *projectionOf(const Event &e)
{
    for (const Projection &p : projections) {
        if (p.handles(e))
            return &p;
    }
    return nullptr;
}

Error unknownKind(const Event &e)
{
    return invalid(e, QStringLiteral("kind"), ProjectionText::tr("is not a known event kind"));
}

} // namespace

Status validate(const Event &e)
{
    if (e.id.isEmpty() || e.entityId.isEmpty() || e.actor.isEmpty() || e.device.isEmpty() ||
        !e.clientTime.isValid())
        return invalid(e, QStringLiteral("id/entity/actor/device/time"),
                       ProjectionText::tr("must all be set"));
    if (const Projection *p = projectionOf(e))
        return p->validate(e);
    if (e.kind == teammembership::kind() || e.kind == phoneday::kind()) {
        // What supervisors record beside the calls, read from the log itself (no projection):
        // agents' teams and the phone system's interval reports.
        const bool team = e.kind == teammembership::kind();
        const QString type = team ? teammembership::entityType() : phoneday::entityType();
        if (e.entityType != type)
            return invalid(e, QStringLiteral("entity_type"),
                           QCoreApplication::translate("Storage", "must be %1").arg(type));
        const Status s = team ? teammembership::check(e.entityId, e.payload)
                              : phoneday::check(e.entityId, e.payload);
        if (!s)
            return invalid(e, QStringLiteral("payload"), s.error().message);
        return Ok{};
    }
    if (e.kind == exportrecord::kind()) {
        // A supervisor's export, for the audit trail (no projection).
        if (e.entityType != exportrecord::entityType())
            return invalid(e, QStringLiteral("entity_type"),
                           QCoreApplication::translate("Storage", "must be %1")
                               .arg(exportrecord::entityType()));
        if (const Status s = exportrecord::check(e.entityId, e.payload); !s)
            return invalid(e, QStringLiteral("payload"), s.error().message);
        return Ok{};
    }
    if (e.kind == clusterrulechange::kind()) {
        // A supervisor's change of the cluster rules, read from the log (no projection).
        if (e.entityType != clusterrulechange::entityType())
            return invalid(e, QStringLiteral("entity_type"),
                           QCoreApplication::translate("Storage", "must be %1")
                               .arg(clusterrulechange::entityType()));
        if (const Status s = clusterrulechange::check(e.entityId, e.payload); !s)
            return invalid(e, QStringLiteral("payload"), s.error().message);
        return Ok{};
    }
    if (review::handles(e)) {
        if (auto bad = review::check(e))
            return invalid(e, bad->field, bad->message);
        return Ok{};
    }
    return unknownKind(e);
}

namespace {

bool movesAContact(const Event &e)
{
    return e.kind == u"contact.started" || e.kind == u"contact.ended";
}

bool linksARequest(const Event &e)
{
    return e.kind == u"request.created" || e.kind == u"request.caller_attached";
}

// After a request event's projection: its link to the contact it was written in, and the
// first-contact resolution its caller or type may change (models/store/schema/kpirollups.h).
Status requestMoved(QSqlDatabase &db, const Event &e)
{
    if (linksARequest(e)) {
        if (auto s = kpirollups::linkToContact(db, e); !s)
            return s;
    } else if (e.kind != u"request.field_changed") {
        return Ok{};
    }
    return kpirollups::refreshFcr(db, kpirollups::FcrScope::Request, e.entityId);
}

// A request just created, as the request rollup counts it: its row as createdRow() writes it
// (no read back).
requestrollups::RequestState createdState(const Event &e)
{
    const QVariantList row = requestprojection::createdRow(e);
    requestrollups::RequestState r;
    r.exists = true;
    r.opened = !row.at(16).isNull(); // opened_at
    r.openedAt = row.at(16).toLongLong();
    r.typeName = row.at(3).toString();
    r.service = row.at(2).isNull() ? r.typeName : row.at(2).toString(); // service_code
    r.channel = row.at(13).toString();
    r.department = row.at(14).toString();
    return r;
}

// A request event that may move the request in the request rollup (its type, department,
// channel, status or times).
bool movesARequest(const Event &e)
{
    return e.kind == u"request.field_changed" || e.kind == u"request.status_changed";
}

// The projection of a request event with the request rollup it moves
// (models/store/schema/requestrollups.h).
Status projectRequest(QSqlDatabase &db, const Projection &p, const Event &e)
{
    if (e.kind == u"request.created") {
        if (auto s = p.apply(db, e); !s)
            return s;
        return requestrollups::move(db, {}, createdState(e));
    }
    if (!movesARequest(e))
        return p.apply(db, e);
    auto before = requestrollups::state(db, e.entityId);
    if (!before)
        return before.error();
    if (auto s = p.apply(db, e); !s)
        return s;
    auto after = requestrollups::state(db, e.entityId);
    if (!after)
        return after.error();
    return requestrollups::move(db, before.value(), after.value());
}

// The projection of `e` with the KPI rollups it moves (models/store/schema/kpirollups.h).
Status project(QSqlDatabase &db, const Projection &p, const Event &e)
{
    if (!movesAContact(e)) {
        if (auto s = projectRequest(db, p, e); !s)
            return s;
        return requestMoved(db, e);
    }
    auto before = kpirollups::contactState(db, e.entityId);
    if (!before)
        return before.error();
    if (auto s = p.apply(db, e); !s)
        return s;
    auto after = kpirollups::contactState(db, e.entityId);
    if (!after)
        return after.error();
    if (auto s = kpirollups::moveContact(db, before.value(), after.value()); !s)
        return s;
    if (e.kind != u"contact.ended")
        return Ok{};
    return kpirollups::refreshFcr(db, kpirollups::FcrScope::Contact, e.entityId);
}

} // namespace

Status apply(QSqlDatabase &db, const Event &e)
{
    if (const Projection *p = projectionOf(e))
        return project(db, *p, e);
    if (e.kind == teammembership::kind() || e.kind == phoneday::kind())
        return Ok{}; // no projection: teams and phone figures are read from the event log
    if (e.kind == clusterrulechange::kind())
        return Ok{}; // no projection: the cluster rules are read from the event log
    if (e.kind == exportrecord::kind())
        return Ok{}; // no projection: exports are read from the event log (the audit trail)
    if (review::handles(e))
        return Ok{}; // no projection: reviews are read from the event log
    return unknownKind(e);
}

Status applyAll(QSqlDatabase &db, const QList<Event> &events)
{
    if (dialect::of(db) != Dialect::Postgres) {
        for (const Event &e : events) {
            if (auto s = apply(db, e); !s)
                return s;
        }
        return Ok{};
    }
    // On PostgreSQL each statement is a round trip: runs of new requests become one insert.
    sql::BatchInsert requests(db, requestprojection::createdInsertHead(),
                              requestprojection::CreatedInsertColumns, {}, -1, 500);
    QList<Event> created; // in the batch, their KPI rollups not yet moved
    const auto flush = [&]() -> Status {
        if (auto s = requests.flush(); !s)
            return s;
        for (const Event &e : std::as_const(created)) {
            if (auto s = requestrollups::move(db, {}, createdState(e)); !s)
                return s;
            if (auto s = requestMoved(db, e); !s)
                return s;
        }
        created.clear();
        return Ok{};
    };
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &e = events.at(i);
        if (e.kind == u"request.created") {
            if (auto s = requests.add(requestprojection::createdRow(e), i); !s)
                return s;
            created.append(e);
            continue;
        }
        if (auto s = flush(); !s)
            return s;
        if (auto s = apply(db, e); !s)
            return s;
    }
    return flush();
}

} // namespace civicdesk::projector

#include "models/store/projector.h"

#include "models/domain/contact.h"
#include "models/domain/intakestep.h"
#include "models/domain/languagecode.h"
#include "models/domain/phoneinterval.h"
#include "models/domain/reviewevent.h"
#include "models/domain/servicerequest.h"
#include "models/domain/teammembership.h"
#include "models/store/articleprojection.h"
#include "models/store/dialect.h"
#include "models/store/knownissueprojection.h"
#include "models/store/lobbyprojection.h"
#include "models/store/requestlinkprojection.h"
#include "models/store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace civicdesk::projector {

namespace {

Error invalid(const Event &event, const QString &field, const QString &problem)
{
    return makeError(QStringLiteral("event.invalid"),
                     QCoreApplication::translate("Storage", "%1 event: \"%2\" %3")
                         .arg(event.kind, field, problem));
}

QString str(const Event &event, const char16_t *key)
{
    return event.payload.value(QStringView(key)).toString();
}

QVariant optionalDouble(const Event &event, const char16_t *key)
{
    const QJsonValue v = event.payload.value(QStringView(key));
    return v.isDouble() ? QVariant(v.toDouble()) : QVariant();
}

QVariant isoToEpoch(const QString &iso)
{
    return sql::epoch(QDateTime::fromString(iso, Qt::ISODate));
}

// The call a contact was taken on (optional in contact.started): a call id of at most
// maxCallIdLength characters, a number that is E.164 or a short code, a valid offer time.
Status validateContactCall(const Event &e)
{
    if (!e.payload.contains(u"call_id"))
        return Ok{};
    const QString callId = str(e, u"call_id");
    if (callId.trimmed().isEmpty() || callId.size() > maxCallIdLength)
        return invalid(e, QStringLiteral("call_id"),
                       QCoreApplication::translate("Storage", "must be 1 to %1 characters")
                           .arg(maxCallIdLength));
    static const QRegularExpression number(QStringLiteral("^(\\+[1-9][0-9]{7,14}|[0-9]{3,6})?$"));
    if (!number.match(str(e, u"call_number")).hasMatch())
        return invalid(
            e, QStringLiteral("call_number"),
            QCoreApplication::translate("Storage", "is neither an E.164 number nor a short code"));
    for (const char16_t *key : {u"call_number_raw", u"call_dialled", u"call_queue"}) {
        if (str(e, key).size() > maxCallIdLength)
            return invalid(e, QString::fromUtf16(key),
                           QCoreApplication::translate("Storage", "is longer than %1 characters")
                               .arg(maxCallIdLength));
    }
    if (e.payload.contains(u"call_offered_at") &&
        !QDateTime::fromString(str(e, u"call_offered_at"), Qt::ISODate).isValid())
        return invalid(e, QStringLiteral("call_offered_at"),
                       QCoreApplication::translate("Storage", "is not an ISO 8601 time"));
    return Ok{};
}

// Fields a request.field_changed event may change, and their columns.
const QHash<QString, QString> &editableRequestFields()
{
    static const QHash<QString, QString> fields = {
        {QStringLiteral("description"), QStringLiteral("description")},
        {QStringLiteral("address"), QStringLiteral("address")},
        {QStringLiteral("service_code"), QStringLiteral("service_code")},
        {QStringLiteral("type_name"), QStringLiteral("type_name")},
        {QStringLiteral("neighborhood"), QStringLiteral("neighborhood")},
        {QStringLiteral("department_code"), QStringLiteral("department_code")},
        {QStringLiteral("caller_id"), QStringLiteral("caller_id")},
    };
    return fields;
}

const QString RequestInsertHead = QStringLiteral(
    "INSERT INTO requests(id, number, service_code, type_name, status, description, address, "
    "latitude, longitude, neighborhood, ward, precinct, zip, channel, department_code, caller_id, "
    "opened_at, due_at, attributes_json, origin, updated_at, media_url, address_id)");
constexpr int RequestInsertColumns = 23;

// The requests row of a request.created event, in RequestInsertHead's column order.
QVariantList requestCreatedRow(const Event &e)
{
    const QJsonObject attributes = e.payload.value(u"attributes").toObject();
    const QVariant opened = e.payload.contains(u"opened_at")
                                ? isoToEpoch(str(e, u"opened_at"))
                                : QVariant(e.clientTime.toSecsSinceEpoch());
    return {e.entityId,
            str(e, u"number"),
            sql::nullable(str(e, u"service_code")),
            str(e, u"type_name"),
            QStringLiteral("open"),
            str(e, u"description"),
            sql::nullable(str(e, u"address")),
            optionalDouble(e, u"latitude"),
            optionalDouble(e, u"longitude"),
            sql::nullable(str(e, u"neighborhood")),
            sql::nullable(str(e, u"ward")),
            sql::nullable(str(e, u"precinct")),
            sql::nullable(str(e, u"zip")),
            sql::nullable(str(e, u"channel")),
            sql::nullable(str(e, u"department_code")),
            sql::nullable(str(e, u"caller_id")),
            opened,
            isoToEpoch(str(e, u"due_at")),
            QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact)),
            QStringLiteral("local"),
            e.clientTime.toSecsSinceEpoch(),
            sql::nullable(str(e, u"media_url")),
            sql::nullable(str(e, u"address_id"))};
}

Status applyRequestCreated(QSqlDatabase &db, const Event &e)
{
    auto s = sql::execCached(
        db,
        RequestInsertHead + u" VALUES(" +
            QStringList(RequestInsertColumns, QStringLiteral("?")).join(u", ") + u')',
        requestCreatedRow(e));
    if (!s)
        return s;
    const QVariant lat = optionalDouble(e, u"latitude");
    const QVariant lon = optionalDouble(e, u"longitude");
    // The R*Tree is SQLite's; PostgreSQL searches its latitude/longitude index instead.
    if (lat.isNull() || lon.isNull() || dialect::of(db) == Dialect::Postgres)
        return Ok{};
    return sql::execCached(
        db,
        QStringLiteral("INSERT INTO requests_rtree(id, min_lat, max_lat, min_lon, "
                       "max_lon) SELECT rowid, ?, ?, ?, ? FROM requests WHERE id = ?"),
        {lat, lat, lon, lon, e.entityId});
}

// A request's point (both or neither, degrees on the globe) and its ISO 8601 times.
Status validateRequestPlaceAndDates(const Event &e)
{
    const QJsonValue lat = e.payload.value(u"latitude");
    const QJsonValue lon = e.payload.value(u"longitude");
    const bool hasLat = !lat.isUndefined() && !lat.isNull();
    const bool hasLon = !lon.isUndefined() && !lon.isNull();
    if (hasLat != hasLon)
        return invalid(e, hasLat ? QStringLiteral("longitude") : QStringLiteral("latitude"),
                       QCoreApplication::translate("Storage",
                                                   "is missing: latitude and longitude go "
                                                   "together"));
    if (hasLat && (!lat.isDouble() || lat.toDouble() < -90 || lat.toDouble() > 90))
        return invalid(
            e, QStringLiteral("latitude"),
            QCoreApplication::translate("Storage", "must be a number of degrees from -90 to 90"));
    if (hasLon && (!lon.isDouble() || lon.toDouble() < -180 || lon.toDouble() > 180))
        return invalid(e, QStringLiteral("longitude"),
                       QCoreApplication::translate("Storage", "must be a number of degrees from "
                                                              "-180 to 180"));
    for (const char16_t *key : {u"opened_at", u"due_at"}) {
        const QJsonValue v = e.payload.value(QStringView(key));
        if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().isEmpty()))
            continue;
        if (!v.isString() || !QDateTime::fromString(v.toString(), Qt::ISODate).isValid())
            return invalid(e, QString::fromUtf16(key),
                           QCoreApplication::translate("Storage", "must be an ISO 8601 time such "
                                                                  "as 2026-12-06T14:30:00Z"));
    }
    return Ok{};
}

} // namespace

Status validate(const Event &e)
{
    if (e.id.isEmpty() || e.entityId.isEmpty() || e.actor.isEmpty() || e.device.isEmpty() ||
        !e.clientTime.isValid())
        return invalid(e, QStringLiteral("id/entity/actor/device/time"),
                       QCoreApplication::translate("Storage", "must all be set"));
    if (articleprojection::handles(e))
        return articleprojection::validate(e);
    if (requestlinkprojection::handles(e))
        return requestlinkprojection::validate(e);
    if (lobbyprojection::handles(e))
        return lobbyprojection::validate(e);
    if (knownissueprojection::handles(e))
        return knownissueprojection::validate(e);
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
    if (review::handles(e)) {
        if (auto bad = review::check(e))
            return invalid(e, bad->field, bad->message);
        return Ok{};
    }
    if (e.kind == u"request.created") {
        if (str(e, u"number").isEmpty())
            return invalid(e, QStringLiteral("number"),
                           QCoreApplication::translate("Storage", "is required"));
        if (str(e, u"type_name").isEmpty())
            return invalid(e, QStringLiteral("type_name"),
                           QCoreApplication::translate("Storage", "is required"));
        if (const QString media = str(e, u"media_url"); !media.isEmpty()) {
            const QUrl url(media, QUrl::StrictMode);
            if (!url.isValid() || (url.scheme() != u"https" && url.scheme() != u"http"))
                return invalid(e, QStringLiteral("media_url"),
                               QCoreApplication::translate("Storage", "must be an http(s) URL"));
        }
        return validateRequestPlaceAndDates(e);
    }
    if (e.kind == u"request.field_changed") {
        if (!editableRequestFields().contains(str(e, u"field")))
            return invalid(e, QStringLiteral("field"),
                           QCoreApplication::translate("Storage", "names no editable field"));
        return Ok{};
    }
    if (e.kind == u"request.status_changed") {
        if (!requestStatusFromName(str(e, u"status")))
            return invalid(
                e, QStringLiteral("status"),
                QCoreApplication::translate("Storage", "must be open, in_progress or closed"));
        return Ok{};
    }
    if (e.kind == u"request.note_added") {
        if (str(e, u"text").trimmed().isEmpty())
            return invalid(e, QStringLiteral("text"),
                           QCoreApplication::translate("Storage", "is empty"));
        return Ok{};
    }
    if (e.kind == u"request.caller_attached" || e.kind == u"caller.upserted" ||
        e.kind == u"contact.article_opened")
        return Ok{};
    if (e.kind == u"contact.search_unanswered") {
        const QString query = str(e, u"query").trimmed();
        if (query.isEmpty() || query.size() > maxUnansweredSearchLength)
            return invalid(e, QStringLiteral("query"),
                           QCoreApplication::translate("Storage", "must be 1 to %1 characters")
                               .arg(maxUnansweredSearchLength));
        if (!str(e, u"language").isEmpty() && !isLanguageCode(str(e, u"language")))
            return invalid(e, QStringLiteral("language"),
                           QCoreApplication::translate("Storage", "is not a language code"));
        return Ok{};
    }
    if (e.kind == u"agent.help_requested" || e.kind == u"agent.help_answered") {
        // An agent's help flag (models/supervision/helpflags.h), read from the log itself.
        if (e.entityType != u"agent")
            return invalid(e, QStringLiteral("entity_type"),
                           QCoreApplication::translate("Storage", "must be agent"));
        if (str(e, u"note").size() > 200)
            return invalid(e, QStringLiteral("note"),
                           QCoreApplication::translate("Storage", "is longer than 200 characters"));
        return Ok{};
    }
    if (e.kind == u"contact.started") {
        if (!channelFromName(str(e, u"channel")))
            return invalid(e, QStringLiteral("channel"),
                           QCoreApplication::translate("Storage", "is not a known channel"));
        return validateContactCall(e);
    }
    if (e.kind == u"contact.step_recorded") {
        if (!isIntakeStepKind(str(e, u"step")))
            return invalid(e, QStringLiteral("step"),
                           QCoreApplication::translate("Storage", "is not a known intake step"));
        if (!e.payload.value(u"detail").isObject())
            return invalid(e, QStringLiteral("detail"),
                           QCoreApplication::translate("Storage", "must be an object"));
        return Ok{};
    }
    if (e.kind == u"contact.ended") {
        if (!outcomeFromName(str(e, u"outcome")))
            return invalid(e, QStringLiteral("outcome"),
                           QCoreApplication::translate("Storage", "is not a known outcome"));
        if (e.payload.contains(u"call_end_cause") &&
            !callEndCauseFromName(str(e, u"call_end_cause")))
            return invalid(e, QStringLiteral("call_end_cause"),
                           QCoreApplication::translate("Storage", "is not a known call end cause"));
        if (e.payload.contains(u"call_ended_at") &&
            !QDateTime::fromString(str(e, u"call_ended_at"), Qt::ISODate).isValid())
            return invalid(e, QStringLiteral("call_ended_at"),
                           QCoreApplication::translate("Storage", "is not an ISO 8601 time"));
        return Ok{};
    }
    if (e.kind == u"contact.call_ended") {
        // The call outlived its contact: its end comes after the contact's.
        if (!callEndCauseFromName(str(e, u"call_end_cause")))
            return invalid(e, QStringLiteral("call_end_cause"),
                           QCoreApplication::translate("Storage", "is not a known call end cause"));
        if (!QDateTime::fromString(str(e, u"call_ended_at"), Qt::ISODate).isValid())
            return invalid(e, QStringLiteral("call_ended_at"),
                           QCoreApplication::translate("Storage", "is not an ISO 8601 time"));
        return Ok{};
    }
    return invalid(e, QStringLiteral("kind"),
                   QCoreApplication::translate("Storage", "is not a known event kind"));
}

Status apply(QSqlDatabase &db, const Event &e)
{
    const qint64 now = e.clientTime.toSecsSinceEpoch();
    if (articleprojection::handles(e))
        return articleprojection::apply(db, e);
    if (requestlinkprojection::handles(e))
        return requestlinkprojection::apply(db, e);
    if (lobbyprojection::handles(e))
        return lobbyprojection::apply(db, e);
    if (knownissueprojection::handles(e))
        return knownissueprojection::apply(db, e);
    if (e.kind == teammembership::kind() || e.kind == phoneday::kind())
        return Ok{}; // no projection: teams and phone figures are read from the event log
    if (review::handles(e))
        return Ok{}; // no projection: reviews are read from the event log
    if (e.kind == u"request.created")
        return applyRequestCreated(db, e);
    if (e.kind == u"request.field_changed") {
        // The column comes from a fixed whitelist, never from the payload itself.
        const QString column = editableRequestFields().value(str(e, u"field"));
        return sql::execCached(
            db,
            QStringLiteral("UPDATE requests SET %1 = ?, updated_at = ? WHERE id = ?").arg(column),
            {e.payload.value(u"after").toVariant(), now, e.entityId});
    }
    if (e.kind == u"request.status_changed") {
        const QString status = requestStatusName(*requestStatusFromName(str(e, u"status")));
        return sql::execCached(
            db,
            // The city's own status word of an imported request no longer applies.
            QStringLiteral("UPDATE requests SET status = ?, closure_reason = ?, "
                           "closed_at = CASE WHEN ? = 'closed' THEN CAST(? AS BIGINT) END, "
                           "source_status = NULL, status_note = NULL, updated_at = ? WHERE id = ?"),
            {status, sql::nullable(str(e, u"closure_reason")), status, now, now, e.entityId});
    }
    if (e.kind == u"request.note_added")
        return sql::execCached(db,
                               QStringLiteral("UPDATE requests SET updated_at = ? WHERE id = ?"),
                               {now, e.entityId});
    if (e.kind == u"request.caller_attached")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO request_callers(request_id, caller_id, "
                           "role, added_at) VALUES(?, ?, ?, ?) ON CONFLICT DO "
                           "NOTHING"),
            {e.entityId, str(e, u"caller_id"),
             str(e, u"role").isEmpty() ? QStringLiteral("requester") : str(e, u"role"), now});
    if (e.kind == u"caller.upserted")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO callers(id, name, phone, email, language, preference, "
                           "updated_at) VALUES(?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE "
                           "SET name = excluded.name, phone = excluded.phone, email = "
                           "excluded.email, language = excluded.language, preference = "
                           "excluded.preference, updated_at = excluded.updated_at"),
            {e.entityId, str(e, u"name"), sql::nullable(str(e, u"phone")),
             sql::nullable(str(e, u"email")),
             str(e, u"language").isEmpty() ? QStringLiteral("en") : str(e, u"language"),
             str(e, u"preference").isEmpty() ? QStringLiteral("phone") : str(e, u"preference"),
             now});
    if (e.kind == u"agent.help_requested" || e.kind == u"agent.help_answered")
        return Ok{}; // no projection: the open flags are read from the event log
    if (e.kind == u"contact.started")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO contacts(id, channel, agent, caller_id, started_at, "
                           "call_id, call_number, call_number_raw, call_dialled, call_queue, "
                           "call_offered_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            {e.entityId, str(e, u"channel"), e.actor, sql::nullable(str(e, u"caller_id")), now,
             sql::nullable(str(e, u"call_id")), sql::nullable(str(e, u"call_number")),
             sql::nullable(str(e, u"call_number_raw")), sql::nullable(str(e, u"call_dialled")),
             sql::nullable(str(e, u"call_queue")), isoToEpoch(str(e, u"call_offered_at"))});
    if (e.kind == u"contact.ended")
        return sql::execCached(
            db,
            QStringLiteral("UPDATE contacts SET ended_at = ?, outcome = ?, transfer_destination = "
                           "?, notes = ?, call_ended_at = COALESCE(?, call_ended_at), "
                           "call_end_cause = COALESCE(?, call_end_cause) WHERE id = ?"),
            {now, str(e, u"outcome"), sql::nullable(str(e, u"transfer_destination")),
             str(e, u"notes"), isoToEpoch(str(e, u"call_ended_at")),
             sql::nullable(str(e, u"call_end_cause")), e.entityId});
    if (e.kind == u"contact.call_ended")
        return sql::execCached(
            db,
            QStringLiteral(
                "UPDATE contacts SET call_ended_at = ?, call_end_cause = ? WHERE id = ?"),
            {isoToEpoch(str(e, u"call_ended_at")), str(e, u"call_end_cause"), e.entityId});
    // The steps stay in the event log only: replay and scoring read them per contact.
    if (e.kind == u"contact.step_recorded")
        return Ok{};
    if (e.kind == u"contact.search_unanswered")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO knowledge_gaps(contact_id, query, language, searched_at) "
                           "VALUES(?, ?, ?, ?) ON CONFLICT DO NOTHING"),
            {e.entityId, str(e, u"query").trimmed(), str(e, u"language"), now});
    if (e.kind == u"contact.article_opened")
        return sql::execCached(
            db,
            QStringLiteral("INSERT INTO contact_articles(contact_id, article_id, "
                           "opened_at) VALUES(?, ?, ?) ON CONFLICT DO NOTHING"),
            {e.entityId, str(e, u"article_id"), now});
    return invalid(e, QStringLiteral("kind"),
                   QCoreApplication::translate("Storage", "is not a known event kind"));
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
    sql::BatchInsert requests(db, RequestInsertHead, RequestInsertColumns, {}, -1, 500);
    for (qsizetype i = 0; i < events.size(); ++i) {
        const Event &e = events.at(i);
        if (e.kind == u"request.created") {
            if (auto s = requests.add(requestCreatedRow(e), i); !s)
                return s;
            continue;
        }
        if (auto s = requests.flush(); !s)
            return s;
        if (auto s = apply(db, e); !s)
            return s;
    }
    return requests.flush();
}

} // namespace civicdesk::projector

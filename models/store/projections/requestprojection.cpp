#include "models/store/projections/requestprojection.h"

#include "models/domain/servicerequest.h"
#include "models/store/projections/payload.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace civicdesk::requestprojection {

using projection::invalid;
using projection::isoToEpoch;
using projection::optionalDouble;
using projection::str;

namespace {

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
    "opened_at, due_at, attributes_json, origin, updated_at, media_url, address_id, created_by)");

Status applyCreated(QSqlDatabase &db, const Event &e)
{
    auto s = sql::execCached(
        db,
        RequestInsertHead + u" VALUES(" +
            QStringList(CreatedInsertColumns, QStringLiteral("?")).join(u", ") + u')',
        createdRow(e));
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

const QString &createdInsertHead()
{
    return RequestInsertHead;
}

// The requests row of a request.created event, in createdInsertHead()'s column order.
QVariantList createdRow(const Event &e)
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
            sql::nullable(str(e, u"address_id")),
            e.actor};
}

bool handles(const Event &event)
{
    return event.kind == u"request.created" || event.kind == u"request.field_changed" ||
           event.kind == u"request.status_changed" || event.kind == u"request.note_added" ||
           event.kind == u"request.caller_attached" || event.kind == u"caller.upserted";
}

Status validate(const Event &e)
{
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
    return Ok{}; // request.caller_attached, caller.upserted
}

Status apply(QSqlDatabase &db, const Event &e)
{
    const qint64 now = e.clientTime.toSecsSinceEpoch();
    if (e.kind == u"request.created")
        return applyCreated(db, e);
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
        // A closed request needs no more calls back about it: its pending callbacks end with it
        // ("request_closed"), so no agent calls a resident about work already done.
        if (status == u"closed") {
            if (auto s = sql::execCached(
                    db,
                    QStringLiteral("UPDATE request_callbacks SET done_at = ?, done_by = ?, "
                                   "outcome = 'request_closed' WHERE request_id = ? AND "
                                   "done_at IS NULL"),
                    {e.clientTime.toMSecsSinceEpoch(), e.actor, e.entityId});
                !s)
                return s;
        }
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
    // caller.upserted
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
         str(e, u"preference").isEmpty() ? QStringLiteral("phone") : str(e, u"preference"), now});
}

} // namespace civicdesk::requestprojection

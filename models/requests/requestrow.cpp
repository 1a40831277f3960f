#include "models/requests/requestrow.h"

#include "models/store/sql/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk::requestrow {

QString columns(const QString &alias)
{
    static const QStringList names = {QStringLiteral("id"),
                                      QStringLiteral("number"),
                                      QStringLiteral("service_code"),
                                      QStringLiteral("type_name"),
                                      QStringLiteral("status"),
                                      QStringLiteral("closure_reason"),
                                      QStringLiteral("description"),
                                      QStringLiteral("address"),
                                      QStringLiteral("latitude"),
                                      QStringLiteral("longitude"),
                                      QStringLiteral("neighborhood"),
                                      QStringLiteral("ward"),
                                      QStringLiteral("precinct"),
                                      QStringLiteral("zip"),
                                      QStringLiteral("channel"),
                                      QStringLiteral("department_code"),
                                      QStringLiteral("caller_id"),
                                      QStringLiteral("opened_at"),
                                      QStringLiteral("due_at"),
                                      QStringLiteral("closed_at"),
                                      QStringLiteral("attributes_json"),
                                      QStringLiteral("media_url"),
                                      QStringLiteral("address_id"),
                                      QStringLiteral("source_status"),
                                      QStringLiteral("status_note")};
    QStringList qualified;
    for (const QString &name : names)
        qualified.append(alias + name);
    return qualified.join(QStringLiteral(", "));
}

ServiceRequest from(const QSqlQuery &q, int first)
{
    const auto v = [&q, first](int i) { return q.value(first + i); };
    ServiceRequest r;
    r.id = v(0).toString();
    r.number = v(1).toString();
    r.serviceCode = v(2).toString();
    r.typeName = v(3).toString();
    r.status = requestStatusFromName(v(4).toString()).value_or(RequestStatus::Open);
    r.closureReason = v(5).toString();
    r.description = v(6).toString();
    r.address = v(7).toString();
    if (!v(8).isNull())
        r.latitude = v(8).toDouble();
    if (!v(9).isNull())
        r.longitude = v(9).toDouble();
    r.neighborhood = v(10).toString();
    r.ward = v(11).toString();
    r.precinct = v(12).toString();
    r.zip = v(13).toString();
    r.channel = v(14).toString();
    r.departmentCode = v(15).toString();
    r.callerId = v(16).toString();
    r.openedAt = sql::fromEpoch(v(17));
    r.dueAt = sql::fromEpoch(v(18));
    r.closedAt = sql::fromEpoch(v(19));
    const QJsonObject attributes = QJsonDocument::fromJson(v(20).toByteArray()).object();
    for (auto it = attributes.begin(); it != attributes.end(); ++it) {
        QStringList keys;
        const QJsonArray values = it.value().toArray();
        for (const QJsonValue &value : values)
            keys.append(value.toString());
        if (it.value().isString())
            keys.append(it.value().toString());
        r.attributes.insert(it.key(), keys);
    }
    r.mediaUrl = v(21).toString();
    r.addressId = v(22).toString();
    r.sourceStatus = v(23).toString();
    r.statusNote = v(24).toString();
    return r;
}

} // namespace civicdesk::requestrow

#pragma once

#include "models/domain/department.h"
#include "models/domain/servicerequest.h"
#include "models/domain/servicetype.h"

#include <QJsonArray>
#include <QJsonObject>

namespace civicdesk::open311 {

// GeoReport v2 JSON encodings used by civicdesk-server's Open311 API.

// `GET discovery.json`: where the API lives and what it speaks.
QJsonObject discovery(const QString &endpointUrl, const QString &contact);
// `GET services.json`: one entry per type; `metadata` is true when it has a definition.
QJsonArray services(const QList<ServiceType> &types, const QList<Department> &departments);
// `GET services/{code}.json`: the definition (attributes in order, variable=false as script).
QJsonObject serviceDefinition(const ServiceType &type);
// One request of `GET requests.json`. Status is "open" or "closed" as the spec requires;
// times are ISO 8601 with offset; expected_datetime, media_url and address_id are left out when
// the request has none.
QJsonObject request(const ServiceRequest &r, const QString &agency);
// The error list GeoReport clients expect: [{"code": 404, "description": "..."}].
QJsonArray errors(int httpCode, const QString &description);

} // namespace civicdesk::open311

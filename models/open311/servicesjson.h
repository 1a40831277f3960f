#pragma once

#include "models/domain/department.h"
#include "models/domain/result.h"
#include "models/domain/servicetype.h"

#include <QByteArray>
#include <QList>

namespace civicdesk::open311 {

struct ServiceList
{
    QList<ServiceType> services;
    QList<Department> departments; // distinct, in first-seen order
};

// Decodes a GeoReport v2 `GET services.json` response (with Boston's `definitions` extension
// that names each service's departments). `origin` names the source in error messages.
Result<ServiceList> parseServiceList(const QByteArray &json, const QString &origin);

// Decodes a JSON array of GeoReport v2 service definitions (Boston's shape: attributes with
// dependencies, plus `service_level_agreement` and `definitions`). Each definition is checked:
// known datatype, list values exactly for list types, unique codes, dependencies that refer to
// an earlier list attribute. The result is sorted by attribute order.
Result<QList<ServiceType>> parseServiceDefinitions(const QByteArray &json, const QString &origin);

// Encodes one definition back to GeoReport v2 JSON (used by the server and round-trip tests).
QByteArray encodeServiceDefinition(const ServiceType &type);

} // namespace civicdesk::open311

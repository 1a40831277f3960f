#pragma once

#include <QByteArray>
#include <QJsonValue>

namespace civicdesk::open311 {

// GeoReport v2 XML from the JSON form of a response (the spec's "Spark" convention run
// backwards): `root` wraps the document; the items of the top-level array are `item` elements;
// nested arrays take the singular element names of the spec (endpoints/endpoint,
// formats/format, attributes/attribute, values/value). UTF-8 with the XML declaration; null
// becomes an empty element; booleans are "true"/"false".
//   services:        toXml(list, "services", "service")
//   definition:      toXml(object, "service_definition")
//   requests, POST:  toXml(list, "service_requests", "request")
//   updates:         toXml(list, "service_request_updates", "request_update")
//   errors:          toXml(list, "errors", "error")
QByteArray toXml(const QJsonValue &json, const QString &root, const QString &item = {});

} // namespace civicdesk::open311

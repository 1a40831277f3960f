#pragma once

#include <QJsonValue>
#include <QStringList>

namespace civicdesk::test {

// A small JSON Schema (draft 2020-12 subset) validator for conformance tests: type (one or a
// list), required, properties, additionalProperties (boolean), items, enum, const, pattern,
// minLength, maxLength, minimum, maximum, minItems, maxItems, and $ref to "#/$defs/NAME".
// Returns one line per violation, each starting with the JSON pointer of the value.
QStringList validateJson(const QJsonValue &value, const QJsonObject &schema);

// Loads a schema file (tests/data/schemas/NAME.json); an empty object if it cannot be read.
QJsonObject loadSchema(const QString &name);

} // namespace civicdesk::test

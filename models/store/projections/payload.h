#pragma once

// Private to storage: what every projection reads from an event's payload, and the one form of
// its "event.invalid" error.

#include "models/domain/event.h"
#include "models/domain/result.h"

#include <QVariant>

namespace civicdesk::projection {

// `KIND event: "FIELD" PROBLEM`, coded event.invalid.
Error invalid(const Event &event, const QString &field, const QString &problem);
// The payload's text under `key` (empty when absent or not text).
QString str(const Event &event, const char16_t *key);
// The payload's number under `key`, or a null QVariant (SQL NULL) when it is not a number.
QVariant optionalDouble(const Event &event, const char16_t *key);
// An ISO 8601 time as seconds since 1970, or SQL NULL when it does not read.
QVariant isoToEpoch(const QString &iso);

} // namespace civicdesk::projection

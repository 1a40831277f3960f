#pragma once

#include "models/domain/result.h"

#include <QJsonValue>
#include <QString>
#include <optional>

namespace civicdesk {

// JSON numbers are doubles: whole and exact up to 2^53. Converting a double beyond qint64 to an
// integer is undefined behaviour (a server answering "seq": 1e56 gave a garbage cursor), so every
// whole number read from JSON — a request, an event, another program's answer — goes through here.
constexpr qint64 MaxExactJsonInteger = Q_INT64_C(9007199254740992); // 2^53

// The number in `value` when it is a JSON number, whole, and from `min` to `max`.
std::optional<qint64> jsonWholeNumber(const QJsonValue &value, qint64 min = 0,
                                      qint64 max = MaxExactJsonInteger);

// The same, or an error (code "validation") whose message names `field` and says what it must be.
Result<qint64> readJsonWholeNumber(const QJsonValue &value, const QString &field, qint64 min = 0,
                                   qint64 max = MaxExactJsonInteger);

} // namespace civicdesk

#include "models/domain/text/jsonnumber.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace civicdesk {

std::optional<qint64> jsonWholeNumber(const QJsonValue &value, qint64 min, qint64 max)
{
    if (!value.isDouble())
        return std::nullopt;
    const double n = value.toDouble();
    // Within qint64 before any conversion (NaN fails every comparison), then within the bounds.
    constexpr double Beyond = 9223372036854775808.0; // 2^63
    if (!(n >= -Beyond && n < Beyond) || n != std::floor(n))
        return std::nullopt;
    const auto whole = qint64(n);
    if (whole < min || whole > max)
        return std::nullopt;
    return whole;
}

Result<qint64> readJsonWholeNumber(const QJsonValue &value, const QString &field, qint64 min,
                                   qint64 max)
{
    if (auto n = jsonWholeNumber(value, min, max))
        return *n;
    const QString shown =
        value.isDouble() ? QString::number(value.toDouble(), 'g', 17)
        : value.isUndefined()
            ? QCoreApplication::translate("JsonNumber", "missing")
            : QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1)
                  .left(40);
    return makeError(QStringLiteral("validation"),
                     QCoreApplication::translate("JsonNumber", "\"%1\" must be a whole number "
                                                               "from %2 to %3 (it is %4).")
                         .arg(field)
                         .arg(min)
                         .arg(max)
                         .arg(shown));
}

} // namespace civicdesk

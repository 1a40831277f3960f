#include "models/store/projections/payload.h"

#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace civicdesk::projection {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

} // namespace

Error invalid(const Event &event, const QString &field, const QString &problem)
{
    return makeError(QStringLiteral("event.invalid"),
                     ProjectionText::tr("%1 event: \"%2\" %3").arg(event.kind, field, problem));
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

} // namespace civicdesk::projection

#include "models/domain/eventjson.h"

#include "models/domain/text/jsonnumber.h"
#include "models/domain/text/storabletext.h"

#include <QCoreApplication>

namespace civicdesk {

QJsonObject eventToJson(const Event &event, qint64 seq)
{
    QJsonObject json{{QStringLiteral("id"), event.id},
                     {QStringLiteral("entity_type"), event.entityType},
                     {QStringLiteral("entity_id"), event.entityId},
                     {QStringLiteral("kind"), event.kind},
                     {QStringLiteral("payload"), event.payload},
                     {QStringLiteral("actor"), event.actor},
                     {QStringLiteral("device"), event.device},
                     {QStringLiteral("client_time"), double(event.clientTime.toMSecsSinceEpoch())}};
    if (seq > 0)
        json.insert(QStringLiteral("seq"), double(seq));
    return json;
}

Result<SequencedEvent> eventFromJson(const QJsonObject &json, QString *field)
{
    const auto fail = [field](const char *name, const QString &message) -> Error {
        if (field)
            *field = QString::fromLatin1(name);
        return makeError(QStringLiteral("validation"), message);
    };
    SequencedEvent decoded;
    Event &e = decoded.event;
    for (const char *name : {"id", "entity_type", "entity_id", "kind", "actor"}) {
        const QJsonValue v = json.value(QLatin1String(name));
        if (!v.isString() || v.toString().isEmpty())
            return fail(name, QCoreApplication::translate("Event", "\"%1\" must be a non-empty "
                                                                   "string.")
                                  .arg(QLatin1String(name)));
    }
    e.id = json.value(u"id").toString();
    e.entityType = json.value(u"entity_type").toString();
    e.entityId = json.value(u"entity_id").toString();
    e.kind = json.value(u"kind").toString();
    e.actor = json.value(u"actor").toString();
    const QJsonValue device = json.value(u"device");
    if (!device.isUndefined() && !device.isString())
        return fail("device", QCoreApplication::translate("Event", "\"device\" must be a string."));
    e.device = device.toString();
    if (!json.value(u"payload").isObject())
        return fail("payload",
                    QCoreApplication::translate("Event", "\"payload\" must be a JSON object."));
    e.payload = json.value(u"payload").toObject();
    const auto ms = jsonWholeNumber(json.value(u"client_time"), 0, Q_INT64_C(253402300799000));
    if (!ms)
        return fail("client_time",
                    QCoreApplication::translate("Event", "\"client_time\" must be whole "
                                                         "milliseconds since 1970."));
    e.clientTime = QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    for (const auto &[name, value] :
         {std::pair{"id", &e.id}, std::pair{"entity_type", &e.entityType},
          std::pair{"entity_id", &e.entityId}, std::pair{"kind", &e.kind},
          std::pair{"actor", &e.actor}, std::pair{"device", &e.device}}) {
        if (auto why = unstorableText(*value))
            return fail(
                name,
                QCoreApplication::translate("Event", "\"%1\" %2.").arg(QLatin1String(name), *why));
    }
    if (auto bad = unstorableTextIn(e.payload, QStringLiteral("payload"))) {
        if (field)
            *field = bad->first;
        return makeError(
            QStringLiteral("validation"),
            QCoreApplication::translate("Event", "\"%1\" %2.").arg(bad->first, bad->second));
    }
    const QJsonValue seq = json.value(u"seq");
    if (!seq.isUndefined()) {
        const auto n = jsonWholeNumber(seq);
        if (!n)
            return fail("seq", QCoreApplication::translate("Event", "\"seq\" must be a whole "
                                                                    "number from 0 to 2^53."));
        decoded.seq = *n;
    }
    return decoded;
}

} // namespace civicdesk

#include "models/intake/intakedraft.h"

#include <QJsonArray>

namespace civicdesk {

namespace {

QJsonObject answersToJson(const Answers &answers)
{
    QJsonObject o;
    for (auto it = answers.cbegin(); it != answers.cend(); ++it)
        o.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return o;
}

Answers answersFromJson(const QJsonObject &o)
{
    Answers a;
    for (auto it = o.begin(); it != o.end(); ++it) {
        QStringList values;
        const QJsonArray array = it.value().toArray();
        for (const QJsonValue &v : array)
            values.append(v.toString());
        a.insert(it.key(), values);
    }
    return a;
}

} // namespace

bool IntakeDraft::isEmpty() const
{
    return contactId.isEmpty() && typeCode.isEmpty() && callerPhone.isEmpty() &&
           callerName.isEmpty() && description.isEmpty();
}

QJsonObject IntakeDraft::toJson() const
{
    QJsonObject payload{{QStringLiteral("contact_id"), contactId},
                        {QStringLiteral("contact_started"), contactStarted.toString(Qt::ISODate)},
                        {QStringLiteral("channel"), channel},
                        {QStringLiteral("caller_id"), callerId},
                        {QStringLiteral("caller_phone"), callerPhone},
                        {QStringLiteral("caller_name"), callerName},
                        {QStringLiteral("caller_email"), callerEmail},
                        {QStringLiteral("description"), description}};
    if (!typeCode.isEmpty()) {
        payload.insert(QStringLiteral("type_code"), typeCode);
        payload.insert(QStringLiteral("answers"), answersToJson(answers));
    }
    if (location) {
        QJsonObject where{{QStringLiteral("address"), location->address},
                          {QStringLiteral("landmark"), location->landmark},
                          {QStringLiteral("neighborhood"), location->neighborhood},
                          {QStringLiteral("ward"), location->ward},
                          {QStringLiteral("precinct"), location->precinct},
                          {QStringLiteral("zip"), location->zip}};
        if (location->latitude && location->longitude) {
            where.insert(QStringLiteral("latitude"), *location->latitude);
            where.insert(QStringLiteral("longitude"), *location->longitude);
        }
        payload.insert(QStringLiteral("location"), where);
    }
    for (const auto &[key, value] : {std::pair{QStringLiteral("outcome"), outcome},
                                     std::pair{QStringLiteral("transfer_to"), transferTo},
                                     std::pair{QStringLiteral("last_number"), lastNumber},
                                     std::pair{QStringLiteral("wrap_up_notes"), wrapUpNotes}}) {
        if (!value.isEmpty())
            payload.insert(key, value);
    }
    return payload;
}

IntakeDraft IntakeDraft::fromJson(const QJsonObject &p)
{
    IntakeDraft d;
    d.contactId = p.value(u"contact_id").toString();
    d.contactStarted = QDateTime::fromString(p.value(u"contact_started").toString(), Qt::ISODate);
    d.channel = p.value(u"channel").toString();
    d.callerId = p.value(u"caller_id").toString();
    d.callerPhone = p.value(u"caller_phone").toString();
    d.callerName = p.value(u"caller_name").toString();
    d.callerEmail = p.value(u"caller_email").toString();
    d.description = p.value(u"description").toString();
    d.typeCode = p.value(u"type_code").toString();
    d.answers = answersFromJson(p.value(u"answers").toObject());
    d.outcome = p.value(u"outcome").toString();
    d.transferTo = p.value(u"transfer_to").toString();
    d.lastNumber = p.value(u"last_number").toString();
    if (p.contains(u"location")) {
        const QJsonObject l = p.value(u"location").toObject();
        IntakeLocation where;
        where.address = l.value(u"address").toString();
        where.landmark = l.value(u"landmark").toString();
        where.neighborhood = l.value(u"neighborhood").toString();
        where.ward = l.value(u"ward").toString();
        where.precinct = l.value(u"precinct").toString();
        where.zip = l.value(u"zip").toString();
        if (l.contains(u"latitude")) {
            where.latitude = l.value(u"latitude").toDouble();
            where.longitude = l.value(u"longitude").toDouble();
        }
        d.location = where;
    }
    d.wrapUpNotes = p.value(u"wrap_up_notes").toString();
    return d;
}

} // namespace civicdesk

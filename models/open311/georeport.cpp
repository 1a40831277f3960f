#include "models/open311/georeport.h"

#include "models/open311/servicesjson.h"

#include <QJsonDocument>

namespace civicdesk::open311 {

using namespace Qt::StringLiterals;

namespace {
QString isoTime(const QDateTime &t)
{
    return t.isValid() ? t.toOffsetFromUtc(t.offsetFromUtc()).toString(Qt::ISODate) : QString();
}
// The pack's note for the city's own status ("Cancelled"), then the closure reason.
QString statusNotes(const ServiceRequest &r)
{
    QStringList notes;
    for (const QString &note : {r.statusNote.trimmed(), r.closureReason.trimmed()}) {
        if (!note.isEmpty() && !notes.contains(note))
            notes.append(note);
    }
    return notes.join(u"; "_s);
}
// GeoReport v2 limits a request's description to 4,000 characters; an imported record may hold
// more (a city's free-text field): the first 3,999 and an ellipsis, never half a character.
QString georeportDescription(const QString &text)
{
    constexpr qsizetype limit = 4000;
    if (text.size() <= limit)
        return text;
    qsizetype cut = limit - 1;
    if (text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut) + u'\u2026';
}

} // namespace

QJsonObject discovery(const QString &endpointUrl, const QString &contact)
{
    return QJsonObject{
        {u"changeset"_s, u"2026-11-23T00:00:00Z"_s},
        {u"contact"_s, contact},
        {u"key_service"_s, u"Ask your city's 311 administrator for an API key."_s},
        {u"endpoints"_s, QJsonArray{QJsonObject{
                             {u"specification"_s, u"http://wiki.open311.org/GeoReport_v2"_s},
                             {u"url"_s, endpointUrl},
                             {u"changeset"_s, u"2026-11-23T00:00:00Z"_s},
                             {u"type"_s, u"production"_s},
                             {u"formats"_s, QJsonArray{u"text/xml"_s, u"application/json"_s}}}}}};
}

QJsonArray services(const QList<ServiceType> &types, const QList<Department> &departments)
{
    QJsonArray list;
    for (const ServiceType &t : types) {
        QJsonObject service{{u"service_code"_s, t.code},
                            {u"service_name"_s, t.name},
                            {u"description"_s, t.description},
                            {u"metadata"_s, t.hasDefinition},
                            {u"type"_s, u"realtime"_s},
                            {u"keywords"_s, t.keywords},
                            {u"group"_s, t.group}};
        const auto department =
            std::find_if(departments.cbegin(), departments.cend(),
                         [&t](const Department &d) { return d.code == t.departmentCode; });
        if (department != departments.cend())
            service.insert(u"agency_responsible"_s, department->name);
        list.append(service);
    }
    return list;
}

QJsonObject serviceDefinition(const ServiceType &type)
{
    QJsonObject definition = QJsonDocument::fromJson(encodeServiceDefinition(type)).object();
    // Some cities (Boston) mark display-only text with datatype "informational"; GeoReport v2
    // knows six datatypes, and variable=false already says "show, do not ask".
    static const QStringList datatypes = {u"string"_s, u"number"_s,          u"datetime"_s,
                                          u"text"_s,   u"singlevaluelist"_s, u"multivaluelist"_s};
    QJsonArray attributes = definition.value(u"attributes"_s).toArray();
    for (qsizetype i = 0; i < attributes.size(); ++i) {
        QJsonObject attribute = attributes.at(i).toObject();
        if (!datatypes.contains(attribute.value(u"datatype"_s).toString()))
            attribute.insert(u"datatype"_s, u"string"_s);
        // The Open311 project's Swagger definition wants a text where the key is given: an
        // attribute without a hint leaves it out (its JSON schema allows both).
        if (attribute.value(u"datatype_description"_s).isNull())
            attribute.remove(u"datatype_description"_s);
        attributes.replace(i, attribute);
    }
    definition.insert(u"attributes"_s, attributes);
    return definition;
}

QJsonObject request(const ServiceRequest &r, const QString &agency)
{
    QJsonObject o{{u"service_request_id"_s, r.number},
                  {u"status"_s, r.status == RequestStatus::Closed ? u"closed"_s : u"open"_s},
                  {u"status_notes"_s, statusNotes(r)},
                  {u"service_name"_s, r.typeName},
                  {u"service_code"_s, r.serviceCode},
                  {u"description"_s, georeportDescription(r.description)},
                  {u"agency_responsible"_s, agency},
                  {u"requested_datetime"_s, isoTime(r.openedAt)},
                  {u"updated_datetime"_s, isoTime(r.closedAt.isValid() ? r.closedAt : r.openedAt)},
                  {u"address"_s, r.address},
                  {u"zipcode"_s, r.zip}};
    // A W3C datetime or nothing: the schema allows the key to be left out, never "".
    if (r.dueAt.isValid())
        o.insert(u"expected_datetime"_s, isoTime(r.dueAt));
    if (!r.mediaUrl.isEmpty())
        o.insert(u"media_url"_s, r.mediaUrl);
    if (!r.addressId.isEmpty())
        o.insert(u"address_id"_s, r.addressId);
    if (r.latitude && r.longitude) {
        o.insert(u"lat"_s, *r.latitude);
        o.insert(u"long"_s, *r.longitude);
    }
    return o;
}

QJsonArray errors(int httpCode, const QString &description)
{
    return QJsonArray{QJsonObject{{u"code"_s, httpCode}, {u"description"_s, description}}};
}

} // namespace civicdesk::open311

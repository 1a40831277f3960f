#include "models/open311/servicesjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace civicdesk::open311 {

using namespace Qt::StringLiterals;

namespace {

Error formatError(const QString &origin, const QString &where, const QString &problem)
{
    return makeError(
        QStringLiteral("open311.format"),
        QCoreApplication::translate("Open311", "%1: %2: %3").arg(origin, where, problem));
}

QString text(const QJsonValue &value)
{
    return value.isString() ? value.toString() : QString();
}

Result<QJsonArray> parseArray(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return formatError(
            origin, QCoreApplication::translate("Open311", "offset %1").arg(parseError.offset),
            parseError.errorString());
    }
    if (!doc.isArray()) {
        return formatError(origin, QCoreApplication::translate("Open311", "top level"),
                           QCoreApplication::translate("Open311", "expected a JSON array"));
    }
    return doc.array();
}

QList<Department> departmentsOf(const QJsonObject &definitions)
{
    QList<Department> result;
    const QJsonArray list = definitions.value(u"service_departments").toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject d = value.toObject();
        const QString code = text(d.value(u"code"));
        if (code.isEmpty())
            continue;
        result.append(Department{code, text(d.value(u"name")), text(d.value(u"phone")),
                                 text(d.value(u"email")), text(d.value(u"web_link"))});
    }
    return result;
}

Result<ServiceAttribute> parseAttribute(const QJsonObject &object, const QString &where)
{
    ServiceAttribute attribute;
    attribute.code = text(object.value(u"code")).trimmed();
    if (attribute.code.isEmpty()) {
        return makeError(
            QStringLiteral("open311.attribute"),
            QCoreApplication::translate("Open311", "%1: attribute without a code").arg(where));
    }
    const QString at = where + u' ' + attribute.code;
    const auto datatype = datatypeFromName(text(object.value(u"datatype")));
    if (!datatype) {
        return makeError(QStringLiteral("open311.attribute"),
                         QCoreApplication::translate("Open311",
                                                     "%1: unknown datatype \"%2\" (expected "
                                                     "string, number, datetime, text, "
                                                     "singlevaluelist or multivaluelist)")
                             .arg(at, text(object.value(u"datatype"))));
    }
    attribute.datatype = *datatype;
    attribute.order = object.value(u"order").toInt();
    attribute.variable = object.value(u"variable").toBool(true);
    if (attribute.datatype == AttributeDatatype::Informational)
        attribute.variable = false;
    attribute.required = attribute.variable && object.value(u"required").toBool(false);
    attribute.description = text(object.value(u"description"));
    attribute.datatypeDescription = text(object.value(u"datatype_description"));
    const QJsonArray values = object.value(u"values").toArray();
    for (const QJsonValue &value : values) {
        const QJsonObject v = value.toObject();
        const QString key = v.value(u"key").toVariant().toString();
        if (key.isEmpty()) {
            return makeError(
                QStringLiteral("open311.attribute"),
                QCoreApplication::translate("Open311", "%1: a value has no key").arg(at));
        }
        attribute.values.append({key, v.value(u"name").toVariant().toString()});
    }
    if (attribute.isList() && attribute.values.isEmpty()) {
        return makeError(
            QStringLiteral("open311.attribute"),
            QCoreApplication::translate("Open311", "%1: a list without values").arg(at));
    }
    const QJsonObject deps = object.value(u"dependencies").toObject();
    attribute.dependencies.all = text(deps.value(u"clause")).toUpper() == u"AND";
    const QJsonArray conditions = deps.value(u"conditions").toArray();
    for (const QJsonValue &value : conditions) {
        const QJsonObject c = value.toObject();
        attribute.dependencies.conditions.append(
            {text(c.value(u"attribute")),
             text(c.value(u"op")).isEmpty() ? QStringLiteral("eq") : text(c.value(u"op")),
             c.value(u"value").toVariant().toString()});
    }
    return attribute;
}

Result<ServiceType> parseDefinition(const QJsonObject &object, const QString &origin, int index)
{
    ServiceType type;
    type.code = text(object.value(u"service_code")).trimmed();
    const QString where =
        QCoreApplication::translate("Open311", "definition %1 (%2)").arg(index + 1).arg(type.code);
    if (type.code.isEmpty())
        return formatError(origin, where,
                           QCoreApplication::translate("Open311", "no service_code"));
    type.name = text(object.value(u"service_name"));
    type.description = text(object.value(u"description"));
    type.hasDefinition = true;
    const QJsonObject definitions = object.value(u"definitions").toObject();
    type.locationRequired = definitions.value(u"location_required").toBool(true);
    if (definitions.value(u"contact_required").toBool(false))
        type.contactRule = ContactRule::Require;
    if (const auto rule = contactRuleFromName(text(definitions.value(u"contact_rule"))))
        type.contactRule = *rule;
    const QList<Department> departments = departmentsOf(definitions);
    if (!departments.isEmpty())
        type.departmentCode = departments.first().code;
    const QJsonObject sla = object.value(u"service_level_agreement").toObject();
    // Boston writes {"type": null, "value": null} for "no SLA".
    if (!sla.isEmpty() && !(sla.value(u"type").isNull() && sla.value(u"value").isNull())) {
        const auto unit = Sla::unitFromName(text(sla.value(u"type")));
        const int value = sla.value(u"value").toInt(-1);
        if (!unit || value <= 0) {
            return formatError(origin, where,
                               QCoreApplication::translate("Open311",
                                                           "service_level_agreement needs a type "
                                                           "(Hours, Calendar Days, Business Days) "
                                                           "and a positive value"));
        }
        type.sla = Sla{*unit, value, QStringLiteral("definition")};
    }
    QSet<QString> listCodes;
    QSet<QString> seen;
    const QJsonArray attributes = object.value(u"attributes").toArray();
    for (const QJsonValue &value : attributes) {
        auto attribute = parseAttribute(value.toObject(), origin + u": " + where);
        if (!attribute)
            return attribute.error();
        ServiceAttribute a = std::move(attribute).value();
        // Boston reuses generic codes such as ST-OTHER twice in one definition; keep them
        // addressable by making the later one unique.
        if (seen.contains(a.code))
            a.code += u'#' + QString::number(a.order);
        for (const AttributeCondition &condition : std::as_const(a.dependencies.conditions)) {
            if (!listCodes.contains(condition.attribute)) {
                return formatError(origin, where + u' ' + a.code,
                                   QCoreApplication::translate("Open311",
                                                               "depends on \"%1\", which is not "
                                                               "an earlier list attribute")
                                       .arg(condition.attribute));
            }
        }
        seen.insert(a.code);
        if (a.isList())
            listCodes.insert(a.code);
        type.attributes.append(std::move(a));
    }
    std::stable_sort(type.attributes.begin(), type.attributes.end(),
                     [](const auto &a, const auto &b) { return a.order < b.order; });
    return type;
}

} // namespace

namespace {

// The service list: GeoReport v2's array of services or, as some cities and their mirrors
// publish it, the same services grouped by group name (an object whose keys are the groups,
// each holding that group's array of services; a service without its own "group" takes the key).
Result<QJsonArray> parseServiceArray(const QByteArray &json, const QString &origin)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return parseArray(json, origin);
    const QJsonObject groups = doc.object();
    QJsonArray flat;
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        if (!it.value().isArray()) {
            return formatError(
                origin, QCoreApplication::translate("Open311", "group \"%1\"").arg(it.key()),
                QCoreApplication::translate("Open311", "expected a JSON array of services "
                                                       "(a service list grouped by group "
                                                       "name)"));
        }
        for (const QJsonValue &value : it.value().toArray()) {
            QJsonObject service = value.toObject();
            if (text(service.value(u"group")).isEmpty())
                service.insert(QStringLiteral("group"), it.key());
            flat.append(service);
        }
    }
    return flat;
}

} // namespace

Result<ServiceList> parseServiceList(const QByteArray &json, const QString &origin)
{
    auto array = parseServiceArray(json, origin);
    if (!array)
        return array.error();
    ServiceList list;
    QSet<QString> codes;
    QSet<QString> departmentCodes;
    int index = 0;
    for (const QJsonValue &value : array.value()) {
        const QJsonObject object = value.toObject();
        ServiceType type;
        type.code = text(object.value(u"service_code")).trimmed();
        type.name = text(object.value(u"service_name")).trimmed();
        const QString where = QCoreApplication::translate("Open311", "service %1").arg(index + 1);
        if (type.code.isEmpty() || type.name.isEmpty()) {
            return formatError(origin, where,
                               QCoreApplication::translate("Open311",
                                                           "service_code and service_name are "
                                                           "required"));
        }
        if (codes.contains(type.code)) {
            return formatError(
                origin, where,
                QCoreApplication::translate("Open311", "duplicate service_code \"%1\"")
                    .arg(type.code));
        }
        codes.insert(type.code);
        type.description = text(object.value(u"description"));
        type.keywords = text(object.value(u"keywords"));
        type.group = text(object.value(u"group"));
        const QList<Department> departments =
            departmentsOf(object.value(u"definitions").toObject());
        for (const Department &d : departments) {
            if (!departmentCodes.contains(d.code)) {
                departmentCodes.insert(d.code);
                list.departments.append(d);
            }
        }
        if (!departments.isEmpty())
            type.departmentCode = departments.first().code;
        list.services.append(std::move(type));
        ++index;
    }
    return list;
}

Result<QList<ServiceType>> parseServiceDefinitions(const QByteArray &json, const QString &origin)
{
    auto array = parseArray(json, origin);
    if (!array)
        return array.error();
    QList<ServiceType> result;
    int index = 0;
    for (const QJsonValue &value : array.value()) {
        auto type = parseDefinition(value.toObject(), origin, index++);
        if (!type)
            return type.error();
        result.append(std::move(type).value());
    }
    return result;
}

QByteArray encodeServiceDefinition(const ServiceType &type)
{
    QJsonArray attributes;
    for (const ServiceAttribute &a : type.attributes) {
        QJsonObject object{{u"code"_s, a.code},
                           {u"order"_s, a.order},
                           {u"variable"_s, a.variable},
                           {u"required"_s, a.required},
                           {u"datatype"_s, datatypeName(a.datatype)},
                           {u"description"_s, a.description}};
        object.insert(u"datatype_description"_s,
                      a.datatypeDescription.isEmpty() ? QJsonValue() : a.datatypeDescription);
        if (a.isList()) {
            QJsonArray values;
            for (const AttributeValue &v : a.values)
                values.append(QJsonObject{{u"key"_s, v.key}, {u"name"_s, v.name}});
            object.insert(u"values"_s, values);
        }
        attributes.append(object);
    }
    return QJsonDocument(QJsonObject{{u"service_code"_s, type.code}, {u"attributes"_s, attributes}})
        .toJson(QJsonDocument::Compact);
}

} // namespace civicdesk::open311

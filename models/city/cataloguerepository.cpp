#include "models/city/cataloguerepository.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {

const QString typeColumns = QStringLiteral(
    "t.code, t.name, t.description, t.grp, t.keywords, t.department_code, t.has_definition, "
    "t.location_required, t.contact_rule, s.unit, s.value, s.source, t.emergency, "
    "t.emergency_script, t.duplicate_radius_m, t.duplicate_window_days, t.synonyms");

ServiceType typeFrom(const QSqlQuery &q)
{
    ServiceType t;
    t.code = q.value(0).toString();
    t.name = q.value(1).toString();
    t.description = q.value(2).toString();
    t.group = q.value(3).toString();
    t.keywords = q.value(4).toString();
    t.departmentCode = q.value(5).toString();
    t.hasDefinition = q.value(6).toBool();
    t.locationRequired = q.value(7).toBool();
    t.contactRule = contactRuleFromName(q.value(8).toString()).value_or(ContactRule::Ask);
    if (const auto unit = Sla::unitFromName(q.value(9).toString()))
        t.sla = Sla{*unit, q.value(10).toInt(), q.value(11).toString()};
    t.emergency = q.value(12).toBool();
    t.emergencyScript = q.value(13).toString();
    t.duplicateRadiusMeters = q.value(14).toInt();
    t.duplicateWindowDays = q.value(15).toInt();
    t.synonyms = q.value(16).toString();
    return t;
}

ServiceAttribute attributeFrom(const QSqlQuery &q)
{
    ServiceAttribute a;
    a.code = q.value(0).toString();
    a.order = q.value(1).toInt();
    a.variable = q.value(2).toBool();
    a.required = q.value(3).toBool();
    a.datatype = datatypeFromName(q.value(4).toString()).value_or(AttributeDatatype::String);
    a.datatypeDescription = q.value(5).toString();
    a.description = q.value(6).toString();
    const QJsonArray values = QJsonDocument::fromJson(q.value(7).toByteArray()).array();
    for (const QJsonValue &v : values)
        a.values.append({v[u"key"].toString(), v[u"name"].toString()});
    const QJsonObject deps = QJsonDocument::fromJson(q.value(8).toByteArray()).object();
    a.dependencies.all = deps.value(u"all").toBool();
    const QJsonArray conditions = deps.value(u"conditions").toArray();
    for (const QJsonValue &c : conditions)
        a.dependencies.conditions.append(
            {c[u"attribute"].toString(), c[u"op"].toString(), c[u"value"].toString()});
    return a;
}

} // namespace

CatalogueRepository::CatalogueRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

QList<ServiceType> CatalogueRepository::serviceTypes() const
{
    QList<ServiceType> types;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, u"SELECT " + typeColumns +
                          u" FROM service_types t LEFT JOIN slas s ON s.service_code = t.code "
                          u"ORDER BY t.request_count DESC, t.name"))
        return types;
    while (q.next())
        types.append(typeFrom(q));
    return types;
}

std::optional<ServiceType> CatalogueRepository::serviceType(const QString &code) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + typeColumns +
                       u" FROM service_types t LEFT JOIN slas s ON s.service_code = t.code "
                       u"WHERE t.code = ?",
                   {code}) ||
        !q.next())
        return std::nullopt;
    ServiceType type = typeFrom(q);
    if (!sql::exec(q,
                   QStringLiteral("SELECT code, ord, variable, required, datatype, "
                                  "datatype_description, description, values_json, "
                                  "dependencies_json FROM service_attributes WHERE "
                                  "service_code = ? ORDER BY ord"),
                   {code}))
        return type;
    while (q.next())
        type.attributes.append(attributeFrom(q));
    return type;
}

QList<Department> CatalogueRepository::departments() const
{
    QList<Department> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, QStringLiteral("SELECT code, name, phone, email, web_link FROM "
                                     "departments ORDER BY name")))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString()});
    return result;
}

std::optional<Department> CatalogueRepository::department(const QString &code) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   QStringLiteral("SELECT code, name, phone, email, web_link FROM departments "
                                  "WHERE code = ?"),
                   {code}) ||
        !q.next())
        return std::nullopt;
    return Department{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString(), q.value(4).toString()};
}

ServiceNames CatalogueRepository::serviceNames(const QString &language) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, QStringLiteral("SELECT value FROM meta WHERE key = 'city_service_names'")) ||
        !q.next())
        return ServiceNames::fromMeta(QString(), language);
    return ServiceNames::fromMeta(q.value(0).toString(), language);
}

} // namespace civicdesk

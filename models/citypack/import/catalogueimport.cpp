#include "models/citypack/import/catalogueimport.h"

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/import/importsupport.h"
#include "models/domain/categorynames.h"
#include "models/domain/servicenames.h"
#include "models/open311/servicesjson.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

QString json(const QJsonValue &value)
{
    return QString::fromUtf8(value.isArray()
                                 ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

} // namespace

Status importServices(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    auto data = readWholeFile(pack, pack.servicesFile);
    if (!data)
        return data.error();
    auto list = open311::parseServiceList(data.value(), pack.servicesFile);
    if (!list)
        return list.error();
    QSqlQuery q(db);
    for (const Department &d : list.value().departments) {
        if (auto s = sql::exec(
                q,
                QStringLiteral("INSERT INTO departments(code, name, phone, email, web_link) "
                               "VALUES(?, ?, ?, ?, ?) ON CONFLICT(code) DO UPDATE SET name = "
                               "excluded.name, phone = excluded.phone, email = excluded.email, "
                               "web_link = excluded.web_link"),
                {d.code, d.name, sql::nullable(d.phone), sql::nullable(d.email),
                 sql::nullable(d.webLink)});
            !s)
            return s;
    }
    for (const ServiceType &t : list.value().services) {
        if (auto s =
                sql::exec(q,
                          QStringLiteral("INSERT INTO service_types(code, name, description, grp, "
                                         "keywords, department_code) VALUES(?, ?, ?, ?, ?, ?) "
                                         "ON CONFLICT(code) DO UPDATE SET name = excluded.name, "
                                         "description = excluded.description, grp = excluded.grp, "
                                         "keywords = excluded.keywords, department_code = "
                                         "excluded.department_code"),
                          // description, group and keywords are optional in GeoReport v2
                          {t.code, t.name, sql::text(t.description), sql::text(t.group),
                           sql::text(t.keywords), sql::nullable(t.departmentCode)});
            !s)
            return s;
        // Definitions and SLAs are re-read below; clear what an earlier import left.
        for (const char16_t *table : {u"DELETE FROM service_attributes WHERE service_code = ?",
                                      u"DELETE FROM slas WHERE service_code = ?"}) {
            if (auto s = sql::exec(q, QString::fromUtf16(table), {t.code}); !s)
                return s;
        }
    }
    report.departments = int(list.value().departments.size());
    report.services = int(list.value().services.size());
    // Names for the people at the lobby's kiosk belong to the catalogue's own groups.
    if (!pack.categoryNames.isEmpty() && !list.value().services.isEmpty()) {
        QStringList groups;
        for (const ServiceType &t : list.value().services) {
            if (!t.group.isEmpty() && !groups.contains(t.group))
                groups.append(t.group);
        }
        std::sort(groups.begin(), groups.end());
        auto names = CategoryNames::fromJson(pack.categoryNames);
        if (!names)
            return names.error();
        if (const QStringList unknown = names.value().unknownAmong(groups); !unknown.isEmpty())
            return makeError(QStringLiteral("category_names.unknown"),
                             ImportText::tr("city.json: \"category_names\" names %1, which is "
                                            "not a group of the service list %2 (its groups: "
                                            "%3)")
                                 .arg(unknown.join(QStringLiteral(", ")), pack.servicesFile,
                                      groups.join(QStringLiteral(", "))));
    }
    // The types' names in the pack's languages belong to the list's own service codes.
    if (!pack.serviceNames.isEmpty()) {
        QStringList codes;
        for (const ServiceType &t : list.value().services)
            codes.append(t.code);
        std::sort(codes.begin(), codes.end());
        auto names = ServiceNames::fromJson(pack.serviceNames, pack.languages);
        if (!names)
            return names.error();
        if (const QStringList unknown = names.value().unknownAmong(codes); !unknown.isEmpty())
            return makeError(QStringLiteral("service_names.unknown"),
                             ImportText::tr("city.json: \"service_names\" names %1, which is "
                                            "not a service code of the service list %2; use a "
                                            "code of that list (%3, …) or remove the name")
                                 .arg(unknown.join(QStringLiteral(", ")), pack.servicesFile,
                                      codes.mid(0, 3).join(QStringLiteral(", "))));
    }
    return Ok{};
}

Status importDefinitions(QSqlDatabase &db, const CityPack &pack, ImportReport &report)
{
    QSqlQuery q(db);
    for (const QString &file : pack.definitionFiles) {
        auto data = readWholeFile(pack, file);
        if (!data)
            return data.error();
        auto types = open311::parseServiceDefinitions(data.value(), file);
        if (!types)
            return types.error();
        for (const ServiceType &t : types.value()) {
            if (auto s = sql::exec(q,
                                   QStringLiteral("UPDATE service_types SET has_definition = 1, "
                                                  "location_required = ?, contact_rule = ? "
                                                  "WHERE code = ?"),
                                   {t.locationRequired, contactRuleName(t.contactRule), t.code});
                !s)
                return s;
            if (q.numRowsAffected() != 1)
                return packFileError(
                    file,
                    ImportText::tr("defines \"%1\", which is not in the service list").arg(t.code));
            if (auto s = sql::exec(q,
                                   QStringLiteral("DELETE FROM service_attributes WHERE "
                                                  "service_code = ?"),
                                   {t.code});
                !s)
                return s;
            for (const ServiceAttribute &a : t.attributes) {
                QJsonArray values;
                for (const AttributeValue &v : a.values)
                    values.append(QJsonObject{{QStringLiteral("key"), v.key},
                                              {QStringLiteral("name"), v.name}});
                QJsonArray conditions;
                for (const AttributeCondition &c : a.dependencies.conditions)
                    conditions.append(QJsonObject{{QStringLiteral("attribute"), c.attribute},
                                                  {QStringLiteral("op"), c.op},
                                                  {QStringLiteral("value"), c.value}});
                const QJsonObject deps{{QStringLiteral("all"), a.dependencies.all},
                                       {QStringLiteral("conditions"), conditions}};
                if (auto s = sql::exec(
                        q,
                        QStringLiteral("INSERT INTO service_attributes(service_code, code, ord, "
                                       "variable, required, datatype, datatype_description, "
                                       "description, values_json, dependencies_json) "
                                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        {t.code, a.code, a.order, a.variable, a.required, datatypeName(a.datatype),
                         sql::nullable(a.datatypeDescription), a.description, json(values),
                         json(deps)});
                    !s)
                    return packFileError(
                        file, ImportText::tr("definition %1: %2").arg(t.code, s.error().message));
            }
            if (t.sla) {
                if (auto s = sql::exec(q,
                                       QStringLiteral("INSERT INTO slas(service_code, unit, "
                                                      "value, source) VALUES(?, ?, ?, "
                                                      "'definition') ON CONFLICT(service_code) "
                                                      "DO UPDATE SET unit = excluded.unit, value "
                                                      "= excluded.value, source = "
                                                      "excluded.source"),
                                       {t.code, Sla::unitName(t.sla->unit), t.sla->value});
                    !s)
                    return s;
                ++report.slasFromDefinitions;
            }
            ++report.definitions;
        }
    }
    return Ok{};
}

Status deriveSlas(QSqlDatabase &db, const QHash<QString, QList<double>> &targetHours,
                  ImportReport &report)
{
    QSqlQuery q(db);
    QStringList codes = targetHours.keys();
    codes.sort();
    for (const QString &code : codes) {
        QList<double> hours = targetHours.value(code);
        if (hours.size() < 5)
            continue;
        std::sort(hours.begin(), hours.end());
        const double median = hours.at(hours.size() / 2);
        const int rounded = std::max(1, int(std::lround(median)));
        const bool days = rounded >= 48 && rounded % 24 == 0;
        if (auto s =
                sql::exec(q,
                          QStringLiteral("INSERT INTO slas(service_code, unit, value, "
                                         "source) VALUES(?, ?, ?, 'history') ON "
                                         "CONFLICT(service_code) DO NOTHING"),
                          {code, days ? QStringLiteral("calendar_days") : QStringLiteral("hours"),
                           days ? rounded / 24 : rounded});
            !s)
            return s;
        report.slasFromHistory += q.numRowsAffected() > 0 ? 1 : 0;
    }
    return sql::exec(q, QStringLiteral("UPDATE service_types SET request_count = (SELECT "
                                       "count(*) FROM requests r WHERE r.service_code = "
                                       "service_types.code)"));
}

} // namespace civicdesk

#include "models/domain/supervision/clusterrulechange.h"

#include <QCoreApplication>

namespace civicdesk::clusterrulechange {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ClusterRuleChange)
};

QJsonObject ruleJson(const ClusterRule &rule)
{
    return {{QStringLiteral("count"), rule.count},
            {QStringLiteral("metres"), rule.metres},
            {QStringLiteral("hours"), rule.hours}};
}

} // namespace

QString entityType()
{
    return QStringLiteral("cluster_rules");
}

QString entityId()
{
    return QStringLiteral("city");
}

QString kind()
{
    return QStringLiteral("cluster.rules_set");
}

QJsonObject payload(const ClusterRules &before, const ClusterRules &after,
                    const QString &serviceCode, const QString &typeName)
{
    return {{QStringLiteral("rules"), after.toJson()},
            {QStringLiteral("service_code"), serviceCode},
            {QStringLiteral("type_name"), typeName},
            {QStringLiteral("before"), ruleJson(before.rule(serviceCode))},
            {QStringLiteral("after"), ruleJson(after.rule(serviceCode))}};
}

Status check(const QString &entityId, const QJsonObject &payload)
{
    if (entityId != clusterrulechange::entityId())
        return makeError(QStringLiteral("cluster_rules.entity"),
                         Text::tr("The cluster rules are one entity, \"%1\".")
                             .arg(clusterrulechange::entityId()));
    if (!payload.value(u"rules").isObject())
        return makeError(QStringLiteral("cluster_rules.rules"),
                         Text::tr("\"rules\" must be the rules in force, an object."));
    auto rules =
        ClusterRules::fromJson(payload.value(u"rules").toObject(), QStringLiteral("payload.rules"));
    if (!rules)
        return rules.error();
    if (!payload.value(u"service_code").isString() ||
        payload.value(u"service_code").toString().size() > 100 ||
        payload.value(u"type_name").toString().size() > 200)
        return makeError(QStringLiteral("cluster_rules.type"),
                         Text::tr("\"service_code\" must name the type changed (\"\" for the "
                                  "city-wide default), at most 100 characters."));
    for (const char *which : {"before", "after"}) {
        const QString key = QString::fromLatin1(which);
        if (!payload.value(key).isObject())
            return makeError(QStringLiteral("cluster_rules.") + key,
                             Text::tr("\"%1\" must be a rule: count, metres and hours.").arg(key));
        auto rule = ClusterRules::fromJson(
            QJsonObject{{QStringLiteral("default"), payload.value(key)}}, u"payload." + key);
        if (!rule)
            return rule.error();
    }
    if (ruleOf(payload, QStringLiteral("after")) !=
        rules.value().rule(payload.value(u"service_code").toString()))
        return makeError(QStringLiteral("cluster_rules.after"),
                         Text::tr("\"after\" must be the changed type's rule in \"rules\"."));
    return Ok{};
}

ClusterRules rulesOf(const QJsonObject &payload)
{
    auto rules = ClusterRules::fromJson(payload.value(u"rules").toObject());
    return rules ? rules.value() : ClusterRules{};
}

ClusterRule ruleOf(const QJsonObject &payload, const QString &which)
{
    auto rules =
        ClusterRules::fromJson(QJsonObject{{QStringLiteral("default"), payload.value(which)}});
    return rules ? rules.value().fallback : ClusterRule{};
}

} // namespace civicdesk::clusterrulechange

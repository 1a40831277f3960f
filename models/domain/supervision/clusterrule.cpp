#include "models/domain/supervision/clusterrule.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <algorithm>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ClusterRules)
};

Error bad(const QString &key, const QString &expected)
{
    return makeError(QStringLiteral("clusters.invalid"),
                     Text::tr("\"%1\" must be %2.").arg(key, expected));
}

// A whole number in [low, high] (a JSON number with no fraction).
std::optional<int> wholeIn(const QJsonValue &value, int low, int high)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (d != double(qint64(d)) || d < low || d > high)
        return std::nullopt;
    return int(d);
}

Result<ClusterRule> ruleFrom(const QJsonValue &value, const QString &key, const ClusterRule &base)
{
    if (!value.isObject())
        return bad(key, Text::tr("an object with \"count\", \"metres\" and \"hours\""));
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != u"count" && it.key() != u"metres" && it.key() != u"hours")
            return makeError(QStringLiteral("clusters.invalid"),
                             Text::tr("\"%1.%2\" is not a cluster setting: use count, metres "
                                      "or hours.")
                                 .arg(key, it.key()));
    }
    ClusterRule rule = base;
    if (o.contains(u"count")) {
        const auto count = wholeIn(o.value(u"count"), ClusterRule::MinCount, ClusterRule::MaxCount);
        if (!count)
            return bad(key + u".count", Text::tr("a whole number of requests from %1 to %2")
                                            .arg(ClusterRule::MinCount)
                                            .arg(ClusterRule::MaxCount));
        rule.count = *count;
    }
    if (o.contains(u"metres")) {
        const QJsonValue metres = o.value(u"metres");
        if (!metres.isDouble() || metres.toDouble() < ClusterRule::MinMetres ||
            metres.toDouble() > ClusterRule::MaxMetres)
            return bad(key + u".metres", Text::tr("a distance in metres from %1 to %2")
                                             .arg(ClusterRule::MinMetres)
                                             .arg(ClusterRule::MaxMetres));
        rule.metres = metres.toDouble();
    }
    if (o.contains(u"hours")) {
        const auto hours = wholeIn(o.value(u"hours"), ClusterRule::MinHours, ClusterRule::MaxHours);
        if (!hours)
            return bad(key + u".hours", Text::tr("a whole number of hours from %1 to %2")
                                            .arg(ClusterRule::MinHours)
                                            .arg(ClusterRule::MaxHours));
        rule.hours = *hours;
    }
    return rule;
}

QJsonObject ruleJson(const ClusterRule &rule)
{
    return {{QStringLiteral("count"), rule.count},
            {QStringLiteral("metres"), rule.metres},
            {QStringLiteral("hours"), rule.hours}};
}

} // namespace

const ClusterRule &ClusterRules::rule(const QString &serviceCode) const
{
    const auto it = byType.constFind(serviceCode);
    return it == byType.constEnd() ? fallback : *it;
}

int ClusterRules::longestHours() const
{
    int hours = fallback.hours;
    for (const ClusterRule &r : byType)
        hours = std::max(hours, r.hours);
    return hours;
}

Result<ClusterRules> ClusterRules::fromJson(const QJsonObject &json, const QString &key)
{
    ClusterRules rules;
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() != u"default" && it.key() != u"types")
            return makeError(QStringLiteral("clusters.invalid"),
                             Text::tr("\"%1.%2\" is not a cluster setting: use default or types.")
                                 .arg(key, it.key()));
    }
    if (json.contains(u"default")) {
        auto fallback = ruleFrom(json.value(u"default"), key + u".default", ClusterRule{});
        if (!fallback)
            return fallback.error();
        rules.fallback = fallback.value();
    }
    if (json.contains(u"types")) {
        if (!json.value(u"types").isObject())
            return bad(key + u".types", Text::tr("an object of service codes"));
        const QJsonObject types = json.value(u"types").toObject();
        for (auto it = types.begin(); it != types.end(); ++it) {
            if (it.key().trimmed().isEmpty())
                return bad(key + u".types", Text::tr("keyed by service codes, none empty"));
            // A type's rule starts from the default: {"count": 3} keeps its metres and hours.
            auto rule = ruleFrom(it.value(), key + u".types." + it.key(), rules.fallback);
            if (!rule)
                return rule.error();
            rules.byType.insert(it.key(), rule.value());
        }
    }
    return rules;
}

QJsonObject ClusterRules::toJson() const
{
    QJsonObject types;
    for (auto it = byType.begin(); it != byType.end(); ++it)
        types.insert(it.key(), ruleJson(it.value()));
    return {{QStringLiteral("default"), ruleJson(fallback)}, {QStringLiteral("types"), types}};
}

} // namespace civicdesk

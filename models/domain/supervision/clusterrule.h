#pragma once

#include "models/domain/result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace civicdesk {

// When requests of one type make a cluster: `count` requests within `metres` of one point,
// created within the last `hours` and still open.
struct ClusterRule
{
    static constexpr int MinCount = 2;
    static constexpr int MaxCount = 1000;
    static constexpr double MinMetres = 10;
    static constexpr double MaxMetres = 20000;
    static constexpr int MinHours = 1;
    static constexpr int MaxHours = 24 * 14;

    int count = 5;
    double metres = 200;
    int hours = 3;

    bool operator==(const ClusterRule &other) const = default;
};

// The city's cluster rules: a city-wide default and one rule per service code. Read from the
// city pack's "clusters" object (resources/cities/README.md) and from the supervisor's own
// changes, both in the same JSON shape:
//
//   {"default": {"count": 5, "metres": 200, "hours": 3},
//    "types": {"SNOWPLOW": {"count": 3, "metres": 300, "hours": 2}, ...}}
struct ClusterRules
{
    ClusterRule fallback;
    QHash<QString, ClusterRule> byType;

    const ClusterRule &rule(const QString &serviceCode) const;
    // The longest window of any rule, in hours.
    int longestHours() const;

    // Every value is checked; the first bad one is the error, naming its key ("clusters.types.
    // SNOWPLOW.metres") and the range it must be in.
    static Result<ClusterRules> fromJson(const QJsonObject &json,
                                         const QString &key = QStringLiteral("clusters"));
    QJsonObject toJson() const;

    bool operator==(const ClusterRules &other) const = default;
};

} // namespace civicdesk

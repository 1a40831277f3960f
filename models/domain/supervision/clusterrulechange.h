#pragma once

#include "models/domain/result.h"
#include "models/domain/supervision/clusterrule.h"

#include <QJsonObject>
#include <QString>

namespace civicdesk::clusterrulechange {

// A supervisor's change of a cluster rule is an event, so it syncs to every workstation and
// stays in the audit trail (who changed which rule, when, from what to what):
//
//   entity  cluster_rules / city (one entity: the city's rules)
//   kind    cluster.rules_set   (supervisors and admins only: domain/permissions/eventpermission.h)
//   payload {"rules": {...every rule in force after the change, in the city pack's shape},
//            "service_code": the type changed ("" for the city-wide default),
//            "type_name": its name, "before": {count, metres, hours}, "after": {...}}
//
// The latest such event (by the time it was made) gives the rules in force; before any, the
// city pack's.
QString entityType();
QString entityId();
QString kind();

QJsonObject payload(const ClusterRules &before, const ClusterRules &after,
                    const QString &serviceCode, const QString &typeName);
// Every part checked (both stores, before writing): the error names the part.
Status check(const QString &entityId, const QJsonObject &payload);

// What the payload says (after check()).
ClusterRules rulesOf(const QJsonObject &payload);
ClusterRule ruleOf(const QJsonObject &payload, const QString &which); // "before" or "after"

} // namespace civicdesk::clusterrulechange

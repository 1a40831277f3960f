#include "models/alerts/clusterrulelog.h"

#include "models/alerts/clusterwatch.h"
#include "models/domain/event.h"
#include "models/domain/supervision/clusterrulechange.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <algorithm>

namespace civicdesk {

ClusterRuleLog::ClusterRuleLog(Database &database, EventStore &events, QString actor, Clock clock)
    : m_database(database), m_events(events), m_actor(std::move(actor)), m_clock(std::move(clock))
{
}

Result<QString> ClusterRuleLog::change(const QString &serviceCode, const QString &typeName,
                                       const ClusterRule &rule)
{
    const ClusterRules before = ClusterWatch::rulesOf(m_database);
    ClusterRules after = before;
    if (serviceCode.isEmpty())
        after.fallback = rule;
    else
        after.byType.insert(serviceCode, rule);
    const QJsonObject payload = clusterrulechange::payload(before, after, serviceCode, typeName);
    // The same check as the central store's, so a value a supervisor types is held to the city
    // pack's range before anything is written.
    if (auto s = clusterrulechange::check(clusterrulechange::entityId(), payload); !s)
        return s.error();
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    const Event e =
        Event::make(clusterrulechange::entityType(), clusterrulechange::entityId(),
                    clusterrulechange::kind(), payload, m_actor, device.value(), m_clock.now());
    if (auto appended = m_events.append(e); !appended)
        return appended.error();
    return e.id;
}

QList<ClusterRuleChange> ClusterRuleLog::history() const
{
    QList<ClusterRuleChange> changes;
    for (const Event &e :
         m_events.eventsFor(clusterrulechange::entityType(), clusterrulechange::entityId())) {
        if (e.kind != clusterrulechange::kind())
            continue;
        changes.append({e.clientTime, e.actor, e.device,
                        e.payload.value(u"service_code").toString(),
                        e.payload.value(u"type_name").toString(),
                        clusterrulechange::ruleOf(e.payload, QStringLiteral("before")),
                        clusterrulechange::ruleOf(e.payload, QStringLiteral("after"))});
    }
    std::stable_sort(
        changes.begin(), changes.end(),
        [](const ClusterRuleChange &a, const ClusterRuleChange &b) { return a.at > b.at; });
    return changes;
}

} // namespace civicdesk

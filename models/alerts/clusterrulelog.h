#pragma once

#include "models/domain/clock.h"
#include "models/domain/result.h"
#include "models/domain/supervision/clusterrule.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace civicdesk {

class Database;
class EventStore;

// One change of a cluster rule as the audit trail shows it.
struct ClusterRuleChange
{
    QDateTime at; // when it was made, on its workstation
    QString actor;
    QString device;
    QString serviceCode; // "" for the city-wide default
    QString typeName;
    ClusterRule before;
    ClusterRule after;
};

// A supervisor's changes of the cluster rules: each one a cluster.rules_set event
// (domain/supervision/clusterrulechange.h), checked before anything is written, refused by the
// event store and the central store for anyone but supervisors and admins; and the trail of
// them, newest first.
class ClusterRuleLog
{
public:
    ClusterRuleLog(Database &database, EventStore &events, QString actor, Clock clock = {});

    // Sets the rule of `serviceCode` ("" for the city-wide default) on top of the rules in force;
    // returns the event's id. Bad values are refused with the key and range at fault.
    Result<QString> change(const QString &serviceCode, const QString &typeName,
                           const ClusterRule &rule);

    // Every change this store holds, the latest first.
    QList<ClusterRuleChange> history() const;

private:
    Database &m_database;
    EventStore &m_events;
    QString m_actor;
    Clock m_clock;
};

} // namespace civicdesk

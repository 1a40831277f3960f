#pragma once

#include "models/alerts/clusterdetector.h"
#include "models/domain/clock.h"
#include "models/domain/result.h"

#include <memory>

class QSqlQuery;

namespace civicdesk {

class Database;

// The cluster detector over this workstation's store. The rules are the city pack's
// ("clusters" in city.json, kept in the store as city_clusters) until a supervisor changes one:
// that is a cluster.rules_set event (domain/supervision/clusterrulechange.h), which syncs to
// every workstation and stays in the audit trail (ClusterRuleLog).
//
// start() reads the open requests of the last window once; then each update() reads only the
// request events appended since the last one (created, pulled from the central store, closed or
// reopened) and hands them to the detector: the day is never read again per event.
class ClusterWatch
{
public:
    static constexpr auto CityRulesKey = "city_clusters";

    ClusterWatch(Database &database, Clock clock = {});
    ~ClusterWatch();

    // The rules in force: the latest cluster.rules_set event's, else the city pack's, else the
    // defaults.
    static ClusterRules rulesOf(const Database &database);
    // The city pack's alone.
    static ClusterRules cityRulesOf(const Database &database);

    Status start();
    // Reads the new request events; returns whether a cluster changed.
    Result<bool> update();
    // Rules changed: reads the counting requests again.
    Status reload();

    QList<Cluster> clusters() const { return m_detector.clusters(); }
    const ClusterDetector &detector() const { return m_detector; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

private:
    Database &m_database;
    Clock m_clock;
    ClusterDetector m_detector;
    qint64 m_cursor = 0;
    std::unique_ptr<QSqlQuery> m_lastSeq;
    std::unique_ptr<QSqlQuery> m_newEvents;
};

} // namespace civicdesk

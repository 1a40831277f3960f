#pragma once

#include "models/alerts/clusterdetector.h"
#include "models/domain/clock.h"
#include "models/domain/result.h"

#include <memory>

class QSqlQuery;

namespace civicdesk {

class Database;

// The cluster detector over this workstation's store. The rules are the city pack's
// ("clusters" in city.json, kept in the store as city_clusters) unless a supervisor changed them
// here (kept as cluster_rules in this store's settings: an alert threshold is a setting of the
// supervisor's own view, like the wallboard's colours; what reaches every agent is the known
// issue a supervisor posts from a cluster, which is an event).
//
// start() reads the open requests of the last window once; then each update() reads only the
// request events appended since the last one (created, pulled from the central store, closed or
// reopened) and hands them to the detector: the day is never read again per event.
class ClusterWatch
{
public:
    static constexpr auto CityRulesKey = "city_clusters";
    static constexpr auto LocalRulesKey = "cluster_rules";

    ClusterWatch(Database &database, Clock clock = {});
    ~ClusterWatch();

    // The rules in force: the supervisor's here, else the city pack's, else the defaults.
    static ClusterRules rulesOf(const Database &database);
    // A supervisor's change of the rules, kept in this store (bad values are refused).
    static Status saveRules(Database &database, const ClusterRules &rules);
    // Back to the city pack's rules.
    static Status resetRules(Database &database);

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

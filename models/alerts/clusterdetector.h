#pragma once

#include "models/domain/supervision/clusterrule.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <set>
#include <utility>

namespace civicdesk {

// One open request as the cluster detector sees it.
struct ClusterRequest
{
    QString id;
    QString number;
    QString serviceCode;
    QString typeName;
    QString address;
    double latitude = 0;
    double longitude = 0;
    QDateTime createdAt;
};

struct Cluster
{
    int key = 0; // stable while the cluster lasts
    QString serviceCode;
    QString typeName;
    double latitude = 0; // the centre: the request that completed the cluster
    double longitude = 0;
    double metres = 0;              // the rule's radius around the centre
    QList<ClusterRequest> requests; // oldest first; the first is the parent request

    const ClusterRequest &parent() const { return requests.first(); }
    QDateTime first() const { return requests.first().createdAt; }
    QDateTime last() const { return requests.last().createdAt; }
};

// Clusters of requests, kept up to date one arriving request at a time (no re-scan of the day):
//
// - A request counts while it is open and at most `hours` old (created at or after now - T;
//   exactly T old still counts). Distances are great-circle metres; exactly R is within R.
// - A cluster forms when an arriving request brings the number of unclustered counting requests
//   of its type within R of one of them (the arriving request or one of its neighbours) to N:
//   that request's location is the cluster's centre, and every unclustered counting request of
//   the type within R of the centre joins it. Later requests of the type within R of a centre
//   join that cluster (the nearest centre).
// - A request that closes or grows older than T leaves its cluster; a cluster left with fewer
//   than N requests ends, and its requests count again as unclustered.
//
// Each type's counting requests sit in a grid of cells about R wide, so an arriving request
// looks at 3x3 cells of its own type only.
class ClusterDetector
{
public:
    explicit ClusterDetector(ClusterRules rules = {});

    const ClusterRules &rules() const { return m_rules; }
    // Forgets every request: the caller adds the counting ones again under the new rules.
    void setRules(ClusterRules rules);

    // Moves "now" on: requests older than their type's window leave. Returns whether a
    // cluster changed.
    bool advanceTo(const QDateTime &now);
    // An open request arriving (created, or pulled from the central store). One already held,
    // or already older than the window at "now", is ignored. Returns whether a cluster changed.
    bool add(const ClusterRequest &request);
    // A request closed. Returns whether a cluster changed.
    bool remove(const QString &requestId);

    QList<Cluster> clusters() const; // most requests first, then the latest first
    int counting() const { return int(m_entries.size()); }

private:
    struct Entry
    {
        ClusterRequest request;
        quint64 cell = 0;
        int cluster = 0; // 0: none
        qint64 expiresMs = 0;
    };
    struct Grid
    {
        double cellMetres = 0;
        QHash<quint64, QList<QString>> cells;
    };
    struct Group
    {
        int key = 0;
        QString serviceCode;
        QString typeName;
        double latitude = 0;
        double longitude = 0;
        double metres = 0;
        QList<QString> members;
    };

    quint64 cellOf(const Grid &grid, double latitude, double longitude) const;
    // Every counting request of the type within R of the point.
    QList<QString> near(const QString &serviceCode, double latitude, double longitude) const;
    bool within(const ClusterRequest &r, double latitude, double longitude, double metres) const;
    bool joinNearest(Entry &entry);
    void leave(const QString &requestId);

    ClusterRules m_rules;
    QDateTime m_now;
    double m_referenceLatitude = 0;
    bool m_haveReference = false;
    QHash<QString, Entry> m_entries;
    QHash<QString, Grid> m_grids; // by service code
    std::set<std::pair<qint64, QString>> m_expiry;
    QHash<int, Group> m_groups;
    int m_nextKey = 1;
};

} // namespace civicdesk

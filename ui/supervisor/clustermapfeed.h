#pragma once

#include "models/alerts/clusterwatch.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QObject>

class QTimer;

namespace civicdesk {

class MapView;

// The supervisor's cluster alerts on the main window's map: its own ClusterWatch over the store
// (updated as request events arrive, and every minute as requests grow older than the window)
// hands every cluster to the map as its area and count (ui/map/clusteroverlay.h). A click on a
// cluster's area comes back as clusterChosen (its parent request's id); select() draws one as
// selected and moves the view to it (the workspace's "Show on the map").
class ClusterMapFeed : public QObject
{
    Q_OBJECT

public:
    ClusterMapFeed(const SupervisorContext &context, MapView *map, QObject *parent = nullptr);

    // Draws the cluster whose parent request is `parentRequestId` as selected and moves the view
    // to it; false when there is no such cluster now.
    bool select(const QString &parentRequestId);
    const QList<Cluster> &clusters() const { return m_clusters; }
    QString selected() const { return m_selected; }
    // Reads the new request events (also on every store change).
    void update();
    // The rules changed (a cluster.rules_set event): counts again under the new ones.
    void reload();

signals:
    void clusterChosen(const QString &parentRequestId);

private:
    void show(bool pan);

    SupervisorContext m_context;
    MapView *m_map;
    ClusterWatch m_watch;
    QList<Cluster> m_clusters;
    QString m_selected;
    QTimer *m_tick;
};

} // namespace civicdesk

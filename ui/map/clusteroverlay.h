#pragma once

#include <QList>
#include <QString>

namespace civicdesk {

// A cluster alert as the map draws it (resources/map/clusterlayer.js): its area, a circle of
// `metres` around its centre, and how many requests it holds. `id` is its parent request's id,
// the same for the cluster in the workspace's list and on the map; `label` is the translated
// text of its tooltip.
struct MapCluster
{
    QString id;
    double latitude = 0;
    double longitude = 0;
    double metres = 0;
    int count = 0;
    QString label;

    bool operator==(const MapCluster &other) const = default;
};

namespace mapprotocol {

// {"clusters": [{"id", "lat", "lon", "metres", "count", "label"}], "selected": id, "pan": bool}:
// the page draws every cluster, the selected one thicker, and moves the view to it when `pan`.
QString encodeClusters(const QList<MapCluster> &clusters, const QString &selectedId, bool pan);

} // namespace mapprotocol

} // namespace civicdesk

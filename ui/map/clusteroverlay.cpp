#include "ui/map/clusteroverlay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk::mapprotocol {

QString encodeClusters(const QList<MapCluster> &clusters, const QString &selectedId, bool pan)
{
    QJsonArray list;
    bool selectedShown = false;
    for (const MapCluster &c : clusters) {
        list.append(QJsonObject{{QStringLiteral("id"), c.id},
                                {QStringLiteral("lat"), c.latitude},
                                {QStringLiteral("lon"), c.longitude},
                                {QStringLiteral("metres"), c.metres},
                                {QStringLiteral("count"), c.count},
                                {QStringLiteral("label"), c.label}});
        selectedShown = selectedShown || c.id == selectedId;
    }
    const QJsonObject all{{QStringLiteral("clusters"), list},
                          {QStringLiteral("selected"), selectedShown ? selectedId : QString()},
                          {QStringLiteral("pan"), pan && selectedShown}};
    return QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact));
}

} // namespace civicdesk::mapprotocol

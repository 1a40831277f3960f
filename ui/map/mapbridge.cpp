#include "ui/map/mapbridge.h"

#include "ui/map/maplogging.h"
#include "ui/map/mapprotocol.h"

#include <cmath>

namespace civicdesk {

MapBridge::MapBridge(QObject *parent) : QObject(parent) {}

int MapBridge::protocolVersion() const
{
    return mapprotocol::Version;
}

void MapBridge::hello(int version)
{
    if (version != mapprotocol::Version) {
        const QString reason = QStringLiteral("map page speaks protocol %1, CivicDesk speaks %2")
                                   .arg(version)
                                   .arg(mapprotocol::Version);
        qCCritical(lcMap).noquote() << reason;
        emit pageFailed(reason);
        return;
    }
    qCDebug(lcMap) << "map page ready, protocol" << version;
    emit pageReady();
}

void MapBridge::markerActivated(const QString &id)
{
    if (id.isEmpty() || id.size() > 200) {
        qCWarning(lcMap) << "ignored a marker activation without a valid id";
        return;
    }
    emit pageMarkerActivated(id);
}

void MapBridge::clusterActivated(const QString &id)
{
    if (id.isEmpty() || id.size() > 200) {
        qCWarning(lcMap) << "ignored a cluster activation without a valid id";
        return;
    }
    emit pageClusterActivated(id);
}

void MapBridge::locationChosen(double latitude, double longitude, const QString &how)
{
    if (!std::isfinite(latitude) || !std::isfinite(longitude) || std::abs(latitude) > 90 ||
        std::abs(longitude) > 180) {
        qCWarning(lcMap) << "ignored a pick outside the globe:" << latitude << longitude;
        return;
    }
    emit pageLocationChosen(latitude, longitude, how == u"keyboard");
}

void MapBridge::rendered(const QString &what, int count, double milliseconds)
{
    qCDebug(lcMap).noquote() << "rendered" << what << count << "in" << milliseconds << "ms";
    emit pageRendered(what, count, milliseconds);
}

void MapBridge::reportError(const QString &message, const QString &source, int line)
{
    qCWarning(lcMap).noquote() << "JavaScript error:" << message.left(2000)
                               << (source.isEmpty() ? QString()
                                                    : source + u':' + QString::number(line));
}

} // namespace civicdesk

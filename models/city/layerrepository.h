#pragma once

#include "models/city/layersimplifier.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace civicdesk {

class Database;

struct LayerInfo
{
    QString id;
    QString kind;
    QString title;
    QString nameProperty;
    int featureCount = 0;
    double minLat = 0, minLon = 0, maxLat = 0, maxLon = 0;
};

// Reads the city's map layers and place counts (addresses, intersections).
class LayerRepository
{
public:
    explicit LayerRepository(const Database &database);

    QList<LayerInfo> layers() const;
    QByteArray geoJson(const QString &id) const; // the layer as imported
    // The same as stored (zlib, qUncompress() gives geoJson()): cheap to hand to a worker.
    QByteArray compressedGeoJson(const QString &id) const;
    // The map's view of the layer at a level of detail as the city import stored it
    // (layersimplifier::viewOf); none for a store imported before views were stored.
    std::optional<QByteArray> storedView(const QString &id, LayerDetail detail) const;
    // Whether every layer has both views stored.
    bool viewsStored() const;
    int addressCount() const;
    int intersectionCount() const;

private:
    int countOf(const QString &statement) const;
    QString m_connection;
};

} // namespace civicdesk

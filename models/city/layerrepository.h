#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

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
    int addressCount() const;
    int intersectionCount() const;

private:
    int countOf(const QString &statement) const;
    QString m_connection;
};

} // namespace civicdesk

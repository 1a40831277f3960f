#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace civicdesk {

struct Districts
{
    QString neighborhood;
    QString ward;
    QString precinct;
    QString zip;
    QString jurisdiction;   // the neighbouring jurisdiction's polygon the point lies in, if any
    bool insideCity = true; // false when a boundary layer exists and the point is outside it
};

// Finds the districts a point lies in, from the city's own polygon layers (GeoJSON in
// longitude/latitude): point in polygon with bounding-box filtering, holes respected.
class DistrictLocator
{
public:
    // `kind` is the pack's layer kind: boundary, neighborhood, ward, precinct, zip or
    // jurisdiction (neighbouring towns and agencies, named as in the referral list). Other kinds
    // are ignored. Returns false if the GeoJSON cannot be read.
    bool addLayer(const QString &kind, const QString &nameProperty, const QByteArray &geoJson);
    Districts locate(double latitude, double longitude) const;
    bool hasBoundary() const { return m_hasBoundary; }

private:
    struct Polygon
    {
        QString kind;
        QString name;
        double minLon, minLat, maxLon, maxLat;
        QList<QList<std::pair<double, double>>> rings; // outer first, then holes; (lon, lat)
        bool contains(double lon, double lat) const;
    };
    QList<Polygon> m_polygons;
    bool m_hasBoundary = false;
};

} // namespace civicdesk

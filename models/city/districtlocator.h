#pragma once

#include "models/city/madeinbackground.h"

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
// longitude/latitude): point in polygon with bounding-box filtering, holes respected. The
// workstation reads the layers in the background (inBackground()) while its window opens; a
// question asked before then waits for them. Used from one thread.
class DistrictLocator
{
public:
    using Make = MadeInBackground<DistrictLocator>::Make;

    // The locator `there` makes on a thread of its own, started at once; `here` (on the asking
    // thread) when `there` gives nothing.
    static DistrictLocator inBackground(Make there, Make here);
    // Whether the layers of `kind` are read by addLayer() (the others need not be read at all).
    static bool reads(const QString &kind);
    // `kind` is the pack's layer kind: boundary, neighborhood, ward, precinct, zip or
    // jurisdiction (neighbouring towns and agencies, named as in the referral list). Other kinds
    // are ignored. Returns false if the GeoJSON cannot be read.
    bool addLayer(const QString &kind, const QString &nameProperty, const QByteArray &geoJson);
    Districts locate(double latitude, double longitude) const;
    bool hasBoundary() const { return settled().m_hasBoundary; }

private:
    struct Polygon
    {
        QString kind;
        QString name;
        double minLon, minLat, maxLon, maxLat;
        QList<QList<std::pair<double, double>>> rings; // outer first, then holes; (lon, lat)
        bool contains(double lon, double lat) const;
    };
    // This locator with what the background made, once it is there (waiting for it).
    const DistrictLocator &settled() const;

    // Mutable: filled in by settled() from the background's locator.
    mutable MadeInBackground<DistrictLocator> m_pending;
    mutable QList<Polygon> m_polygons;
    mutable bool m_hasBoundary = false;
};

} // namespace civicdesk

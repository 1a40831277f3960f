#pragma once

#include <QHash>
#include <QList>
#include <QPointF>
#include <array>

namespace civicdesk {

// One hexagonal cell: its centre, its six corners (x = longitude, y = latitude) and how many
// points fell in it.
struct HexCell
{
    double latitude = 0;
    double longitude = 0;
    std::array<QPointF, 6> corners;
    int count = 0;
};

// Counts points in pointy-top hexagons of a fixed size (centre to centre, in metres) on a local
// flat projection around an origin: accurate enough over a city, and no external library.
class HexBinner
{
public:
    HexBinner(double originLatitude, double originLongitude, double cellMeters);

    void add(double latitude, double longitude);
    int pointCount() const { return m_points; }
    // The cells holding at least one point, the fullest first.
    QList<HexCell> cells() const;

private:
    struct Axial
    {
        int q = 0;
        int r = 0;
    };
    Axial cellOf(double x, double y) const;
    static quint64 keyOf(Axial a);

    double m_originLat;
    double m_originLon;
    double m_metersPerDegLat;
    double m_metersPerDegLon;
    double m_size; // centre to corner, metres
    QHash<quint64, int> m_counts;
    int m_points = 0;
};

} // namespace civicdesk

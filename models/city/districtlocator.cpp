#include "models/city/districtlocator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace civicdesk {

namespace {

bool ringContains(const QList<std::pair<double, double>> &ring, double x, double y)
{
    // Through a pointer, not at() and structured bindings: a debug build calls functions for
    // those at every vertex, and a city boundary has thousands (the import checks 5,000 request
    // points against it: about half of a debug import's own time went here).
    const std::pair<double, double> *const points = ring.constData();
    const qsizetype n = ring.size();
    bool inside = false;
    for (qsizetype i = 0, j = n - 1; i < n; j = i++) {
        const double xi = points[i].first, yi = points[i].second;
        const double xj = points[j].first, yj = points[j].second;
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
    }
    return inside;
}

QString propertyText(const QJsonValue &value)
{
    if (value.isDouble())
        return QString::number(value.toDouble());
    return value.toString();
}

} // namespace

bool DistrictLocator::Polygon::contains(double lon, double lat) const
{
    if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat || rings.isEmpty())
        return false;
    if (!ringContains(rings.first(), lon, lat))
        return false;
    for (qsizetype i = 1; i < rings.size(); ++i) {
        if (ringContains(rings.at(i), lon, lat))
            return false;
    }
    return true;
}

DistrictLocator DistrictLocator::inBackground(Make there, Make here)
{
    DistrictLocator locator;
    locator.m_pending = MadeInBackground<DistrictLocator>(std::move(there), std::move(here));
    return locator;
}

const DistrictLocator &DistrictLocator::settled() const
{
    if (!m_pending.isPending())
        return *this;
    if (const std::shared_ptr<DistrictLocator> made = m_pending.take()) {
        const DistrictLocator &built = made->settled();
        m_polygons += built.m_polygons;
        m_hasBoundary = m_hasBoundary || built.m_hasBoundary;
    }
    return *this;
}

bool DistrictLocator::reads(const QString &kind)
{
    static const QStringList kinds = {QStringLiteral("boundary"), QStringLiteral("neighborhood"),
                                      QStringLiteral("ward"),     QStringLiteral("precinct"),
                                      QStringLiteral("zip"),      QStringLiteral("jurisdiction")};
    return kinds.contains(kind);
}

bool DistrictLocator::addLayer(const QString &kind, const QString &nameProperty,
                               const QByteArray &geoJson)
{
    settled();
    if (!reads(kind))
        return true;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(geoJson, &error);
    if (error.error != QJsonParseError::NoError)
        return false;
    const QJsonArray features = doc.object().value(u"features").toArray();
    for (const QJsonValue &f : features) {
        const QJsonObject feature = f.toObject();
        const QJsonObject geometry = feature.value(u"geometry").toObject();
        const QString name =
            propertyText(feature.value(u"properties").toObject().value(nameProperty));
        QJsonArray polygons;
        if (geometry.value(u"type").toString() == u"Polygon")
            polygons.append(geometry.value(u"coordinates"));
        else if (geometry.value(u"type").toString() == u"MultiPolygon")
            polygons = geometry.value(u"coordinates").toArray();
        for (const QJsonValue &p : std::as_const(polygons)) {
            Polygon polygon{kind, name, 180, 90, -180, -90, {}};
            const QJsonArray rings = p.toArray();
            for (const QJsonValue &r : rings) {
                QList<std::pair<double, double>> ring;
                const QJsonArray points = r.toArray();
                ring.reserve(points.size());
                for (const QJsonValue &pt : points) {
                    const QJsonArray xy = pt.toArray();
                    const double lon = xy.at(0).toDouble();
                    const double lat = xy.at(1).toDouble();
                    ring.append({lon, lat});
                    polygon.minLon = std::min(polygon.minLon, lon);
                    polygon.maxLon = std::max(polygon.maxLon, lon);
                    polygon.minLat = std::min(polygon.minLat, lat);
                    polygon.maxLat = std::max(polygon.maxLat, lat);
                }
                polygon.rings.append(std::move(ring));
            }
            m_polygons.append(std::move(polygon));
        }
    }
    if (kind == u"boundary")
        m_hasBoundary = true;
    return true;
}

Districts DistrictLocator::locate(double latitude, double longitude) const
{
    settled();
    Districts d;
    bool inBoundary = false;
    for (const Polygon &p : m_polygons) {
        if (!p.contains(longitude, latitude))
            continue;
        if (p.kind == u"boundary")
            inBoundary = true;
        else if (p.kind == u"neighborhood" && d.neighborhood.isEmpty())
            d.neighborhood = p.name;
        else if (p.kind == u"ward" && d.ward.isEmpty())
            d.ward = p.name;
        else if (p.kind == u"precinct" && d.precinct.isEmpty())
            d.precinct = p.name;
        else if (p.kind == u"zip" && d.zip.isEmpty())
            d.zip = p.name;
        else if (p.kind == u"jurisdiction" && d.jurisdiction.isEmpty())
            d.jurisdiction = p.name;
    }
    d.insideCity = !m_hasBoundary || inBoundary;
    return d;
}

} // namespace civicdesk

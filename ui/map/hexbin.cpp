#include "ui/map/hexbin.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>

namespace civicdesk {

namespace {
const double sqrt3 = std::sqrt(3.0);
}

HexBinner::HexBinner(double originLatitude, double originLongitude, double cellMeters)
    : m_originLat(originLatitude), m_originLon(originLongitude), m_metersPerDegLat(111320.0),
      m_metersPerDegLon(111320.0 *
                        std::max(0.01, std::cos(originLatitude * std::numbers::pi / 180))),
      m_size(std::max(1.0, cellMeters) / sqrt3)
{
}

HexBinner::Axial HexBinner::cellOf(double x, double y) const
{
    // Fractional axial coordinates, then cube rounding.
    const double q = (sqrt3 / 3 * x - 1.0 / 3 * y) / m_size;
    const double r = (2.0 / 3 * y) / m_size;
    const double s = -q - r;
    double rq = std::round(q), rr = std::round(r);
    const double rs = std::round(s);
    const double dq = std::abs(rq - q), dr = std::abs(rr - r), ds = std::abs(rs - s);
    if (dq > dr && dq > ds)
        rq = -rr - rs;
    else if (dr > ds)
        rr = -rq - rs;
    return {int(rq), int(rr)};
}

quint64 HexBinner::keyOf(Axial a)
{
    return (quint64(quint32(a.q)) << 32) | quint32(a.r);
}

void HexBinner::add(double latitude, double longitude)
{
    if (!std::isfinite(latitude) || !std::isfinite(longitude))
        return;
    const double x = (longitude - m_originLon) * m_metersPerDegLon;
    const double y = (latitude - m_originLat) * m_metersPerDegLat;
    ++m_counts[keyOf(cellOf(x, y))];
    ++m_points;
}

QList<HexCell> HexBinner::cells() const
{
    QList<HexCell> result;
    result.reserve(m_counts.size());
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        const int q = int(qint32(quint32(it.key() >> 32)));
        const int r = int(qint32(quint32(it.key() & 0xffffffffu)));
        const double cx = m_size * (sqrt3 * q + sqrt3 / 2 * r);
        const double cy = m_size * (1.5 * r);
        HexCell cell;
        cell.count = it.value();
        cell.latitude = m_originLat + cy / m_metersPerDegLat;
        cell.longitude = m_originLon + cx / m_metersPerDegLon;
        for (int i = 0; i < 6; ++i) {
            const double angle = std::numbers::pi / 180 * (60 * i - 30);
            cell.corners[std::size_t(i)] =
                QPointF(m_originLon + (cx + m_size * std::cos(angle)) / m_metersPerDegLon,
                        m_originLat + (cy + m_size * std::sin(angle)) / m_metersPerDegLat);
        }
        result.append(cell);
    }
    std::sort(result.begin(), result.end(), [](const HexCell &a, const HexCell &b) {
        return a.count != b.count
                   ? a.count > b.count
                   : std::tie(a.latitude, a.longitude) < std::tie(b.latitude, b.longitude);
    });
    return result;
}

} // namespace civicdesk

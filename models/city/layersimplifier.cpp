#include "models/city/layersimplifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <vector>

namespace civicdesk::layersimplifier {

namespace {

struct Point
{
    double lon = 0;
    double lat = 0;
};

using Line = std::vector<Point>;

Line pointsOf(const QJsonArray &coordinates, double scale)
{
    Line line;
    line.reserve(size_t(coordinates.size()));
    for (const QJsonValue &v : coordinates) {
        const QJsonArray pair = v.toArray();
        if (pair.size() < 2)
            continue;
        // Rounded to the level's precision; a point that rounds onto the previous one goes.
        const Point p{std::round(pair.at(0).toDouble() * scale) / scale,
                      std::round(pair.at(1).toDouble() * scale) / scale};
        if (line.empty() || line.back().lon != p.lon || line.back().lat != p.lat)
            line.push_back(p);
    }
    return line;
}

// Squared distance from p to the segment a-b, longitude shrunk to ground distance.
double distance2(const Point &p, const Point &a, const Point &b, double lonScale)
{
    const double ax = a.lon * lonScale, bx = b.lon * lonScale, px = p.lon * lonScale;
    double dx = bx - ax, dy = b.lat - a.lat;
    double t = 0;
    const double length2 = dx * dx + dy * dy;
    if (length2 > 0)
        t = std::clamp(((px - ax) * dx + (p.lat - a.lat) * dy) / length2, 0.0, 1.0);
    dx = ax + t * dx - px;
    dy = a.lat + t * (b.lat - a.lat) - p.lat;
    return dx * dx + dy * dy;
}

// Douglas-Peucker without recursion: keeps the ends and every point further than the tolerance
// from the simplified line.
Line simplified(const Line &line, double tolerance)
{
    if (line.size() < 3 || tolerance <= 0)
        return line;
    const double lonScale = std::cos(line.front().lat * 3.14159265358979 / 180.0);
    const double tolerance2 = tolerance * tolerance;
    std::vector<bool> keep(line.size(), false);
    keep.front() = keep.back() = true;
    std::vector<std::pair<size_t, size_t>> stack{{0, line.size() - 1}};
    while (!stack.empty()) {
        const auto [first, last] = stack.back();
        stack.pop_back();
        double worst = 0;
        size_t index = first;
        for (size_t i = first + 1; i < last; ++i) {
            const double d = distance2(line[i], line[first], line[last], lonScale);
            if (d > worst) {
                worst = d;
                index = i;
            }
        }
        if (worst > tolerance2) {
            keep[index] = true;
            stack.push_back({first, index});
            stack.push_back({index, last});
        }
    }
    Line result;
    for (size_t i = 0; i < line.size(); ++i) {
        if (keep[i])
            result.push_back(line[i]);
    }
    return result;
}

class Writer
{
public:
    explicit Writer(LayerDetail detail)
        : m_level(levelOf(detail)), m_scale(std::pow(10.0, m_level.decimals))
    {
    }

    QByteArray out;
    // The type and coordinates of the last geometry appended (not of a GeometryCollection).
    QString lastType;
    QByteArray lastBody;

    // Appends the geometry; false (and nothing appended) when nothing of it is left.
    bool geometry(const QJsonObject &geometry)
    {
        const QString type = geometry.value(u"type").toString();
        const QJsonArray coordinates = geometry.value(u"coordinates").toArray();
        QByteArray body;
        if (type == u"Point" || type == u"MultiPoint") {
            const Line points = pointsOf(
                type == u"Point" ? QJsonArray{QJsonValue(coordinates)} : coordinates, m_scale);
            if (points.empty())
                return false;
            body = type == u"Point" ? point(points.front()) : line(points);
        } else if (type == u"LineString" || type == u"MultiLineString") {
            const QJsonArray lines =
                type == u"LineString" ? QJsonArray{QJsonValue(coordinates)} : coordinates;
            QByteArrayList parts;
            for (const QJsonValue &l : lines) {
                const Line kept = simplified(pointsOf(l.toArray(), m_scale), m_level.tolerance);
                if (kept.size() >= 2)
                    parts.append(line(kept));
            }
            if (parts.isEmpty())
                return false;
            body = type == u"LineString" ? parts.front() : list(parts);
        } else if (type == u"Polygon" || type == u"MultiPolygon") {
            const QJsonArray polygons =
                type == u"Polygon" ? QJsonArray{QJsonValue(coordinates)} : coordinates;
            QByteArrayList parts;
            for (const QJsonValue &p : polygons) {
                QByteArray kept = polygon(p.toArray());
                if (!kept.isEmpty())
                    parts.append(kept);
            }
            if (parts.isEmpty())
                return false;
            body = type == u"Polygon" ? parts.front() : list(parts);
        } else if (type == u"GeometryCollection") {
            lastType.clear();
            const QByteArray before = out;
            QByteArrayList parts;
            for (const QJsonValue &g : geometry.value(u"geometries").toArray()) {
                out.clear();
                if (this->geometry(g.toObject()))
                    parts.append(out);
            }
            out = before;
            if (parts.isEmpty())
                return false;
            out += R"({"type":"GeometryCollection","geometries":)" + list(parts) + '}';
            return true;
        } else {
            return false;
        }
        out += R"({"type":")" + type.toLatin1() + R"(","coordinates":)" + body + '}';
        lastType = type;
        lastBody = body;
        return true;
    }

private:
    QByteArray number(double value) const
    {
        QByteArray text = QByteArray::number(value, 'f', m_level.decimals);
        if (text.contains('.')) {
            while (text.endsWith('0'))
                text.chop(1);
            if (text.endsWith('.'))
                text.chop(1);
        }
        return text;
    }

    QByteArray point(const Point &p) const
    {
        return '[' + number(p.lon) + ',' + number(p.lat) + ']';
    }

    QByteArray line(const Line &points) const
    {
        QByteArray text = "[";
        for (const Point &p : points) {
            if (text.size() > 1)
                text += ',';
            text += point(p);
        }
        return text + ']';
    }

    static QByteArray list(const QByteArrayList &parts) { return '[' + parts.join(',') + ']'; }

    // A polygon without its rings that shrank below a triangle; empty if its outer ring did.
    QByteArray polygon(const QJsonArray &rings)
    {
        QByteArrayList kept;
        for (qsizetype i = 0; i < rings.size(); ++i) {
            Line ring = simplified(pointsOf(rings.at(i).toArray(), m_scale), m_level.tolerance);
            if (ring.size() >= 3 &&
                (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat))
                ring.push_back(ring.front());
            if (ring.size() < 4) {
                if (i == 0)
                    return {};
                continue;
            }
            kept.append(line(ring));
        }
        return list(kept);
    }

    Level m_level;
    double m_scale;
};

} // namespace

Level levelOf(LayerDetail detail)
{
    switch (detail) {
    case LayerDetail::Overview:
        return {0.00006, 5};
    case LayerDetail::Street:
        break;
    }
    return {0.000004, 6};
}

QString nameOf(LayerDetail detail)
{
    return detail == LayerDetail::Overview ? QStringLiteral("overview") : QStringLiteral("street");
}

bool mergedAtOverview(const QString &kind)
{
    return kind == u"street" || kind == u"open_space" || kind == u"precinct";
}

QByteArray simplify(const QByteArray &geoJson, const QString &nameProperty, LayerDetail detail,
                    Features features)
{
    const QJsonObject root = QJsonDocument::fromJson(geoJson).object();
    Writer writer(detail);
    writer.out.reserve(geoJson.size() / 2);
    writer.out += R"({"type":"FeatureCollection","features":[)";
    // Merged: the lines' and the polygons' coordinates, each an element of a Multi- geometry.
    QByteArrayList lines, polygons;
    bool first = true;
    if (root.value(u"type").toString() == u"FeatureCollection") {
        const QJsonArray all = root.value(u"features").toArray();
        for (const QJsonValue &f : all) {
            const QJsonObject feature = f.toObject();
            const qsizetype mark = writer.out.size();
            writer.out += first ? "{" : ",{";
            writer.out += R"("type":"Feature","properties":)";
            QJsonObject properties;
            const QJsonValue name = feature.value(u"properties").toObject().value(nameProperty);
            if (features == Features::Kept && !nameProperty.isEmpty() && !name.isUndefined() &&
                !name.isNull())
                properties.insert(nameProperty, name);
            writer.out += QJsonDocument(properties).toJson(QJsonDocument::Compact);
            writer.out += R"(,"geometry":)";
            if (!writer.geometry(feature.value(u"geometry").toObject())) {
                writer.out.truncate(mark);
                continue;
            }
            if (features == Features::Merged && !writer.lastType.isEmpty()) {
                const QString &type = writer.lastType;
                const QByteArray &body = writer.lastBody;
                QByteArrayList *into = type.endsWith(u"LineString") ? &lines
                                       : type.endsWith(u"Polygon")  ? &polygons
                                                                    : nullptr;
                if (into) {
                    // A Multi- geometry's elements without its brackets, or the one element.
                    into->append(type.startsWith(u"Multi") ? body.mid(1, body.size() - 2) : body);
                    writer.out.truncate(mark);
                    continue;
                }
            }
            writer.out += '}';
            first = false;
        }
    }
    for (const auto &[type, parts] :
         {std::pair{"MultiLineString", &lines}, std::pair{"MultiPolygon", &polygons}}) {
        if (parts->isEmpty())
            continue;
        writer.out += first ? "{" : ",{";
        writer.out += R"("type":"Feature","properties":{},"geometry":{"type":")" +
                      QByteArray(type) + R"(","coordinates":[)" + parts->join(',') + "]}}";
        first = false;
    }
    writer.out += "]}";
    return writer.out;
}

QByteArray viewOf(const QByteArray &geoJson, const QString &nameProperty, const QString &kind,
                  LayerDetail detail)
{
    const bool merged = detail == LayerDetail::Overview && mergedAtOverview(kind);
    return simplify(geoJson, nameProperty, detail, merged ? Features::Merged : Features::Kept);
}

} // namespace civicdesk::layersimplifier

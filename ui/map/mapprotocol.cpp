#include "ui/map/mapprotocol.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

namespace civicdesk::mapprotocol {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString compact(const QJsonArray &array)
{
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

// Appends `text` as a JSON string (the bulk encoder builds its text directly: 100,000 requests
// through QJsonArray would cost several times as much).
void appendJsonString(QString &out, const QString &text)
{
    out.append(u'"');
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'"' || u == u'\\') {
            out.append(u'\\');
            out.append(c);
        } else if (u < 0x20) {
            out.append(QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0')));
        } else {
            out.append(c);
        }
    }
    out.append(u'"');
}

void appendCoordinate(QString &out, double value)
{
    out.append(QString::number(value, 'f', 6));
}

} // namespace

int statusIndex(RequestStatus status)
{
    switch (status) {
    case RequestStatus::Open:
        return 0;
    case RequestStatus::InProgress:
        return 1;
    case RequestStatus::Closed:
        return 2;
    }
    return 0;
}

QString typeMark(const QString &typeName)
{
    static const QSet<QString> minor = {
        QStringLiteral("a"),   QStringLiteral("an"),      QStringLiteral("and"),
        QStringLiteral("at"),  QStringLiteral("for"),     QStringLiteral("in"),
        QStringLiteral("of"),  QStringLiteral("on"),      QStringLiteral("or"),
        QStringLiteral("the"), QStringLiteral("to"),      QStringLiteral("request"),
        QStringLiteral("req"), QStringLiteral("requests")};
    QString mark;
    const QStringList words =
        typeName.split(QRegularExpression(QStringLiteral("[^\\p{L}\\p{N}]+")), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (minor.contains(word.toLower()))
            continue;
        mark.append(word.at(0).toUpper());
        if (mark.size() == 2)
            break;
    }
    if (mark.isEmpty() && !words.isEmpty())
        mark = words.first().left(1).toUpper();
    return mark.isEmpty() ? QStringLiteral("?") : mark;
}

QString encodeConfig(const MapConfig &config, const QHash<QString, QString> &labels)
{
    QJsonObject o;
    o.insert(QStringLiteral("v"), Version);
    o.insert(QStringLiteral("center"), QJsonArray{config.centerLatitude, config.centerLongitude});
    o.insert(QStringLiteral("zoom"), config.zoom);
    if (config.hasBounds)
        o.insert(QStringLiteral("bounds"),
                 QJsonArray{QJsonArray{config.minLatitude, config.minLongitude},
                            QJsonArray{config.maxLatitude, config.maxLongitude}});
    o.insert(QStringLiteral("attribution"), config.attribution);
    o.insert(QStringLiteral("tileUrl"), config.tileUrl);
    o.insert(QStringLiteral("tileAttribution"), config.tileAttribution);
    QJsonObject l;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        l.insert(it.key(), it.value());
    l.insert(QStringLiteral("locale"), config.locale);
    o.insert(QStringLiteral("labels"), l);
    return compact(o);
}

QString encodeRequests(const QList<MapRequestPoint> &requests)
{
    QHash<QString, int> typeIndex;
    QString types, ids, numbers, points;
    ids.reserve(requests.size() * 24);
    numbers.reserve(requests.size() * 16);
    points.reserve(requests.size() * 26);
    for (const MapRequestPoint &r : requests) {
        const QString key = r.serviceCode.isEmpty() ? r.typeName : r.serviceCode;
        auto it = typeIndex.constFind(key);
        if (it == typeIndex.cend()) {
            it = typeIndex.insert(key, int(typeIndex.size()));
            if (!types.isEmpty())
                types.append(u',');
            types.append(u"{\"code\":");
            appendJsonString(types, r.serviceCode);
            types.append(u",\"name\":");
            appendJsonString(types, r.typeName);
            types.append(u",\"mark\":");
            appendJsonString(types, typeMark(r.typeName));
            types.append(u'}');
        }
        if (!ids.isEmpty()) {
            ids.append(u',');
            numbers.append(u',');
            points.append(u',');
        }
        appendJsonString(ids, r.id);
        appendJsonString(numbers, r.number);
        appendCoordinate(points, r.latitude);
        points.append(u',');
        appendCoordinate(points, r.longitude);
        points.append(u',');
        points.append(QChar(u'0' + statusIndex(r.status)));
        points.append(u',');
        points.append(QString::number(it.value()));
    }
    return u"{\"v\":" + QString::number(Version) + u",\"types\":[" + types + u"],\"ids\":[" + ids +
           u"],\"numbers\":[" + numbers + u"],\"points\":[" + points + u"]}";
}

QString encodeSelection(const MapMarker &marker, bool pan)
{
    if (marker.id.isEmpty())
        return QStringLiteral("{}");
    return compact(QJsonObject{{QStringLiteral("id"), marker.id},
                               {QStringLiteral("lat"), marker.latitude},
                               {QStringLiteral("lon"), marker.longitude},
                               {QStringLiteral("label"), marker.label},
                               {QStringLiteral("pan"), pan}});
}

QString encodeLocation(const std::optional<MapMarker> &marker)
{
    if (!marker)
        return QStringLiteral("{}");
    return compact(QJsonObject{{QStringLiteral("lat"), marker->latitude},
                               {QStringLiteral("lon"), marker->longitude},
                               {QStringLiteral("label"), marker->label}});
}

QString encodeDuplicates(const QList<MapMarker> &markers)
{
    QJsonArray list;
    for (const MapMarker &m : markers)
        list.append(QJsonObject{{QStringLiteral("id"), m.id},
                                {QStringLiteral("lat"), m.latitude},
                                {QStringLiteral("lon"), m.longitude},
                                {QStringLiteral("label"), m.label}});
    return compact(list);
}

QString encodePick(double latitude, double longitude, bool found, const QString &label,
                   const QString &detail)
{
    return compact(QJsonObject{{QStringLiteral("lat"), latitude},
                               {QStringLiteral("lon"), longitude},
                               {QStringLiteral("found"), found},
                               {QStringLiteral("label"), label},
                               {QStringLiteral("detail"), detail}});
}

QString encodeHotspots(const QList<HexCell> &cells, const QString &title)
{
    QJsonArray list;
    int max = 0, total = 0;
    for (const HexCell &cell : cells) {
        QJsonArray ring;
        for (const QPointF &corner : cell.corners) {
            ring.append(corner.y());
            ring.append(corner.x());
        }
        list.append(
            QJsonObject{{QStringLiteral("ring"), ring}, {QStringLiteral("count"), cell.count}});
        max = std::max(max, cell.count);
        total += cell.count;
    }
    return compact(QJsonObject{{QStringLiteral("cells"), list},
                               {QStringLiteral("max"), max},
                               {QStringLiteral("total"), total},
                               {QStringLiteral("title"), title}});
}

} // namespace civicdesk::mapprotocol

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

bool isShownAtFirst(const QString &kind)
{
    return kind == u"boundary" || kind == u"open_space" || kind == u"neighborhood" ||
           kind == u"street";
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

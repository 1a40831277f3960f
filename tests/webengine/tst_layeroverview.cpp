// The overview of a layer whose features the map draws alike and unlabelled from afar (streets,
// open space, precincts): every line in one MultiLineString feature and every polygon in one
// MultiPolygon, so the page makes two shapes instead of thousands; points and the street-level
// view stay feature by feature.

#include "models/city/layersimplifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace civicdesk;

namespace {

QJsonObject feature(const QString &type, const QJsonArray &coordinates, const QString &name)
{
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("Feature")},
        {QStringLiteral("properties"), QJsonObject{{QStringLiteral("NAME"), name}}},
        {QStringLiteral("geometry"), QJsonObject{{QStringLiteral("type"), type},
                                                 {QStringLiteral("coordinates"), coordinates}}}};
}

QJsonArray line(double lon, double lat)
{
    return QJsonArray{QJsonArray{lon, lat}, QJsonArray{lon + 0.01, lat},
                      QJsonArray{lon + 0.01, lat + 0.01}};
}

QJsonArray square(double lon, double lat)
{
    return QJsonArray{QJsonArray{lon, lat}, QJsonArray{lon + 0.01, lat},
                      QJsonArray{lon + 0.01, lat + 0.01}, QJsonArray{lon, lat + 0.01},
                      QJsonArray{lon, lat}};
}

// Two streets, one of two parts, a park of one polygon and one of two, a point.
QByteArray layer()
{
    const QJsonArray features{
        feature(QStringLiteral("LineString"), line(-71.10, 42.30), QStringLiteral("Main St")),
        feature(QStringLiteral("MultiLineString"),
                QJsonArray{line(-71.08, 42.30), line(-71.06, 42.30)}, QStringLiteral("Elm St")),
        feature(QStringLiteral("Polygon"), QJsonArray{square(-71.10, 42.35)},
                QStringLiteral("Common")),
        feature(QStringLiteral("MultiPolygon"),
                QJsonArray{QJsonArray{square(-71.08, 42.35)}, QJsonArray{square(-71.06, 42.35)}},
                QStringLiteral("Fens")),
        feature(QStringLiteral("Point"), QJsonArray{-71.05, 42.36}, QStringLiteral("Stop")),
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("FeatureCollection")},
                                     {QStringLiteral("features"), features}})
        .toJson(QJsonDocument::Compact);
}

QJsonArray featuresOf(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object().value(u"features").toArray();
}

} // namespace

class TestLayerOverview : public QObject
{
    Q_OBJECT

private slots:
    void linesAndPolygonsAreMergedWithEveryPart()
    {
        const QJsonArray merged = featuresOf(
            layersimplifier::simplify(layer(), QStringLiteral("NAME"), LayerDetail::Overview,
                                      layersimplifier::Features::Merged));
        QCOMPARE(merged.size(), 3); // the point, the lines, the polygons
        const QJsonObject point = merged.at(0).toObject();
        QCOMPARE(point.value(u"geometry").toObject().value(u"type").toString(),
                 QStringLiteral("Point"));
        const QJsonObject lines = merged.at(1).toObject();
        QCOMPARE(lines.value(u"geometry").toObject().value(u"type").toString(),
                 QStringLiteral("MultiLineString"));
        const QJsonArray parts =
            lines.value(u"geometry").toObject().value(u"coordinates").toArray();
        QCOMPARE(parts.size(), 3);
        QCOMPARE(parts.at(2).toArray().at(0).toArray().at(0).toDouble(), -71.06);
        QCOMPARE(parts.at(2).toArray().size(), 3);
        QVERIFY(lines.value(u"properties").toObject().isEmpty());
        const QJsonObject polygons = merged.at(2).toObject();
        QCOMPARE(polygons.value(u"geometry").toObject().value(u"type").toString(),
                 QStringLiteral("MultiPolygon"));
        const QJsonArray shapes =
            polygons.value(u"geometry").toObject().value(u"coordinates").toArray();
        QCOMPARE(shapes.size(), 3);
        QCOMPARE(shapes.at(1).toArray().at(0).toArray().size(), 5); // one ring of five points
        QCOMPARE(shapes.at(2).toArray().at(0).toArray().at(0).toArray().at(0).toDouble(), -71.06);
    }

    // Kept: each feature as it was, with its name.
    void keptFeaturesStayApart()
    {
        const QJsonArray kept = featuresOf(
            layersimplifier::simplify(layer(), QStringLiteral("NAME"), LayerDetail::Overview));
        QCOMPARE(kept.size(), 5);
        QCOMPARE(kept.at(1).toObject().value(u"properties").toObject().value(u"NAME").toString(),
                 QStringLiteral("Elm St"));
    }

    // Which kinds the overview merges: those the page draws unlabelled.
    void onlyUnlabelledKindsAreMerged()
    {
        for (const char *kind : {"street", "open_space", "precinct"})
            QVERIFY2(layersimplifier::mergedAtOverview(QLatin1String(kind)), kind);
        for (const char *kind : {"neighborhood", "ward", "zip", "boundary", "point", "other"})
            QVERIFY2(!layersimplifier::mergedAtOverview(QLatin1String(kind)), kind);
    }
};

QTEST_MAIN(TestLayerOverview)
#include "tst_layeroverview.moc"

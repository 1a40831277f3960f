// The map's parts that need neither a browser nor a store: the layers' simplification for the
// map, hexagon binning, the protocol's encoders, the markers' binary payload and its
// differences, the bridge's checks and the map settings. (The storage the map reads on the
// fixture city: tst_mapunits.)

#include "models/city/layersimplifier.h"
#include "ui/map/hexbin.h"
#include "ui/map/mapbridge.h"
#include "ui/map/mapprotocol.h"
#include "ui/map/mapsettings.h"
#include "ui/map/markerpayload.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>
#include <cmath>
#include <cstring>
#include <limits>

using namespace civicdesk;

class TestMapProtocol : public QObject
{
    Q_OBJECT

private:
    static MapRequestPoint point(const QString &id, double latitude, double longitude,
                                 RequestStatus status = RequestStatus::Open)
    {
        MapRequestPoint p;
        p.id = id;
        p.number = u"N-"_qs + id;
        p.serviceCode = QStringLiteral("POTHOLE");
        p.typeName = QStringLiteral("Pothole Repair");
        p.status = status;
        p.latitude = latitude;
        p.longitude = longitude;
        return p;
    }

    static void compareMarkers(const MapRequestPoint &got, const MapRequestPoint &want)
    {
        QCOMPARE(got.id, want.id);
        QCOMPARE(got.number, want.number);
        QCOMPARE(got.serviceCode, want.serviceCode);
        QCOMPARE(got.typeName, want.typeName);
        QCOMPARE(got.status, want.status);
        QCOMPARE(got.latitude, want.latitude); // exactly: doubles go as they are
        QCOMPARE(got.longitude, want.longitude);
    }

private slots:
    // The map's copy of a layer: the name property only, collinear and near points gone, the
    // corners and the ends kept, rings too small for the level dropped.
    void layersAreSimplifiedForTheMap()
    {
        QJsonArray line;
        for (int i = 0; i <= 100; ++i) // a straight street with a bend at its middle
            line.append(QJsonArray{-71.06 + i * 0.0001, 42.35 + (i <= 50 ? 0 : (i - 50) * 0.0001)});
        const QJsonArray tiny{QJsonArray{-71.0, 42.0}, QJsonArray{-71.00001, 42.0},
                              QJsonArray{-71.00001, 42.00001}, QJsonArray{-71.0, 42.0}};
        const QJsonArray square{QJsonArray{-71.1, 42.3}, QJsonArray{-71.09, 42.3},
                                QJsonArray{-71.09, 42.31}, QJsonArray{-71.1, 42.31},
                                QJsonArray{-71.1, 42.3}};
        const auto feature = [](const QString &type, const QJsonArray &coordinates,
                                const QJsonObject &properties) {
            return QJsonObject{{QStringLiteral("type"), QStringLiteral("Feature")},
                               {QStringLiteral("properties"), properties},
                               {QStringLiteral("geometry"),
                                QJsonObject{{QStringLiteral("type"), type},
                                            {QStringLiteral("coordinates"), coordinates}}}};
        };
        const QJsonObject collection{
            {QStringLiteral("type"), QStringLiteral("FeatureCollection")},
            {QStringLiteral("features"),
             QJsonArray{feature(QStringLiteral("LineString"), line,
                                {{QStringLiteral("NAME"), QStringLiteral("Main St")},
                                 {QStringLiteral("SHAPE_LEN"), 1234.5}}),
                        feature(QStringLiteral("Polygon"), QJsonArray{QJsonValue(tiny)}, {}),
                        feature(QStringLiteral("Polygon"), QJsonArray{square, tiny},
                                {{QStringLiteral("OTHER"), 1}})}}};
        const QByteArray source = QJsonDocument(collection).toJson(QJsonDocument::Compact);

        const QJsonDocument overview = QJsonDocument::fromJson(
            layersimplifier::simplify(source, QStringLiteral("NAME"), LayerDetail::Overview));
        const QJsonArray features = overview.object().value(u"features").toArray();
        QCOMPARE(features.size(), 2); // the tiny polygon went
        const QJsonObject street = features.at(0).toObject();
        QCOMPARE(street.value(u"properties").toObject(),
                 (QJsonObject{{QStringLiteral("NAME"), QStringLiteral("Main St")}}));
        const QJsonArray kept =
            street.value(u"geometry").toObject().value(u"coordinates").toArray();
        QCOMPARE(kept.size(), 3); // the ends and the bend
        QCOMPARE(kept.at(0).toArray().at(0).toDouble(), -71.06);
        QCOMPARE(kept.at(1).toArray().at(0).toDouble(), -71.055);
        QCOMPARE(kept.at(2).toArray().at(1).toDouble(), 42.355);
        const QJsonObject park = features.at(1).toObject();
        QVERIFY(park.value(u"properties").toObject().isEmpty());
        const QJsonArray rings = park.value(u"geometry").toObject().value(u"coordinates").toArray();
        QCOMPARE(rings.size(), 1); // the hole too small for the overview went
        QCOMPARE(rings.at(0).toArray().size(), 5);

        // Street detail keeps the small ring (about a metre across).
        const QJsonDocument street2 = QJsonDocument::fromJson(
            layersimplifier::simplify(source, QStringLiteral("NAME"), LayerDetail::Street));
        QCOMPARE(street2.object().value(u"features").toArray().size(), 3);

        // Anything but a FeatureCollection gives an empty one.
        QCOMPARE(layersimplifier::simplify("{\"type\":\"Point\"}", {}, LayerDetail::Overview),
                 QByteArray(R"({"type":"FeatureCollection","features":[]})"));
        QCOMPARE(layersimplifier::simplify("not json", {}, LayerDetail::Street),
                 QByteArray(R"({"type":"FeatureCollection","features":[]})"));
    }

    void hexBinsKeepEveryPoint()
    {
        HexBinner binner(42.35, -71.06, 250);
        for (int i = 0; i < 10; ++i)
            binner.add(42.35, -71.06); // one cell
        for (int i = 0; i < 3; ++i)
            binner.add(42.36, -71.06);    // 1.1 km north: another cell
        binner.add(std::nan(""), -71.06); // ignored
        QCOMPARE(binner.pointCount(), 13);
        const QList<HexCell> cells = binner.cells();
        QCOMPARE(cells.size(), 2);
        QCOMPARE(cells.at(0).count, 10); // fullest first
        QCOMPARE(cells.at(1).count, 3);
        for (const HexCell &cell : cells) {
            double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
            for (const QPointF &corner : cell.corners) {
                minLat = std::min(minLat, corner.y());
                maxLat = std::max(maxLat, corner.y());
                minLon = std::min(minLon, corner.x());
                maxLon = std::max(maxLon, corner.x());
            }
            QVERIFY(cell.latitude > minLat && cell.latitude < maxLat);
            QVERIFY(cell.longitude > minLon && cell.longitude < maxLon);
            // Centre to corner is 250 / sqrt(3) m: about 144 m, 0.0026 degrees of latitude.
            QVERIFY(std::abs((maxLat - minLat) / 2 - 144.3 / 111320) < 1e-5);
        }
        QVERIFY(std::abs(cells.at(0).latitude - 42.35) < 0.002);
    }

    void hexBinsTileThePlane()
    {
        // Points on a fine grid: each lands in exactly one cell, and neighbouring cells share
        // their edges (no gaps, no overlaps), so the counts add up and cells are about equal.
        HexBinner binner(42.3, -71.1, 500);
        int n = 0;
        for (int i = 0; i < 100; ++i)
            for (int j = 0; j < 100; ++j, ++n)
                binner.add(42.3 + i * 0.0002, -71.1 + j * 0.0003);
        int total = 0;
        for (const HexCell &cell : binner.cells())
            total += cell.count;
        QCOMPARE(total, n);
    }

    void typeMarks()
    {
        QCOMPARE(mapprotocol::typeMark(QStringLiteral("Request for Pothole Repair")),
                 QStringLiteral("PR"));
        QCOMPARE(mapprotocol::typeMark(QStringLiteral("Graffiti Removal")), QStringLiteral("GR"));
        QCOMPARE(mapprotocol::typeMark(QStringLiteral("Streetlight")), QStringLiteral("S"));
        QCOMPARE(mapprotocol::typeMark(QString()), QStringLiteral("?"));
    }

    // The markers' payload: a fixed little-endian header, the coordinates as doubles, type and
    // status as small integers, ids and numbers as JSON text; any id survives the trip.
    void markerPayloadRoundTrip()
    {
        MapRequestPoint a = point(QStringLiteral("id \"1\" \\ \n ñ"), 42.123456789, -71.5,
                                  RequestStatus::InProgress);
        a.number = QStringLiteral("K7QMX-2A4FC");
        MapRequestPoint b = point(QStringLiteral("2"), 42.3, -71.06, RequestStatus::Closed);
        b.serviceCode.clear();
        b.typeName = QStringLiteral("Needle Pickup");
        MarkerSet set;
        const MarkerPayload payload = set.update({a, b});
        QVERIFY(payload.replace);
        QCOMPARE(payload.changed, 2);
        QCOMPARE(payload.total, 2);
        const QByteArray &bytes = payload.bytes;
        QCOMPARE(bytes.left(4), QByteArrayLiteral("CDMK"));
        QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 4), quint32(mapprotocol::Version));
        QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 8), 1u); // replaces
        QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 12), 2u);
        const quint32 textBytes = qFromLittleEndian<quint32>(bytes.constData() + 20);
        QCOMPARE(bytes.size(), qsizetype(24 + 2 * 19 + textBytes));
        double latitude = 0;
        const quint64 bits = qFromLittleEndian<quint64>(bytes.constData() + 24);
        std::memcpy(&latitude, &bits, sizeof latitude);
        QCOMPARE(latitude, a.latitude);
        QCOMPARE(int(bytes.at(24 + 2 * 18 + 1)), 2); // b's status: closed
        QJsonParseError error;
        const QJsonObject text = QJsonDocument::fromJson(bytes.mid(24 + 2 * 19), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(text.value(u"types").toArray().size(), 2);
        QCOMPARE(text.value(u"types").toArray().at(1).toObject().value(u"mark").toString(),
                 QStringLiteral("NP"));

        const auto decoded = MarkerSet::decode(bytes);
        QVERIFY(decoded);
        QVERIFY(decoded->replace);
        QCOMPARE(decoded->points.size(), 2);
        compareMarkers(decoded->points.at(0), a);
        compareMarkers(decoded->points.at(1), b);

        // A damaged payload is refused, not misread.
        QVERIFY(!MarkerSet::decode(bytes.left(bytes.size() - 1)));
        QVERIFY(!MarkerSet::decode(QByteArrayLiteral("XXXX") + bytes.mid(4)));
        MarkerSet empty;
        const auto none = MarkerSet::decode(empty.update({}).bytes);
        QVERIFY(none && none->points.isEmpty() && none->total == 0);
    }

    // A new list of requests goes as its difference from the page's markers when that is small:
    // the changed and new markers and the ids removed; the whole list when most of it changed,
    // when ids repeat, or after many differences in a row.
    void markerChangesGoAsDifferences()
    {
        QList<MapRequestPoint> points;
        for (int i = 0; i < 100; ++i)
            points.append(point(QString::number(i), 42.3 + i * 0.001, -71.1));
        MarkerSet set;
        QVERIFY(set.update(points).replace);

        QList<MapRequestPoint> next = points;
        next[10].status = RequestStatus::Closed;                 // another status
        next[20].latitude += 0.0001;                             // moved
        next.removeAt(30);                                       // gone
        next.append(point(QStringLiteral("new"), 42.31, -71.2)); // new
        MarkerPayload payload = set.update(next);
        QVERIFY(!payload.replace);
        QCOMPARE(payload.changed, 3);
        QCOMPARE(payload.removed, 1);
        QCOMPARE(payload.total, 100);
        auto decoded = MarkerSet::decode(payload.bytes);
        QVERIFY(decoded);
        QVERIFY(!decoded->replace);
        QCOMPARE(decoded->removed, QStringList{QStringLiteral("30")});
        QCOMPARE(decoded->points.size(), 3);
        compareMarkers(decoded->points.at(0), next.at(10));
        compareMarkers(decoded->points.at(1), next.at(20));
        compareMarkers(decoded->points.at(2), next.last());

        // Nothing changed: an empty difference.
        payload = set.update(next);
        QVERIFY(!payload.replace);
        QCOMPARE(payload.changed + payload.removed, 0);
        // Most changed: everything again.
        payload = set.update(next.mid(0, 10));
        QVERIFY(payload.replace);
        QCOMPARE(payload.total, 10);
        // No markers left: a replacement by nothing.
        payload = set.update({});
        QVERIFY(payload.replace);
        QCOMPARE(payload.total, 0);
        // An id given twice: all markers are drawn, and the next list goes whole too.
        QVERIFY(set.update(points).replace);
        QVERIFY(!set.update(points).replace);
        QList<MapRequestPoint> twice = points;
        twice.append(points.first());
        payload = set.update(twice);
        QVERIFY(payload.replace);
        QCOMPARE(payload.total, 101);
        QVERIFY(set.update(points).replace);
        // Many differences in a row: the next one replaces (older payloads can be dropped).
        for (int i = 0; i < MarkerSet::MaxChangesInARow; ++i) {
            points[0].latitude += 0.00001;
            QVERIFY(!set.update(points).replace);
        }
        points[0].latitude += 0.00001;
        QVERIFY(set.update(points).replace);
        // A page that was reloaded has nothing: replace.
        set.clear();
        QVERIFY(set.update(points).replace);
    }

    // After a replacement the index of what the page holds is made on a worker thread while
    // the page draws: a difference asked for at once still finds exactly what changed, a set
    // cleared meanwhile (the page reloaded) replaces next, and an id the worker finds twice
    // makes the next list go whole.
    void aDifferenceRightAfterAReplacementIsRight()
    {
        QList<MapRequestPoint> points;
        for (int i = 0; i < 20000; ++i)
            points.append(
                point(QString::number(i), 42.2 + (i % 1000) * 0.0001, -71.1 + (i / 1000) * 0.001));
        points[3].serviceCode = QStringLiteral("GRAFFITI");
        points[3].typeName = QStringLiteral("Graffiti Removal");
        MarkerSet set;
        MarkerPayload payload = set.update(points);
        QVERIFY(payload.replace);
        QCOMPARE(payload.total, 20000);
        auto decoded = MarkerSet::decode(payload.bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->points.size(), 20000);
        compareMarkers(decoded->points.at(3), points.at(3));
        compareMarkers(decoded->points.at(19999), points.at(19999));

        QList<MapRequestPoint> next = points;
        next[5].status = RequestStatus::InProgress;
        next[3].serviceCode = QStringLiteral("POTHOLE"); // another type
        next[3].typeName = QStringLiteral("Pothole Repair");
        next.removeAt(7);
        payload = set.update(next);
        QVERIFY(!payload.replace);
        QCOMPARE(payload.changed, 2);
        QCOMPARE(payload.removed, 1);
        QCOMPARE(payload.total, 19999);
        QCOMPARE(set.size(), 19999);
        decoded = MarkerSet::decode(payload.bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->removed, QStringList{QStringLiteral("7")});
        QCOMPARE(decoded->points.size(), 2);
        compareMarkers(decoded->points.at(0), next.at(3));
        compareMarkers(decoded->points.at(1), next.at(5));

        // Cleared while the worker may still be making the index: nothing is left of it.
        QVERIFY(set.update(points, true).replace);
        set.clear();
        QCOMPARE(set.size(), 0);
        QVERIFY(set.update(next).replace);
        QCOMPARE(set.size(), 19999);

        // An id given twice, found by the worker: every marker drawn, the next list whole.
        QList<MapRequestPoint> twice = points;
        twice.append(points.first());
        payload = set.update(twice, true);
        QVERIFY(payload.replace);
        QCOMPARE(payload.total, 20001);
        QVERIFY(set.update(points).replace);
        QVERIFY(!set.update(points).replace);
    }

    // The layers whose views are made first are those the page draws at once (KINDS in map.js).
    void layersShownAtFirstMatchThePage()
    {
        QFile script(QStringLiteral(":/map/map.js"));
        QVERIFY(script.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(script.readAll());
        static const QRegularExpression kind(
            QStringLiteral(R"(\n\s+(\w+): \{pane: '\w+', visible: (true|false))"));
        int kinds = 0;
        for (auto it = kind.globalMatch(text); it.hasNext();) {
            const auto match = it.next();
            QVERIFY2(mapprotocol::isShownAtFirst(match.captured(1)) ==
                         (match.captured(2) == u"true"),
                     qPrintable(match.captured(1)));
            ++kinds;
        }
        QCOMPARE(kinds, 8);
    }

    void bridgeChecksWhatThePageSends()
    {
        MapBridge bridge;
        QCOMPARE(bridge.protocolVersion(), mapprotocol::Version);
        QSignalSpy ready(&bridge, &MapBridge::pageReady);
        QSignalSpy failed(&bridge, &MapBridge::pageFailed);
        QSignalSpy picked(&bridge, &MapBridge::pageLocationChosen);
        QSignalSpy activated(&bridge, &MapBridge::pageMarkerActivated);
        QTest::ignoreMessage(
            QtCriticalMsg,
            QRegularExpression(QStringLiteral("protocol %1").arg(mapprotocol::Version + 1)));
        bridge.hello(mapprotocol::Version + 1);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(ready.size(), 0);
        bridge.hello(mapprotocol::Version);
        QCOMPARE(ready.size(), 1);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("outside the globe")));
        bridge.locationChosen(std::numeric_limits<double>::quiet_NaN(), 0, QStringLiteral("click"));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("outside the globe")));
        bridge.locationChosen(95, 0, QStringLiteral("click"));
        QCOMPARE(picked.size(), 0);
        bridge.locationChosen(42.35, -71.06, QStringLiteral("keyboard"));
        QCOMPARE(picked.size(), 1);
        QCOMPARE(picked.at(0).at(2).toBool(), true);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("valid id")));
        bridge.markerActivated(QString());
        bridge.markerActivated(QStringLiteral("boston:1"));
        QCOMPARE(activated.size(), 1);
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("JavaScript error: boom map.js:3")));
        bridge.reportError(QStringLiteral("boom"), QStringLiteral("map.js"), 3);
    }

    void tileUrls()
    {
        QVERIFY(MapSettings::isValidTileUrl(QString()));
        QVERIFY(MapSettings::isValidTileUrl(
            QStringLiteral("https://tiles.example.org/{z}/{x}/{y}.png")));
        QVERIFY(!MapSettings::isValidTileUrl(QStringLiteral("https://tiles.example.org/")));
        QVERIFY(!MapSettings::isValidTileUrl(QStringLiteral("file:///{z}/{x}/{y}.png")));
    }
};

QTEST_GUILESS_MAIN(TestMapProtocol)
#include "tst_mapprotocol.moc"

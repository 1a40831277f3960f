// The map's parts that need no browser: hexagon binning, the bridge's checks, the protocol's
// encoders, the map settings, and the storage the map reads (reverse geocoding, located
// requests, counts per neighbourhood) on the fixture city.

#include "models/city/layerrepository.h"
#include "models/city/layersimplifier.h"
#include "models/city/layerviews.h"
#include "models/city/placerepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/maprequestrepository.h"
#include "tests/support/teststore.h"
#include "ui/map/hexbin.h"
#include "ui/map/mapbridge.h"
#include "ui/map/mapprotocol.h"
#include "ui/map/mapsettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <limits>

using namespace civicdesk;

class TestMapUnits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempStore> m_store;

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        CityImporter importer(m_store->db());
        QVERIFY(importer.import(pack.value()).ok());
    }

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

    // Every layer of the city at both levels, made in the background from what was imported.
    void layerViewsAreMadeInTheBackground()
    {
        LayerRepository layers(m_store->db());
        LayerViews views(layers);
        QSignalSpy ready(&views, &LayerViews::viewReady);
        QVERIFY(!views.view(QStringLiteral("wards"), LayerDetail::Overview));
        views.prepare();
        views.waitForDone();
        QCOMPARE(ready.size(), 2 * layers.layers().size());
        QVERIFY(!views.isPreparing());
        const QByteArray source = layers.geoJson(QStringLiteral("wards"));
        const auto overview = views.view(QStringLiteral("wards"), LayerDetail::Overview);
        QVERIFY(overview);
        QCOMPARE(*overview,
                 layersimplifier::simplify(source, QStringLiteral("WARD"), LayerDetail::Overview));
        QVERIFY(overview->size() < source.size());
        const int sourceFeatures =
            int(QJsonDocument::fromJson(source).object().value(u"features").toArray().size());
        QCOMPARE(QJsonDocument::fromJson(*overview).object().value(u"features").toArray().size(),
                 sourceFeatures);
        // Again after the layers changed.
        views.invalidate();
        QVERIFY(!views.view(QStringLiteral("wards"), LayerDetail::Street));
        views.prepare();
        views.waitForDone();
        QVERIFY(views.view(QStringLiteral("wards"), LayerDetail::Street));
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

    void requestsEncodeAsValidJson()
    {
        QList<MapRequestPoint> points;
        MapRequestPoint a;
        a.id = QStringLiteral("id \"1\" \\ \n");
        a.number = QStringLiteral("K7QMX-2A4FC");
        a.serviceCode = QStringLiteral("POTHOLE");
        a.typeName = QStringLiteral("Pothole Repair");
        a.status = RequestStatus::InProgress;
        a.latitude = 42.123456789;
        a.longitude = -71.5;
        points.append(a);
        MapRequestPoint b = a;
        b.id = QStringLiteral("2");
        b.serviceCode.clear();
        b.typeName = QStringLiteral("Needle Pickup");
        b.status = RequestStatus::Closed;
        points.append(b);
        QJsonParseError error;
        const QJsonDocument doc =
            QJsonDocument::fromJson(mapprotocol::encodeRequests(points).toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonObject o = doc.object();
        QCOMPARE(o.value(u"v").toInt(), mapprotocol::Version);
        QCOMPARE(o.value(u"ids").toArray().at(0).toString(), a.id);
        QCOMPARE(o.value(u"types").toArray().size(), 2);
        QCOMPARE(o.value(u"types").toArray().at(1).toObject().value(u"mark").toString(),
                 QStringLiteral("NP"));
        const QJsonArray p = o.value(u"points").toArray();
        QCOMPARE(p.size(), 8);
        QCOMPARE(p.at(0).toDouble(), 42.123457);
        QCOMPARE(p.at(2).toInt(), 1); // in progress
        QCOMPARE(p.at(6).toInt(), 2); // closed
        QCOMPARE(p.at(7).toInt(), 1); // second type
        QCOMPARE(mapprotocol::encodeRequests({}),
                 QStringLiteral("{\"v\":2,\"types\":[],\"ids\":[],\"numbers\":[],\"points\":[]}"));
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

    void nearestAddressWithItsDistricts()
    {
        PlaceRepository places(m_store->db());
        // Exactly on "1 A Acorn St", then 20 m east of it.
        for (double lon : {-71.0685, -71.0685 + 20 / (111320 * std::cos(42.3576 * M_PI / 180))}) {
            const auto found = places.nearestAddress(42.3576, lon);
            QVERIFY(found);
            QCOMPARE(found->address.label(), QStringLiteral("1 A Acorn St"));
            QCOMPARE(found->address.neighborhood, QStringLiteral("Beacon Hill"));
            QCOMPARE(found->address.ward, QStringLiteral("5"));
            QCOMPARE(found->address.precinct, QStringLiteral("0503"));
            QCOMPARE(found->address.zip, QStringLiteral("02108"));
            QVERIFY(found->distanceMeters < 21);
        }
        // Between two points, the nearer one wins even when both are in the first box.
        const auto chestnut = places.nearestAddress(42.3572, -71.0693);
        QVERIFY(chestnut);
        QCOMPARE(chestnut->address.label(), QStringLiteral("57 A Chestnut St"));
        // Far out at sea: nothing within reach.
        QVERIFY(!places.nearestAddress(42.0, -70.0));
        QVERIFY(!places.nearestAddress(std::nan(""), -71.0));
        // A wider reach finds a point farther away.
        QVERIFY(!places.nearestAddress(42.3576 + 0.01, -71.0685, 400));
        QVERIFY(places.nearestAddress(42.3576 + 0.01, -71.0685, 5000));
    }

    void locatedRequestsAndCounts()
    {
        MapRequestRepository requests(m_store->db());
        const QList<MapRequestPoint> all = requests.located({});
        QVERIFY(all.size() > 10);
        for (const MapRequestPoint &p : all) {
            QVERIFY(p.latitude > 42 && p.latitude < 43);
            QVERIFY(p.longitude > -72 && p.longitude < -70);
            QVERIFY(!p.id.isEmpty());
        }
        MapRequestFilter closed;
        closed.statuses = {RequestStatus::Closed};
        MapRequestFilter notClosed;
        notClosed.statuses = {RequestStatus::Open, RequestStatus::InProgress};
        QCOMPARE(requests.located(closed).size() + requests.located(notClosed).size(), all.size());
        int total = 0;
        for (const NeighborhoodCount &c : requests.neighborhoodCounts({}))
            total += c.count;
        QCOMPARE(total, all.size());

        const QList<MapFacet> types = requests.serviceTypes();
        QVERIFY(!types.isEmpty());
        MapRequestFilter oneType;
        oneType.serviceCodes = {types.first().code};
        QCOMPARE(requests.located(oneType).size(), types.first().count);
        for (const MapRequestPoint &p : requests.located(oneType))
            QCOMPARE(p.serviceCode, types.first().code);

        const auto [first, last] = requests.openedRange();
        QVERIFY(first.isValid() && first <= last);
        MapRequestFilter period;
        period.openedFrom = first.addSecs(1);
        period.openedTo = last;
        QVERIFY(requests.located(period).size() < all.size());
        MapRequestFilter nothing;
        nothing.departmentCodes = {QStringLiteral("NO-SUCH-DEPARTMENT")};
        QVERIFY(requests.located(nothing).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMapUnits)
#include "tst_mapunits.moc"

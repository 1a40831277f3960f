// The map's parts that need no browser: hexagon binning, the bridge's checks, the protocol's
// encoders, the markers' binary payload and its differences, the map settings, and the storage
// the map reads (reverse geocoding, located requests, counts per neighbourhood) on the fixture
// city.

#include "models/city/layerrepository.h"
#include "models/city/layersimplifier.h"
#include "models/city/layerviews.h"
#include "models/city/placerepository.h"
#include "models/requests/maprequestloader.h"
#include "models/requests/maprequestrepository.h"
#include "models/store/sql/sql.h"
#include "tests/support/teststore.h"
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

class TestMapUnits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempStore> m_store;

private slots:
    void initTestCase() { m_store = test::miniCityStore(); }

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

    // The city import stores each layer's two views beside it, as the workstation would make
    // them (layersimplifier::viewOf), so no workstation makes them at start.
    void theImportStoresEachLayersViews()
    {
        const LayerRepository layers(m_store->db());
        QVERIFY(!layers.layers().isEmpty());
        QVERIFY(layers.viewsStored());
        for (const LayerInfo &layer : layers.layers()) {
            for (const LayerDetail detail : {LayerDetail::Overview, LayerDetail::Street}) {
                const auto stored = layers.storedView(layer.id, detail);
                QVERIFY2(stored, qPrintable(layer.id));
                QCOMPARE(*stored, layersimplifier::viewOf(layers.geoJson(layer.id),
                                                          layer.nameProperty, layer.kind, detail));
            }
        }
    }

    // Stored views are given at once, on this thread: nothing is made in the background.
    void storedViewsAreGivenAtOnce()
    {
        test::TempStore store(test::TempStore::MiniCity);
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        // What is given is what is stored (not something made again).
        QVERIFY(
            sql::exec(q,
                      QStringLiteral("UPDATE map_layers SET overview_geojson = ? WHERE id = "
                                     "'wards'"),
                      {qCompress(QByteArray(R"({"type":"FeatureCollection","features":[]})"))}));
        LayerRepository layers(store.db());
        LayerViews views(layers);
        QSignalSpy ready(&views, &LayerViews::viewReady);
        QSignalSpy all(&views, &LayerViews::allReady);
        views.prepare();
        QVERIFY(!views.isPreparing());
        QCOMPARE(ready.size(), 2 * layers.layers().size());
        QCOMPARE(all.size(), 1);
        QCOMPARE(*views.view(QStringLiteral("wards"), LayerDetail::Overview),
                 QByteArray(R"({"type":"FeatureCollection","features":[]})"));
    }

    // A store without views (imported before they were stored, or synced from a central store
    // without them): every layer at both levels is made in the background from what was
    // imported.
    void layerViewsAreMadeInTheBackground()
    {
        test::TempStore store(test::TempStore::MiniCity);
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(sql::exec(q, QStringLiteral("UPDATE map_layers SET overview_geojson = NULL, "
                                            "street_geojson = NULL")));
        LayerRepository layers(store.db());
        QVERIFY(!layers.viewsStored());
        QVERIFY(!layers.storedView(QStringLiteral("wards"), LayerDetail::Street));
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

    // The map's requests are read on a thread with its own connection; only the newest load is
    // answered, and a cancelled one never is.
    void locatedRequestsLoadOffTheUiThread()
    {
        // One request type: some of the requests, not all.
        const MapRequestRepository here(m_store->db());
        const qsizetype all = here.located({}).size();
        MapRequestFilter some;
        some.serviceCodes = {here.serviceTypes().first().code};
        const qsizetype oneType = here.located(some).size();
        QVERIFY(oneType > 0 && oneType < all);

        MapRequestLoader loader(m_store->db());
        QVERIFY(loader.isThreaded());
        QSignalSpy loaded(&loader, &MapRequestLoader::loaded);
        QSignalSpy failed(&loader, &MapRequestLoader::failed);
        loader.load({});
        loader.load(some); // the agent ticked on: only this one is answered
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.at(0).at(0).value<QList<MapRequestPoint>>().size(), oneType);
        QCOMPARE(loaded.at(0).at(0).value<QList<MapRequestPoint>>().first().serviceCode,
                 some.serviceCodes.first());

        loader.load({});
        loader.cancel();
        loader.load(some);
        QVERIFY(loaded.wait(30000));
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(1).at(0).value<QList<MapRequestPoint>>().size(), oneType);
        QCOMPARE(failed.size(), 0);
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

// The storage the map reads, on the fixture city: the layers' views stored by the import (or
// made in the background when absent), reverse geocoding, located requests and counts per
// neighbourhood. (The parts that need no store: tst_mapprotocol.)

#include "models/city/layerrepository.h"
#include "models/city/layersimplifier.h"
#include "models/city/layerviews.h"
#include "models/city/placerepository.h"
#include "models/requests/maprequestloader.h"
#include "models/requests/maprequestrepository.h"
#include "models/store/sql/sql.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using namespace civicdesk;

class TestMapUnits : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::TempStore> m_store;

private slots:
    void initTestCase() { m_store = test::miniCityStore(); }

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

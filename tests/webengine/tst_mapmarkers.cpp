// The request markers of a large city in a real QWebEngineView: a replacement of 16,000 markers
// reaches the page with its announcement (the page fetches nothing for it), every request where
// Leaflet's own projection puts it; and MarkerSet's choice between a difference and a
// replacement when most of a list is new.

#include "tests/webengine/mappagefixture.h"
#include "tests/webengine/syntheticrequests.h"
#include "ui/map/markerpayload.h"

#include <QLoggingCategory>

using namespace civicdesk;

class TestMapMarkers : public QObject
{
    Q_OBJECT

    test::MapPageFixture m_f;

    // Gives the page `points` and waits until it has drawn them all.
    bool setMarkers(const QList<MapRequestPoint> &points)
    {
        const qsizetype mark = m_f.rendered.size();
        m_f.map->setRequests(points);
        return m_f.waitRendered(mark, QStringLiteral("requests"), int(points.size()));
    }

    // The marker payloads the page asked the map's scheme for so far (its handler says what it
    // serves in the map's debug log).
    QStringList fetchedPayloads() { return servedMarkers(); }

    static QStringList &servedMarkers()
    {
        static QStringList served;
        return served;
    }

    static void recordServed(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (text.contains(u"serving") && text.contains(u"/markers/"))
            servedMarkers().append(text);
        if (type != QtDebugMsg)
            previousHandler()(type, context, text);
    }

    static QtMessageHandler &previousHandler()
    {
        static QtMessageHandler handler = nullptr;
        return handler;
    }

private slots:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("civicdesk.map.debug=true"));
        previousHandler() = qInstallMessageHandler(recordServed);
        m_f.create(this);
        const QString why = m_f.show();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(setMarkers(test::syntheticRequests(500)));
    }

    // All the open requests of a large city replaced by others: the payload (about 0.9 MB)
    // comes with its announcement; the page asks the scheme for nothing and has every marker.
    void aLargeCitysReplacementComesInline()
    {
        QList<MapRequestPoint> points = test::syntheticRequests(16000);
        for (MapRequestPoint &p : points)
            p.id = u"other:" + p.id;
        const QStringList before = fetchedPayloads();
        QVERIFY(setMarkers(points));
        QVERIFY(m_f.map->lastMarkerPayload().replace);
        QVERIFY(m_f.map->lastMarkerPayload().bytes.size() > 512 * 1024);
        QCOMPARE(fetchedPayloads(), before);
        for (const int i : {0, 7999, 15999}) {
            const QVariantList marker =
                m_f.evaluate(QStringLiteral("window.civicdeskMarker('other:synthetic:%1')").arg(i))
                    .toList();
            QCOMPARE(marker.value(0).toDouble(), points.at(i).latitude);
            QCOMPARE(marker.value(1).toDouble(), points.at(i).longitude);
            QCOMPARE(marker.value(4).toString(), QString::number(i));
        }
        QVERIFY(m_f.evaluate(QStringLiteral("window.civicdeskMarker('synthetic:1')")).isNull());
    }

    // The page places each request where Leaflet's projection does, up to the poles it clamps.
    void requestsArePlacedAsLeafletProjectsThem()
    {
        QList<MapRequestPoint> points = test::syntheticRequests(6);
        const QList<std::pair<double, double>> places = {
            {0, 0},        {42.3601, -71.0589}, {-33.8688, 151.2093},
            {85.2, 179.9}, {89.9, -179.9},      {-89.5, 12.5}};
        for (qsizetype i = 0; i < points.size(); ++i)
            std::tie(points[i].latitude, points[i].longitude) = places.at(i);
        QVERIFY(setMarkers(points));
        for (const MapRequestPoint &p : std::as_const(points)) {
            const QVariantList placed =
                m_f.evaluate(QStringLiteral("window.civicdeskMarkerPoint('%1')").arg(p.id))
                    .toList();
            const QVariantList leaflet =
                m_f.evaluate(QStringLiteral("(() => { const p = L.CRS.EPSG3857.latLngToPoint("
                                            "L.latLng(%1, %2), 0); return [p.x, p.y]; })()")
                                 .arg(p.latitude, 0, 'g', 17)
                                 .arg(p.longitude, 0, 'g', 17))
                    .toList();
            QCOMPARE(placed.size(), 2);
            QCOMPARE(leaflet.size(), 2);
            for (int axis = 0; axis < 2; ++axis) {
                QVERIFY2(std::abs(placed.at(axis).toDouble() - leaflet.at(axis).toDouble()) < 1e-9,
                         qPrintable(QStringLiteral("%1: %2 against %3")
                                        .arg(p.id, placed.at(axis).toString(),
                                             leaflet.at(axis).toString())));
            }
        }
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler()); }

    // A list most of whose requests are new goes whole; one with a third of its requests
    // changed still goes as a difference of exactly those (the sample decides only the first).
    void mostlyNewListsAreReplacedOthersDiffered()
    {
        const QList<MapRequestPoint> points = test::syntheticRequests(3000);
        MarkerSet set;
        QVERIFY(set.update(points).replace);

        QList<MapRequestPoint> third = points;
        for (qsizetype i = 0; i < third.size(); i += 3)
            third[i].status = third[i].status == RequestStatus::Open ? RequestStatus::Closed
                                                                     : RequestStatus::Open;
        MarkerPayload payload = set.update(third);
        QVERIFY(!payload.replace);
        QCOMPARE(payload.changed, 1000);
        QCOMPARE(payload.removed, 0);

        QList<MapRequestPoint> others = third;
        for (qsizetype i = 0; i < others.size(); ++i) {
            if (i % 10 != 0)
                others[i].id = u"new:" + others[i].id;
        }
        payload = set.update(others);
        QVERIFY(payload.replace);
        QCOMPARE(payload.total, 3000);
        const auto decoded = MarkerSet::decode(payload.bytes);
        QVERIFY(decoded);
        QCOMPARE(decoded->points.size(), 3000);
        QCOMPARE(decoded->points.at(1).id, u"new:synthetic:1"_qs);
        // The next small change is a difference against the replacement.
        others[1].latitude += 0.0001;
        payload = set.update(others);
        QVERIFY(!payload.replace);
        QCOMPARE(payload.changed, 1);
    }
};

QTEST_MAIN(TestMapMarkers)
#include "tst_mapmarkers.moc"

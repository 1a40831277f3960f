// The map's request clusters (resources/map/requestgrid.js) in a real QWebEngineView: the page
// draws one icon per cell of the view, not one per request; the icons account for every request
// in view; a request alone in its cell, and every request at the closest zoom, has its own
// marker; a click on a cluster zooms into it; a change of a few requests redraws only the icons
// of the cells it touches.

#include "tests/webengine/mappagefixture.h"
#include "tests/webengine/syntheticrequests.h"

using namespace civicdesk;

class TestMapClusters : public QObject
{
    Q_OBJECT

    test::MapPageFixture m_f;

    // The request icons drawn: {requests, x, y} each.
    QVariantList icons()
    {
        return m_f.evaluate(QStringLiteral("window.civicdeskRequestIcons()")).toList();
    }

    double zoom()
    {
        return m_f.evaluate(QStringLiteral("window.civicdeskView()")).toList().value(0).toDouble();
    }

private slots:
    void initTestCase()
    {
        m_f.create(this);
        const QString why = m_f.show();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const qsizetype mark = m_f.rendered.size();
        m_f.map->setRequests(test::syntheticRequests(5000));
        QVERIFY(m_f.waitRendered(mark, QStringLiteral("requests"), 5000));
    }

    // The whole grid in view: a few hundred icons at most, whose counts add up to every request.
    void theIconsAccountForEveryRequestInView()
    {
        QVERIFY(m_f.centerOn(42.325, -71.10, 12));
        const QVariantList drawn = icons();
        QVERIFY2(!drawn.isEmpty() && drawn.size() <= 300,
                 qPrintable(QString::number(drawn.size())));
        int requests = 0;
        for (const QVariant &icon : drawn)
            requests += icon.toList().value(0).toInt();
        QCOMPARE(requests, 5000);
    }

    // At the closest zoom each request has its own marker, and only those in and around the
    // view are drawn.
    void closestZoomDrawsEachRequestOfTheView()
    {
        QVERIFY(m_f.centerOn(42.25 + 50 * 0.0015, -71.15 + 25 * 0.002, 19));
        const QVariantList drawn = icons();
        QVERIFY(!drawn.isEmpty());
        QVERIFY(drawn.size() < 50);
        for (const QVariant &icon : drawn)
            QCOMPARE(icon.toList().value(0).toInt(), 1);
        const QVariantList marker =
            m_f.evaluate(QStringLiteral("window.civicdeskMarker('synthetic:2550')")).toList();
        QCOMPARE(marker.value(4).toString(), QStringLiteral("2550"));
    }

    // A click on a cluster shows its requests closer: the map zooms in, and what was one icon is
    // now several.
    void clickingAClusterZoomsIntoIt()
    {
        QVERIFY(m_f.centerOn(42.325, -71.10, 12));
        QVariantList biggest;
        for (const QVariant &icon : icons())
            if (icon.toList().value(0).toInt() > biggest.value(0).toInt())
                biggest = icon.toList();
        QVERIFY(biggest.value(0).toInt() > 1);
        QWidget *input = m_f.map->webView()->focusProxy();
        const QPoint at(qRound(biggest.value(1).toDouble()), qRound(biggest.value(2).toDouble()));
        QTest::mouseMove(input, at);
        QTest::mouseClick(input, Qt::LeftButton, {}, at);
        QTRY_VERIFY_WITH_TIMEOUT(zoom() > 12.5, test::MapPageFixture::Slow);
        int largest = 0;
        for (const QVariant &icon : icons())
            largest = std::max(largest, icon.toList().value(0).toInt());
        QVERIFY2(largest < biggest.value(0).toInt(), qPrintable(QString::number(largest)));
    }

    // Issue 20 (a sync changing 160 of 16,000 markers took 415 ms): a change of one request
    // redraws the icon of its cell, and every other icon on screen stays the element it was
    // (before, each change threw away and rebuilt every icon of the view).
    void aChangeRedrawsOnlyTheCellItTouches()
    {
        QVERIFY(m_f.centerOn(42.325, -71.10, 12));
        const int before =
            m_f.evaluate(QStringLiteral("(() => { let n = 0; document.querySelectorAll("
                                        "'.leaflet-marker-pane .leaflet-marker-icon')"
                                        ".forEach(e => { e.dataset.kept = '1'; ++n; });"
                                        " return n; })()"))
                .toInt();
        QVERIFY2(before > 10, qPrintable(QString::number(before)));
        QList<MapRequestPoint> points = test::syntheticRequests(5000);
        points[2550].status = points[2550].status == RequestStatus::Open ? RequestStatus::Closed
                                                                         : RequestStatus::Open;
        const qsizetype mark = m_f.rendered.size();
        m_f.map->setRequests(points);
        QVERIFY(m_f.waitRendered(mark, QStringLiteral("requests"), 5000));
        QVERIFY(!m_f.map->lastMarkerPayload().replace);
        const QVariantList counts =
            m_f.evaluate(QStringLiteral("(() => { const all = document.querySelectorAll("
                                        "'.leaflet-marker-pane .leaflet-marker-icon'); let kept "
                                        "= 0; all.forEach(e => { if (e.dataset.kept) ++kept; });"
                                        " return [all.length, kept]; })()"))
                .toList();
        QCOMPARE(counts.value(0).toInt(), before);
        QCOMPARE(counts.value(1).toInt(), before - 1); // all but the changed request's cell
        int requests = 0;
        for (const QVariant &icon : icons())
            requests += icon.toList().value(0).toInt();
        QCOMPARE(requests, 5000);
        // The page has the change itself.
        const QVariantList marker =
            m_f.evaluate(QStringLiteral("window.civicdeskMarker('synthetic:2550')")).toList();
        QCOMPARE(marker.value(2).toInt(), int(points[2550].status));
    }

    void cleanupTestCase() { m_f.panel.reset(); }
};

QTEST_MAIN(TestMapClusters)
#include "tst_mapclusters.moc"

// The map in a real QWebEngineView on the fixture city: the page loads from the resources,
// layers and markers come from the map's URL scheme (markers as the bytes encoded, changes to
// them as differences), picks by keyboard and by mouse come back as the nearest address with
// its districts, markers activate their request, selection, intake location, duplicates and hot
// spots reach the page, JavaScript errors reach the log, and a screenshot shows a drawn map. No
// fixed sleeps: every wait is for an acknowledgement.

#include "models/city/layerviews.h"
#include "models/requests/maprequestrepository.h"
#include "models/workstation/storecontext.h"
#include "tests/webengine/mappagefixture.h"
#include "tests/webengine/syntheticrequests.h"
#include "ui/map/hotspotpanel.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>
#include <optional>

using namespace civicdesk;

namespace {

constexpr int Slow = 120000; // ms: shared CI machines with two cores

QStringList &mapMessages()
{
    static QStringList messages;
    return messages;
}

QtMessageHandler previousHandler = nullptr;

void recordMapMessages(QtMsgType type, const QMessageLogContext &context, const QString &text)
{
    if (context.category && qstrcmp(context.category, "civicdesk.map") == 0 && type != QtDebugMsg)
        mapMessages().append(text);
    if (previousHandler)
        previousHandler(type, context, text);
}

int distinctColours(const QImage &image, QRgb *commonest = nullptr, double *share = nullptr)
{
    QHash<QRgb, int> counts;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); y += 2)
        for (int x = 0; x < rgb.width(); x += 2)
            ++counts[rgb.pixel(x, y)];
    int best = 0, total = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        total += it.value();
        if (it.value() > best) {
            best = it.value();
            if (commonest)
                *commonest = it.key();
        }
    }
    if (share)
        *share = total ? double(best) / total : 1.0;
    return int(counts.size());
}

} // namespace

class TestMapView : public QObject
{
    Q_OBJECT

private:
    test::MapPageFixture m_f;

    bool waitRendered(qsizetype mark, const QString &what, int count = -1)
    {
        return m_f.waitRendered(mark, what, count);
    }

    QWidget *input() const { return m_f.map->webView()->focusProxy(); }

    // Asks for `url` from inside the page (XMLHttpRequest, as the page does): {"text": body}
    // (in base64 when asked for `bytes`) or {"error": why}.
    QVariantMap fetchInPage(const QString &url, const QString &method = QStringLiteral("GET"),
                            bool bytes = false)
    {
        static int probes = 0;
        const QString key = QStringLiteral("fetch%1").arg(++probes);
        QWebEnginePage *page = m_f.map->webView()->page();
        page->runJavaScript(
            QStringLiteral(
                "window.probes = window.probes || {};"
                "(function () { const r = new XMLHttpRequest();"
                "  try { r.open(%2, %1); } catch (e) {"
                "    window.probes[%3] = {error: String(e)}; return; }"
                "  const bytes = %4;"
                "  if (bytes) r.responseType = 'arraybuffer';"
                "  const body = () => { if (!bytes) return r.responseText;"
                "    const b = new Uint8Array(r.response); let t = '';"
                "    for (let i = 0; i < b.length; ++i) t += String.fromCharCode(b[i]);"
                "    return btoa(t); };"
                "  r.onload = () => { window.probes[%3] = r.status === 200"
                "      ? {text: body()} : {error: 'HTTP ' + r.status}; };"
                "  r.onerror = () => { window.probes[%3] = {error: 'not served'}; };"
                "  try { r.send(); } catch (e) { window.probes[%3] = {error: String(e)}; }"
                "})();")
                .arg(jsString(url), jsString(method), jsString(key),
                     bytes ? QStringLiteral("true") : QStringLiteral("false")));
        auto result = std::make_shared<QVariantMap>();
        // One question in flight at a time: asking on every poll piled up hundreds of scripts
        // in the page, and each later fetch waited behind all of them (2 s, then 14 s per URL).
        auto asking = std::make_shared<bool>(false);
        const bool answered = QTest::qWaitFor(
            [&] {
                if (!*asking) {
                    *asking = true;
                    page->runJavaScript(
                        QStringLiteral("window.probes && window.probes[%1]").arg(jsString(key)),
                        [result, asking](const QVariant &v) {
                            if (v.typeId() == QMetaType::QVariantMap)
                                *result = v.toMap();
                            *asking = false;
                        });
                }
                return !result->isEmpty();
            },
            Slow);
        if (!answered)
            qWarning("the page never answered the fetch of %s", qPrintable(url));
        return *result;
    }

    static QString jsString(const QString &text)
    {
        return u'\'' +
               QString(text)
                   .replace(u'\\', QStringLiteral("\\\\"))
                   .replace(u'\'', QStringLiteral("\\'")) +
               u'\'';
    }

    void centerOn(double lat, double lon, int zoom) { QVERIFY(m_f.centerOn(lat, lon, zoom)); }

    // The page's own view of a request's marker: [lat, lon, status, mark, number], or empty.
    QVariantList markerInPage(const QString &id)
    {
        return m_f.evaluate(QStringLiteral("window.civicdeskMarker(%1)").arg(jsString(id)))
            .toList();
    }

    void setMarkers(const QList<MapRequestPoint> &points)
    {
        const qsizetype mark = m_f.rendered.size();
        m_f.map->setRequests(points);
        QVERIFY(waitRendered(mark, QStringLiteral("requests"), int(points.size())));
    }

private slots:
    void initTestCase()
    {
        previousHandler = qInstallMessageHandler(recordMapMessages);
        m_f.create(this);
        // Everything the map shows is reachable without it: it starts only when shown.
        QVERIFY(!m_f.map->isStarted());
        QVERIFY(m_f.panel->findChild<QLabel *>(QStringLiteral("mapSummaryLabel")));

        const QString why = m_f.show();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QVERIFY(m_f.map->isReady());
    }

    void basemapAndRequestsArrive()
    {
        QVERIFY(waitRendered(0, QStringLiteral("basemap"), m_f.panel->layerCount()));
        // The panel shows open and in-progress requests at first...
        MapRequestRepository repository(m_f.store->db());
        const int first = int(repository.located(m_f.panel->requestFilter()).size());
        QCOMPARE(m_f.map->requestCount(), first);
        QVERIFY(waitRendered(0, QStringLiteral("requests"), first));
        // ... and closed ones too once ticked.
        const qsizetype mark = m_f.rendered.size();
        m_f.panel->findChild<QCheckBox *>(QStringLiteral("mapClosedCheckBox"))->setChecked(true);
        const int expected = int(repository.located(m_f.panel->requestFilter()).size());
        QVERIFY(expected > first);
        QVERIFY(waitRendered(mark, QStringLiteral("requests"), expected));
        QCOMPARE(m_f.map->requestCount(), expected);
        QVERIFY(m_f.panel->findChild<QLabel *>(QStringLiteral("mapCountLabel"))
                    ->text()
                    .contains(QString::number(expected)));
    }

    // The page and its layers come from the map's URL scheme: the right bytes for what the page
    // may load, nothing for anything else.
    void theSchemeServesThePageAndItsLayers()
    {
        QCOMPARE(m_f.map->webView()->page()->url().scheme(), QStringLiteral("civicdesk-map"));
        for (const LayerDetail detail : {LayerDetail::Overview, LayerDetail::Street}) {
            const QString level = layersimplifier::nameOf(detail);
            QTRY_VERIFY_WITH_TIMEOUT(m_f.panel->layerViews()->view(u"wards"_qs, detail), Slow);
            const QVariantMap answer = fetchInPage(u"layers/wards/"_qs + level + u".json"_qs);
            QVERIFY2(answer.contains(u"text"_qs), qPrintable(answer.value(u"error"_qs).toString()));
            QCOMPARE(answer.value(u"text"_qs).toString().toUtf8(),
                     *m_f.panel->layerViews()->view(u"wards"_qs, detail));
        }
        QFile script(u":/map/map.js"_qs);
        QVERIFY(script.open(QIODevice::ReadOnly));
        QCOMPARE(fetchInPage(u"map.js"_qs).value(u"text"_qs).toString().toUtf8(), script.readAll());
        QVERIFY(fetchInPage(u"leaflet/leaflet.js"_qs)
                    .value(u"text"_qs)
                    .toString()
                    .contains(u"Leaflet"));
    }

    void theSchemeRefusesEverythingElse()
    {
        const qsizetype logged = mapMessages().size();
        const QStringList refused = {
            u"layers/nowhere/overview.json"_qs,     // not a layer of the city
            u"layers/wards/full.json"_qs,           // not a level
            u"layers/wards/overview.txt"_qs,        //
            u"layers/wards/overview.json/x"_qs,     //
            u"/etc/passwd"_qs,                      // not a file of the page
            u"map.js.bak"_qs,                       //
            u"leaflet/../../etc/passwd"_qs,         //
            u"markers/999999.bin"_qs,               // no such payload
            u"markers/1.json"_qs,                   //
            u"civicdesk-map://elsewhere/map.js"_qs, // another host
            u"file:///etc/passwd"_qs,               // another scheme
        };
        for (const QString &url : refused) {
            const QVariantMap answer = fetchInPage(url);
            QVERIFY2(answer.contains(u"error"_qs), qPrintable(url));
        }
        QVERIFY(fetchInPage(u"map.js"_qs, u"POST"_qs).contains(u"error"_qs));
        // The page's console complains about each: those complaints were asked for.
        mapMessages().erase(mapMessages().begin() + logged, mapMessages().end());
    }

    void manyMarkersThroughTheScheme()
    {
        const QList<MapRequestPoint> points = test::syntheticRequests(5000);
        setMarkers(points);
        // Two replacements in a row: the newest wins, none is lost half-way.
        const qsizetype mark = m_f.rendered.size();
        m_f.map->setRequests(points.mid(0, 100));
        m_f.map->setRequests(points.mid(0, 10));
        QVERIFY(waitRendered(mark, QStringLiteral("requests"), 10));
    }

    // The markers are served by the map's URL scheme as the bytes encoded (the page fetches a
    // large payload from there; one up to MapView::InlinedMarkerBytes also comes inline with its
    // announcement).
    void markersAreServedAsBytes()
    {
        setMarkers(test::syntheticRequests(300));
        const QVariantMap answer = fetchInPage(
            QStringLiteral("markers/%1.bin").arg(m_f.map->lastMarkerSequence()), u"GET"_qs, true);
        QVERIFY2(answer.contains(u"text"_qs), qPrintable(answer.value(u"error"_qs).toString()));
        QCOMPARE(answer.value(u"text"_qs).toString(),
                 QString::fromLatin1(m_f.map->lastMarkerPayload().bytes.toBase64()));
        QVERIFY(m_f.map->lastMarkerPayload().bytes.size() < 300 * 64);
    }

    // A change reaches the page as a difference: the moved marker moved, the closed one closed,
    // the removed one gone, the new one there with its type's mark, the others as they were.
    void markerChangesReachThePage()
    {
        const QList<MapRequestPoint> points = test::syntheticRequests(5000);
        setMarkers(points);
        QList<MapRequestPoint> next = points;
        next[1].latitude += 0.001;
        next[3].status = RequestStatus::Closed; // was open
        MapRequestPoint added = points.first();
        added.id = QStringLiteral("synthetic:new");
        added.number = QStringLiteral("NEW-1");
        added.serviceCode = QStringLiteral("NEWTYPE");
        added.typeName = QStringLiteral("Brand New Type");
        next.append(added);
        next.removeAt(4);
        setMarkers(next);
        QVERIFY(!m_f.map->lastMarkerPayload().replace);
        QCOMPARE(m_f.map->lastMarkerPayload().changed, 3);
        QCOMPARE(m_f.map->lastMarkerPayload().removed, 1);

        QCOMPARE(markerInPage(points.at(1).id).value(0).toDouble(), next.at(1).latitude);
        QCOMPARE(markerInPage(points.at(3).id).value(2).toInt(), 2);
        QVERIFY(markerInPage(points.at(4).id).isEmpty());
        const QVariantList fresh = markerInPage(added.id);
        QCOMPARE(fresh.value(3).toString(), QStringLiteral("BN"));
        QCOMPARE(fresh.value(4).toString(), added.number);
        const QVariantList same = markerInPage(points.at(2).id);
        QCOMPARE(same.value(0).toDouble(), points.at(2).latitude);
        QCOMPARE(same.value(1).toDouble(), points.at(2).longitude);
        QCOMPARE(same.value(2).toInt(), 2);
        QCOMPARE(same.value(3).toString(), QStringLiteral("TN"));
    }

    void keyboardPickGivesTheNearestAddress()
    {
        setMarkers({});
        centerOn(42.3576, -71.0685, 18); // on "1 A Acorn St"
        const qsizetype mark = m_f.rendered.size();
        m_f.panel->activateWindow();
        m_f.map->focusMap();
        QVERIFY(waitRendered(mark, QStringLiteral("focus"), 1));
        QTRY_VERIFY_WITH_TIMEOUT(input()->hasFocus(), Slow);

        QSignalSpy picked(m_f.panel.get(), &MapOverviewPanel::locationPicked);
        const qsizetype beforePick = m_f.rendered.size();
        QTest::keyClick(input(), Qt::Key_Right); // a few metres east
        QTest::keyClick(input(), Qt::Key_Down);
        QTest::keyClick(input(), Qt::Key_Return);
        QVERIFY(picked.wait(Slow) || picked.size() == 1);
        const auto location = picked.at(0).at(0).value<PickedLocation>();
        QVERIFY(location.byKeyboard);
        QVERIFY(location.latitude < 42.3576 && location.longitude > -71.0685); // moved
        QVERIFY(location.address);
        QCOMPARE(location.address->label(), QStringLiteral("1 A Acorn St"));
        QCOMPARE(location.address->neighborhood, QStringLiteral("Beacon Hill"));
        QCOMPARE(location.address->ward, QStringLiteral("5"));
        QCOMPARE(location.address->precinct, QStringLiteral("0503"));
        QVERIFY(location.distanceMeters > 0 && location.distanceMeters < 30);
        QVERIFY(waitRendered(beforePick, QStringLiteral("pick"), 1));
        QVERIFY(m_f.panel->findChild<QLabel *>(QStringLiteral("mapPickedLabel"))
                    ->text()
                    .contains(u"1 A Acorn St"));
    }

    void clickPickGivesTheNearestAddress()
    {
        centerOn(42.3115, -71.117, 18); // on "25 A Eliot St"
        QSignalSpy picked(m_f.panel.get(), &MapOverviewPanel::locationPicked);
        // Off the centre (about 13 m east), so that the next test's click at the centre is
        // never taken for the second half of a double click.
        const QPoint spot(input()->width() / 2 + 30, input()->height() / 2);
        QTest::mouseMove(input(), spot);
        QTest::mouseClick(input(), Qt::LeftButton, {}, spot);
        QVERIFY(picked.wait(Slow) || picked.size() == 1);
        const auto location = picked.at(0).at(0).value<PickedLocation>();
        QVERIFY(!location.byKeyboard);
        QVERIFY(location.address);
        QCOMPARE(location.address->label(), QStringLiteral("25 A Eliot St"));
        QCOMPARE(location.address->neighborhood, QStringLiteral("Jamaica Plain"));
        QCOMPARE(location.address->ward, QStringLiteral("19"));
        QVERIFY(location.distanceMeters > 5 && location.distanceMeters < 25);
    }

    void clickingAMarkerActivatesItsRequest()
    {
        MapRequestRepository repository(m_f.store->db());
        const QList<MapRequestPoint> all = repository.located({});
        QVERIFY(!all.isEmpty());
        const MapRequestPoint target = all.first();
        setMarkers({target});
        centerOn(target.latitude, target.longitude, 18);
        QSignalSpy activated(m_f.panel.get(), &MapOverviewPanel::requestActivated);
        QSignalSpy picked(m_f.panel.get(), &MapOverviewPanel::locationPicked);
        const QPoint centre(input()->width() / 2, input()->height() / 2);
        QTest::mouseMove(input(), centre);
        QTest::mouseClick(input(), Qt::LeftButton, {}, centre);
        QVERIFY2(activated.wait(Slow) || activated.size() == 1,
                 qPrintable(QStringLiteral("%1 picks instead").arg(picked.size())));
        QCOMPARE(activated.at(0).at(0).toString(), target.id);
        QCOMPARE(picked.size(), 0); // a marker click is not a pick
    }

    void selectionIntakeAndDuplicatesReachThePage()
    {
        MapRequestRepository repository(m_f.store->db());
        const QList<MapRequestPoint> all = repository.located({});
        QVERIFY(all.size() >= 3);
        qsizetype mark = m_f.rendered.size();
        m_f.panel->showRequest(all.at(1).id);
        QVERIFY(waitRendered(mark, QStringLiteral("selection"), 1));
        mark = m_f.rendered.size();
        m_f.panel->setIntakeLocation(all.at(2).latitude, all.at(2).longitude);
        QVERIFY(waitRendered(mark, QStringLiteral("intake"), 1));
        mark = m_f.rendered.size();
        m_f.panel->setDuplicateCandidates({all.at(0).id, all.at(1).id, QStringLiteral("nope")});
        QVERIFY(waitRendered(mark, QStringLiteral("duplicates"), 2));
        mark = m_f.rendered.size();
        m_f.panel->clearIntakeLocation();
        m_f.panel->setDuplicateCandidates({});
        QVERIFY(waitRendered(mark, QStringLiteral("duplicates"), 0));
        QVERIFY(waitRendered(mark, QStringLiteral("intake"), 0));
    }

    void hotSpotsOnTheMapAndInTheTable()
    {
        const qsizetype mark = m_f.rendered.size();
        m_f.panel->hotSpotPanel()->compute();
        QVERIFY(m_f.panel->hotSpotPanel()->neighborhoodRowCount() > 0);
        const auto *table = m_f.panel->findChild<QTableView *>(QStringLiteral("hotspotTableView"));
        QVERIFY(table);
        QCOMPARE(table->model()->rowCount(), m_f.panel->hotSpotPanel()->neighborhoodRowCount());
        const auto seen = [&] {
            for (qsizetype i = mark; i < m_f.rendered.size(); ++i)
                if (m_f.rendered.at(i).what == u"hotspots" && m_f.rendered.at(i).count > 0)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen(), Slow);
    }

    void javaScriptErrorsAreLogged()
    {
        m_f.map->webView()->page()->runJavaScript(QStringLiteral(
            "setTimeout(function () { throw new Error('deliberate-probe-error'); }, 0);"));
        QTRY_VERIFY_WITH_TIMEOUT(
            mapMessages().filter(QStringLiteral("deliberate-probe-error")).size() > 0, Slow);
    }

    void screenshotShowsTheMap()
    {
        // The whole city with its requests and hot spots.
        MapRequestRepository repository(m_f.store->db());
        setMarkers(repository.located({}));
        m_f.panel->hotSpotPanel()->compute();
        centerOn(42.33, -71.08, 12);
        QImage shot;
        int colours = 0;
        double share = 1;
        QRgb commonest = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            (shot = m_f.panel->grab().toImage(),
             colours = distinctColours(m_f.map->webView()->grab().toImage(), &commonest, &share),
             colours >= 40 && share < 0.9),
            Slow);
        const QString file = QDir::current().absoluteFilePath(QStringLiteral("tst_mapview.png"));
        QVERIFY(shot.save(file));
        qInfo("map screenshot: %s (%d colours, commonest #%06x covers %.0f%%)", qPrintable(file),
              colours, commonest & 0xffffff, share * 100);
    }

    void cleanupTestCase()
    {
        // Nothing went wrong in the page but the error planted on purpose.
        QStringList problems = mapMessages().filter(QStringLiteral("error"));
        problems.removeIf([](const QString &m) { return m.contains(u"deliberate-probe-error"); });
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        m_f.panel.reset();
        qInstallMessageHandler(previousHandler);
    }
};

QTEST_MAIN(TestMapView)
#include "tst_mapview.moc"

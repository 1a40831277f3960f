// civicdesk-map-probe: opens a store's map the way the workstation does and prints timings as
// "key=value" lines, for tests/bench/bench_map.cpp (the benchmark program has no GUI, so it runs
// this one). Modes:
//   --database FILE --first-render        panel shown -> basemap and requests drawn
//       add --warm to let the layers be simplified first, as the workstation does in the
//       background once its window is up
//   --database FILE --prepared            the map prepared hidden the way the workstation does
//                                         once its window is idle (MapWarmUp), then shown:
//                                         shown -> basemap and requests painted (shown_ms)
//   --database FILE --update N            replace the markers with N located requests (taken
//                                         from the store, repeated if it holds fewer)
//   --database FILE --change K            after the first render, change K of the requests shown
//                                         (a quarter each removed, new, moved, of another
//                                         status), as a sync does: the page gets the difference
//   --database FILE --import DIR          import the city pack DIR into the store first
//   --database FILE --baseline DIR        the bare baseline: a page of plain Leaflet in the same
//                                         QtWebEngine drawing the same layers (files written to
//                                         DIR) and the same requests clustered by
//                                         Leaflet.markercluster, shown -> drawn
//       add --layers-only for a bare page drawing only the layers

#include "models/city/layerviews.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/maprequestrepository.h"
#include "models/store/database.h"
#include "models/workstation/storecontext.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapprotocol.h"
#include "ui/map/mapview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QTimer>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>
#include <cstdio>
#include <memory>
#include <optional>

using namespace civicdesk;

namespace {

constexpr int Timeout = 300000;

void print(const QByteArray &key, double value)
{
    std::printf("%s=%.1f\n", key.constData(), value);
    std::fflush(stdout);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return false;
    }
    return true;
}

// The baseline page: Leaflet as the map page has it, the same layers the map shows at first (in
// the detail it draws them) and, unless `layersOnly`, the same requests clustered by the usual
// plugin, Leaflet.markercluster, as local files. Its title becomes "done" once everything is
// painted.
bool writeBaseline(const QString &dir, MapOverviewPanel &panel, StoreContext &store,
                   const MapRequestFilter &filter, Database &db, bool layersOnly)
{
    QByteArray scripts;
    for (const char *name :
         {"leaflet.min.js", "leaflet.css", "leaflet.markercluster.js", "MarkerCluster.css"}) {
        QFile resource(QStringLiteral(":/map/leaflet/") + QLatin1String(name));
        if (!resource.open(QIODevice::ReadOnly) ||
            !writeFile(QDir(dir).filePath(QLatin1String(name)), resource.readAll()))
            return false;
    }
    panel.layerViews()->prepare();
    panel.layerViews()->waitForDone();
    int index = 0;
    for (const LayerInfo &layer : store.layers.layers()) {
        if (!mapprotocol::isShownAtFirst(layer.kind))
            continue;
        const QString file = QStringLiteral("layer%1.js").arg(index++);
        if (!writeFile(QDir(dir).filePath(file), "LAYERS.push(" +
                                                     panel.layerViews()
                                                         ->view(layer.id, LayerDetail::Overview)
                                                         .value_or(QByteArrayLiteral("{}")) +
                                                     ");\n"))
            return false;
        scripts += "<script src=\"" + file.toLatin1() + "\"></script>\n";
    }
    QByteArray requests = "var REQUESTS = [";
    const QList<MapRequestPoint> points =
        layersOnly ? QList<MapRequestPoint>() : MapRequestRepository(db).located(filter);
    for (const MapRequestPoint &p : points) {
        if (requests.size() > 16)
            requests += ',';
        requests += '[' + QByteArray::number(p.latitude, 'f', 6) + ',' +
                    QByteArray::number(p.longitude, 'f', 6) + ']';
    }
    if (!writeFile(QDir(dir).filePath(QStringLiteral("requests.js")), requests + "];\n"))
        return false;
    const QByteArray page = R"(<!DOCTYPE html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="MarkerCluster.css">
<style>html, body, #map { margin: 0; height: 100%; }</style>
<script src="leaflet.min.js"></script><script src="leaflet.markercluster.js"></script>
<script>var LAYERS = [];</script>
)" + scripts + R"(<script src="requests.js"></script>
</head><body><div id="map"></div>
<script>
const map = L.map('map', {preferCanvas: true, maxZoom: 19});
let bounds = null;
for (const layer of LAYERS) {
    const drawn = L.geoJSON(layer, {interactive: false}).addTo(map);
    if (!bounds) bounds = drawn.getBounds();
}
map.fitBounds(bounds);
const icon = L.divIcon({className: 'request', html: 'x', iconSize: [20, 20]});
const clusters = L.markerClusterGroup({chunkedLoading: true, chunkInterval: 150, chunkDelay: 10,
    removeOutsideVisibleBounds: true, chunkProgress: (done, total) => {
        if (done >= total)
            requestAnimationFrame(() => requestAnimationFrame(() => { document.title = 'done'; }));
    }});
clusters.addTo(map);
if (REQUESTS.length)
    clusters.addLayers(REQUESTS.map(p => L.marker(p, {icon: icon, keyboard: false})));
else
    requestAnimationFrame(() => requestAnimationFrame(() => { document.title = 'done'; }));
</script></body></html>
)";
    std::printf("baseline_requests=%lld\n", qlonglong(points.size()));
    return writeFile(QDir(dir).filePath(QStringLiteral("baseline.html")), page);
}

// Whether the page has built everything it was given (the map's page.js: civicdeskPrepared).
bool pagePrepared(MapView *map)
{
    auto answer = std::make_shared<std::optional<bool>>();
    map->webView()->page()->runJavaScript(
        QStringLiteral("window.civicdeskPrepared ? window.civicdeskPrepared() : false"),
        [answer](const QVariant &v) { *answer = v.toBool(); });
    return QTest::qWaitFor([&] { return answer->has_value(); }, Timeout) && answer->value_or(false);
}

// --prepared: the map started while its panel is hidden (as MapWarmUp does once the
// workstation's window is idle) until its page has built the basemap and the markers, then
// the panel shown; prints prepare_ms (start -> prepared, hidden), shown_ms (show -> the page's
// "shown": layers and clusters painted) and the UI thread's longest stall while preparing.
int showPrepared(MapOverviewPanel &panel, QHash<QString, double> &done, QElapsedTimer &clock)
{
    MapView *map = panel.mapView();
    clock.restart();
    QElapsedTimer beat;
    beat.start();
    qint64 longestStall = 0;
    QTimer heartbeat; // how long the UI thread could not take an event (a keystroke's wait)
    heartbeat.setInterval(5);
    QObject::connect(&heartbeat, &QTimer::timeout, &panel,
                     [&] { longestStall = std::max(longestStall, beat.restart() - 5); });
    heartbeat.start();
    const qint64 startCall = [&] {
        QElapsedTimer call;
        call.start();
        map->start();
        return call.elapsed();
    }();
    if (!map->isStarted()) {
        std::fprintf(stderr, "%s\n", qPrintable(map->unavailableReason()));
        return 3;
    }
    if (!QTest::qWaitFor(
            [&] { return map->isReady() && map->lastMarkerSequence() > 0 && pagePrepared(map); },
            Timeout)) {
        std::fprintf(stderr, "the hidden map was never prepared\n");
        return 4;
    }
    heartbeat.stop();
    print("prepare_ms", double(clock.elapsed()));
    print("prepare_start_call_ms", double(startCall));
    print("prepare_longest_stall_ms", double(longestStall));
    done.clear();
    clock.restart();
    panel.resize(1400, 900);
    panel.show();
    if (!QTest::qWaitFor([&] { return done.contains(u"shown"_qs); }, Timeout)) {
        std::fprintf(stderr, "the prepared map never painted once shown\n");
        return 4;
    }
    print("shown_ms", done.value(u"shown"_qs));
    print("shown_page_ms", done.value(u"shown_page_ms"_qs));
    print("shown_requests", done.value(u"shown_count"_qs));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("store"),
                                      QStringLiteral("file"));
    const QCommandLineOption firstRender(QStringLiteral("first-render"),
                                         QStringLiteral("time the first render"));
    const QCommandLineOption update(QStringLiteral("update"),
                                    QStringLiteral("time replacing the markers"),
                                    QStringLiteral("count"));
    const QCommandLineOption change(QStringLiteral("change"),
                                    QStringLiteral("time changing some of the markers"),
                                    QStringLiteral("count"));
    const QCommandLineOption warm(QStringLiteral("warm"),
                                  QStringLiteral("simplify the layers before showing the map"));
    const QCommandLineOption baseline(QStringLiteral("baseline"),
                                      QStringLiteral("time a bare Leaflet page instead"),
                                      QStringLiteral("directory"));
    const QCommandLineOption layersOnly(QStringLiteral("layers-only"),
                                        QStringLiteral("a baseline of the layers alone"));
    const QCommandLineOption import(QStringLiteral("import"), QStringLiteral("city pack"),
                                    QStringLiteral("directory"));
    const QCommandLineOption prepared(QStringLiteral("prepared"),
                                      QStringLiteral("prepare the map hidden, then show it"));
    parser.addOptions(
        {database, firstRender, update, change, warm, baseline, layersOnly, import, prepared});
    parser.process(app);

    auto db = Database::open(parser.value(database));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 2;
    }
    if (parser.isSet(import)) {
        auto pack = CityPack::load(parser.value(import));
        if (!pack) {
            std::fprintf(stderr, "%s\n", qPrintable(pack.error().message));
            return 2;
        }
        CityImporter importer(*db.value());
        if (auto r = importer.import(pack.value()); !r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            return 2;
        }
    }
    StoreContext store(*db.value(), QStringLiteral("bench"));

    QElapsedTimer clock;
    clock.start();
    MapOverviewPanel panel(store);
    MapView *map = panel.mapView();
    if (parser.isSet(baseline)) {
        if (!writeBaseline(parser.value(baseline), panel, store, panel.requestFilter(), *db.value(),
                           parser.isSet(layersOnly)))
            return 7;
        QWebEngineProfile profile;
        QWebEnginePage page(&profile);
        QWebEngineView view;
        view.setPage(&page);
        bool painted = false;
        QObject::connect(&page, &QWebEnginePage::titleChanged, &view,
                         [&](const QString &title) { painted = title == u"done"; });
        clock.restart();
        view.resize(1400, 900);
        view.show();
        page.load(QUrl::fromLocalFile(QDir(parser.value(baseline)).filePath(u"baseline.html"_qs)));
        if (!QTest::qWaitFor([&] { return painted; }, Timeout)) {
            std::fprintf(stderr, "the baseline page never rendered\n");
            return 8;
        }
        print("baseline_ms", double(clock.elapsed()));
        return 0;
    }
    if (parser.isSet(warm)) {
        panel.layerViews()->prepare(panel.shownAtFirst());
        panel.layerViews()->waitForDone();
        print("warm_ms", double(clock.elapsed()));
        clock.restart();
    }
    QHash<QString, double> done;
    QObject::connect(map, &MapView::rendered, &panel,
                     [&](const QString &what, int count, double ms) {
                         done.insert(what, double(clock.elapsed()));
                         done.insert(what + QStringLiteral("_count"), count);
                         done.insert(what + QStringLiteral("_page_ms"), ms);
                     });
    QObject::connect(map, &MapView::ready, &panel,
                     [&] { done.insert(QStringLiteral("ready"), double(clock.elapsed())); });
    // Gives the map `points` and waits until the page has drawn them; prints the times as
    // <what>_ms (all), <what>_encode_ms, <what>_page_ms and the payload's size.
    const auto giveMarkers = [&](const QList<MapRequestPoint> &points, const QByteArray &what) {
        done.clear();
        clock.restart();
        map->setRequests(points);
        const double encoded = double(clock.elapsed());
        if (!QTest::qWaitFor(
                [&] {
                    return done.contains(u"requests"_qs) &&
                           int(done.value(u"requests_count"_qs)) == int(points.size());
                },
                Timeout)) {
            std::fprintf(stderr, "the %s markers never rendered\n", what.constData());
            return false;
        }
        print(what + "_ms", done.value(u"requests"_qs));
        print(what + "_encode_ms", encoded);
        print(what + "_page_ms", done.value(u"requests_page_ms"_qs));
        print(what + "_payload_bytes", double(map->lastMarkerPayload().bytes.size()));
        return true;
    };
    if (parser.isSet(prepared))
        return showPrepared(panel, done, clock);
    panel.resize(1400, 900);
    panel.show();
    done.insert(QStringLiteral("shown"), double(clock.elapsed()));
    // The map starts once the show is over (MapView::showEvent).
    const bool started = QTest::qWaitFor(
        [&] { return map->isStarted() || !map->unavailableReason().isEmpty(); }, Timeout);
    if (!started || !map->isStarted()) {
        std::fprintf(stderr, "%s\n", qPrintable(map->unavailableReason()));
        return 3;
    }
    if (!QTest::qWaitFor(
            [&] { return done.contains(u"basemap"_qs) && done.contains(u"requests"_qs); },
            Timeout)) {
        std::fprintf(stderr, "the map never rendered\n");
        return 4;
    }
    if (parser.isSet(firstRender)) {
        print("first_render_ms", std::max(done.value(u"basemap"_qs), done.value(u"requests"_qs)));
        print("basemap_ms", done.value(u"basemap"_qs));
        // Where the time went: the panel shown (the requests read meanwhile), the page
        // answering through the bridge, then drawing in the page.
        print("shown_ms", done.value(u"shown"_qs));
        print("page_ready_ms", done.value(u"ready"_qs));
        print("basemap_page_ms", done.value(u"basemap_page_ms"_qs));
        print("requests_page_ms", done.value(u"requests_page_ms"_qs));
        print("initial_requests", done.value(u"requests_count"_qs));
        // The page's own milestones (Navigation Timing), since the panel was shown.
        const qint64 shownAt =
            QDateTime::currentMSecsSinceEpoch() - clock.elapsed() + qint64(done.value(u"shown"_qs));
        QVariantMap timing;
        map->webView()->page()->runJavaScript(
            QStringLiteral("(() => { const t = performance.timing; return {navigation: "
                           "t.navigationStart, page: t.responseEnd, scripts: t.domInteractive, "
                           "loaded: t.loadEventEnd}; })()"),
            [&timing](const QVariant &v) { timing = v.toMap(); });
        if (QTest::qWaitFor([&] { return !timing.isEmpty(); }, Timeout)) {
            for (auto it = timing.cbegin(); it != timing.cend(); ++it)
                print("page_" + it.key().toUtf8() + "_ms",
                      double(it.value().toLongLong() - shownAt));
        }
    }
    if (parser.isSet(change)) {
        QList<MapRequestPoint> points =
            MapRequestRepository(*db.value()).located(panel.requestFilter());
        const int wanted = std::min(parser.value(change).toInt(), int(points.size()));
        if (wanted <= 0) {
            std::fprintf(stderr, "nothing to change\n");
            return 5;
        }
        // Spread over the list: removed, new, moved about 10 m, of another status.
        const qsizetype step = points.size() / wanted;
        QList<qsizetype> removed;
        for (int i = 0; i < wanted; ++i) {
            MapRequestPoint &p = points[i * step];
            switch (i % 4) {
            case 0:
                removed.append(i * step);
                break;
            case 1:
                p.id = QStringLiteral("probe:%1").arg(i);
                p.number = QStringLiteral("P-%1").arg(i);
                break;
            case 2:
                p.latitude += 0.0001;
                break;
            default:
                p.status = p.status == RequestStatus::Open ? RequestStatus::InProgress
                                                           : RequestStatus::Open;
            }
        }
        for (auto it = removed.crbegin(); it != removed.crend(); ++it)
            points.removeAt(*it);
        if (!giveMarkers(points, "change"))
            return 6;
        print("change_markers",
              map->lastMarkerPayload().changed + map->lastMarkerPayload().removed);
        print("change_was_a_difference", map->lastMarkerPayload().replace ? 0 : 1);
        print("markers_shown", double(points.size()));
    }
    if (parser.isSet(update)) {
        const int wanted = parser.value(update).toInt();
        MapRequestFilter all;
        const QList<MapRequestPoint> located = MapRequestRepository(*db.value()).located(all);
        if (located.isEmpty()) {
            std::fprintf(stderr, "the store has no located requests\n");
            return 5;
        }
        QList<MapRequestPoint> points;
        points.reserve(wanted);
        for (int i = 0; i < wanted; ++i)
            points.append(located.at(i % located.size()));
        if (!giveMarkers(points, "update"))
            return 6;
        print("update_markers", wanted);
        // The page stays responsive: a round trip through the bridge right after the update.
        clock.restart();
        map->centerOn(42.3601, -71.0589, 15);
        if (QTest::qWaitFor([&] { return done.contains(u"view"_qs); }, Timeout))
            print("pan_after_update_ms", double(clock.elapsed()));
    }
    return 0;
}

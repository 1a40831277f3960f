// civicdesk-map-probe: opens a store's map the way the workstation does and prints timings as
// "key=value" lines, for tests/bench/bench_map.cpp (the benchmark program has no GUI, so it runs
// this one). Modes:
//   --database FILE --first-render        panel shown -> basemap and requests drawn
//   --database FILE --update N            replace the markers with N located requests (taken
//                                         from the store, repeated if it holds fewer)

#include "models/requests/maprequestrepository.h"
#include "models/store/database.h"
#include "ui/common/storecontext.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTest>
#include <cstdio>

using namespace civicdesk;

namespace {

constexpr int Timeout = 300000;

void print(const char *key, double value)
{
    std::printf("%s=%.1f\n", key, value);
    std::fflush(stdout);
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
    parser.addOptions({database, firstRender, update});
    parser.process(app);

    auto db = Database::open(parser.value(database));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 2;
    }
    StoreContext store(*db.value(), QStringLiteral("bench"));

    QElapsedTimer clock;
    clock.start();
    MapOverviewPanel panel(store);
    MapView *map = panel.mapView();
    QHash<QString, double> done;
    QObject::connect(map, &MapView::rendered, &panel,
                     [&](const QString &what, int count, double ms) {
                         done.insert(what, double(clock.elapsed()));
                         if (what == u"requests")
                             done.insert(QStringLiteral("requests_count"), count);
                         done.insert(what + QStringLiteral("_page_ms"), ms);
                     });
    panel.resize(1400, 900);
    panel.show();
    if (!map->isStarted()) {
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
        print("initial_requests", done.value(u"requests_count"_qs));
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
        done.clear();
        clock.restart();
        map->setRequests(points);
        const double encoded = double(clock.elapsed());
        if (!QTest::qWaitFor(
                [&] {
                    return done.contains(u"requests"_qs) &&
                           int(done.value(u"requests_count"_qs)) == wanted;
                },
                Timeout)) {
            std::fprintf(stderr, "the markers never rendered\n");
            return 6;
        }
        print("update_ms", done.value(u"requests"_qs));
        print("update_encode_ms", encoded);
        print("update_page_ms", done.value(u"requests_page_ms"_qs));
        print("update_markers", wanted);
        // The page stays responsive: a round trip through the bridge right after the update.
        clock.restart();
        map->centerOn(42.3601, -71.0589, 15);
        if (QTest::qWaitFor([&] { return done.contains(u"view"_qs); }, Timeout))
            print("pan_after_update_ms", double(clock.elapsed()));
    }
    return 0;
}

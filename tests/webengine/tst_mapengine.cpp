// The map's web engine is a module loaded when a map first starts (ui/map/mapengine.h): a
// program that links the map, as the workstation does (this test links no QtWebEngine of its
// own), has none of QtWebEngine loaded before, and the map once started draws its basemap and
// its requests as before.

#include "models/requests/maprequestrepository.h"
#include "models/workstation/storecontext.h"
#include "tests/support/teststore.h"
#include "ui/map/mapengine.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace civicdesk;

namespace {

constexpr int Slow = 120000; // ms: shared CI machines with two cores

// Whether a file whose name holds `name` is mapped into this process.
bool isMapped(const QByteArray &name)
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    return maps.open(QIODevice::ReadOnly) && maps.readAll().contains(name);
}

} // namespace

class TestMapEngine : public QObject
{
    Q_OBJECT

private slots:
    void theWebEngineIsLoadedWhenTheMapStarts();
};

void TestMapEngine::theWebEngineIsLoadedWhenTheMapStarts()
{
    QVERIFY(!isMapped("libQt6WebEngineCore"));
    QVERIFY(!isMapped("libcivicdesk-mapengine"));
    QVERIFY(!MapEngine::isLoaded());

    auto store = test::miniCityStore();
    StoreContext context(store->db(), QStringLiteral("agent1"));
    MapOverviewPanel panel(context);
    MapView *map = panel.mapView();
    QStringList rendered;
    connect(map, &MapView::rendered, this, [&rendered](const QString &what, int count, double) {
        rendered.append(what + u':' + QString::number(count));
    });
    // Built and given its data, not started: still nothing of the web engine.
    QVERIFY(!map->isStarted());
    QVERIFY(!isMapped("libQt6WebEngineCore"));

    QSignalSpy ready(map, &MapView::ready);
    panel.resize(1000, 760);
    panel.show();
    QVERIFY(QTest::qWaitFor(
        [map] { return map->isStarted() || !map->unavailableReason().isEmpty(); }, Slow));
    QVERIFY2(map->isStarted(), qPrintable(map->unavailableReason()));
    QVERIFY(MapEngine::isLoaded());
    QVERIFY(isMapped("libcivicdesk-mapengine"));
    QVERIFY(isMapped("libQt6WebEngineCore"));
    QVERIFY(map->webView() != nullptr);
    QVERIFY(ready.wait(Slow) || ready.size() == 1);
    // The page draws what the panel gave it: the basemap and every located request.
    const auto seen = [&rendered](const QString &prefix) {
        return std::any_of(rendered.cbegin(), rendered.cend(),
                           [&prefix](const QString &r) { return r.startsWith(prefix); });
    };
    QVERIFY2(QTest::qWaitFor([&] { return seen(u"basemap:"_qs); }, Slow),
             qPrintable(rendered.join(u", ")));
    // Markers given to the started map reach its page through the engine.
    QList<MapRequestPoint> points;
    for (int i = 0; i < 3; ++i) {
        MapRequestPoint p;
        p.id = QStringLiteral("engine-%1").arg(i);
        p.number = QStringLiteral("E-%1").arg(i);
        p.typeName = QStringLiteral("Pothole");
        p.latitude = 42.3601 + 0.001 * i;
        p.longitude = -71.0589;
        points.append(p);
    }
    map->setRequests(points);
    QVERIFY2(QTest::qWaitFor([&] { return rendered.contains(u"requests:3"_qs); }, Slow),
             qPrintable(rendered.join(u", ")));
}

// As the workstation's main(): QtWebEngine, loaded later, shares the widgets' OpenGL contexts.
int main(int argc, char *argv[])
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    TestMapEngine test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_mapengine.moc"

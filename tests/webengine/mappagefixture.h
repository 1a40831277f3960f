#pragma once

#include "models/workstation/storecontext.h"
#include "tests/support/teststore.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>
#include <memory>
#include <optional>

namespace civicdesk::test {

// The map panel on the mini city (tests/support/teststore.h) in a real QWebEngineView, with
// every acknowledgement of its page ("basemap", "requests", "view"...) recorded.
class MapPageFixture
{
public:
    static constexpr int Slow = 120000; // ms: shared CI machines with two cores

    struct Rendered
    {
        QString what;
        int count;
    };

    std::unique_ptr<TempStore> store;
    std::unique_ptr<StoreContext> context;
    std::unique_ptr<MapOverviewPanel> panel;
    MapView *map = nullptr;
    QList<Rendered> rendered;

    // The store and the panel, not shown yet.
    void create(QObject *receiver)
    {
        store = miniCityStore();
        context = std::make_unique<StoreContext>(store->db(), QStringLiteral("agent1"));
        panel = std::make_unique<MapOverviewPanel>(*context);
        map = panel->mapView();
        QObject::connect(map, &MapView::rendered, receiver,
                         [this](const QString &what, int count, double) {
                             rendered.append({what, count});
                         });
    }

    // Shows the panel at 1000x760 and waits until the page is ready; why not, if it is not.
    QString show()
    {
        QSignalSpy ready(map, &MapView::ready);
        panel->resize(1000, 760);
        panel->show();
        if (!QTest::qWaitForWindowExposed(panel.get()))
            return QStringLiteral("the panel was never shown");
        const bool started = QTest::qWaitFor(
            [this] { return map->isStarted() || !map->unavailableReason().isEmpty(); }, Slow);
        if (!started || !map->isStarted())
            return map->unavailableReason().isEmpty() ? QStringLiteral("the map never started")
                                                      : map->unavailableReason();
        if (!ready.wait(Slow) && ready.size() != 1)
            return QStringLiteral("the page never said it was ready");
        return {};
    }

    // Waits until the page has acknowledged `what` (with `count`, unless negative) since mark.
    bool waitRendered(qsizetype mark, const QString &what, int count = -1)
    {
        const auto seen = [&] {
            for (qsizetype i = mark; i < rendered.size(); ++i)
                if (rendered.at(i).what == what && (count < 0 || rendered.at(i).count == count))
                    return true;
            return false;
        };
        if (QTest::qWaitFor(seen, Slow))
            return true;
        qWarning("the page never acknowledged %s", qPrintable(what));
        return false;
    }

    bool centerOn(double lat, double lon, int zoom)
    {
        const qsizetype mark = rendered.size();
        map->centerOn(lat, lon, zoom);
        return waitRendered(mark, QStringLiteral("view"), zoom);
    }

    // The value of `script` in the page.
    QVariant evaluate(const QString &script)
    {
        auto result = std::make_shared<std::optional<QVariant>>();
        map->webView()->page()->runJavaScript(script, [result](const QVariant &v) { *result = v; });
        if (!QTest::qWaitFor([&] { return result->has_value(); }, Slow))
            qWarning("the page never answered %s", qPrintable(script));
        return result->value_or(QVariant());
    }
};

} // namespace civicdesk::test

// The supervisor's cluster alerts on the map (resources/map/clusterlayer.js) in a real
// QWebEngineView: each cluster is drawn as its area (a circle of the rule's radius around its
// centre) with its count; a click on one tells C++ which (its parent request's id); the selected
// one is drawn as selected and the view moves to it; an empty list clears them. The page keeps
// its other clicks: a request marker still opens its request.

#include "tests/webengine/mappagefixture.h"
#include "ui/map/clusteroverlay.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace civicdesk;

namespace {

// Two clusters in the mini city: rodents near 57 A Chestnut St, street lights on Tremont St.
const QList<MapCluster> Clusters = {{QStringLiteral("parent-rodents"), 42.3572, -71.0694, 150, 3,
                                     QStringLiteral("Rodent Activity: 3 requests within 150 m")},
                                    {QStringLiteral("parent-lights"), 42.3608, -71.0659, 300, 5,
                                     QStringLiteral("Street lights out: 5 requests within 300 m")}};

} // namespace

class TestMapClusterAreas : public QObject
{
    Q_OBJECT

    test::MapPageFixture m_f;

    // What the page has drawn, by id: {radius, count, label, selected, onMap, inView}.
    QHash<QString, QVariantMap> drawn()
    {
        QHash<QString, QVariantMap> byId;
        for (const QVariant &area :
             m_f.evaluate(QStringLiteral("window.civicdeskClusterAreas()")).toList())
            byId.insert(area.toMap().value(QStringLiteral("id")).toString(), area.toMap());
        return byId;
    }

    bool show(const QList<MapCluster> &clusters, const QString &selected = {}, bool pan = false)
    {
        const qsizetype mark = m_f.rendered.size();
        m_f.map->setClusters(clusters, selected, pan);
        return m_f.waitRendered(mark, QStringLiteral("clusters"), int(clusters.size()));
    }

private slots:
    void initTestCase()
    {
        m_f.create(this);
        const QString why = m_f.show();
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void theJsonSaysWhatThePageDraws()
    {
        const QJsonObject json =
            QJsonDocument::fromJson(
                mapprotocol::encodeClusters(Clusters, QStringLiteral("gone"), true).toUtf8())
                .object();
        QCOMPARE(json.value(u"clusters").toArray().size(), 2);
        // A selection that is not among the clusters is none, and nothing to pan to.
        QCOMPARE(json.value(u"selected").toString(), QString());
        QCOMPARE(json.value(u"pan").toBool(), false);
    }

    void eachClusterIsDrawnAsItsArea()
    {
        QVERIFY(m_f.centerOn(42.3590, -71.0676, 15));
        QVERIFY(show(Clusters));
        const auto areas = drawn();
        QCOMPARE(areas.size(), 2);
        QCOMPARE(areas.value(QStringLiteral("parent-rodents")).value(QStringLiteral("radius")),
                 QVariant(150.0));
        QCOMPARE(areas.value(QStringLiteral("parent-lights")).value(QStringLiteral("radius")),
                 QVariant(300.0));
        QCOMPARE(areas.value(QStringLiteral("parent-lights")).value(QStringLiteral("count")),
                 QVariant(5));
        QCOMPARE(
            areas.value(QStringLiteral("parent-rodents")).value(QStringLiteral("label")).toString(),
            Clusters.first().label);
        for (const QVariantMap &a : areas) {
            QVERIFY(a.value(QStringLiteral("onMap")).toBool());
            QVERIFY(!a.value(QStringLiteral("selected")).toBool());
        }
        // The counts are on the map as text.
        QCOMPARE(m_f.evaluate(QStringLiteral("Array.from(document.querySelectorAll("
                                             "'.cluster-count')).map(e => e.textContent).sort()"
                                             ".join(',')"))
                     .toString(),
                 QStringLiteral("3,5"));
    }

    void aClickOnAnAreaChoosesItsCluster()
    {
        QVERIFY(show(Clusters));
        QSignalSpy chosen(m_f.map, &MapView::clusterActivated);
        QVERIFY(
            m_f.evaluate(QStringLiteral("window.civicdeskClickCluster('parent-lights')")).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(chosen.size(), 1, test::MapPageFixture::Slow);
        QCOMPARE(chosen.first().first().toString(), QStringLiteral("parent-lights"));
    }

    // The real mouse: a click in the middle of the rodents' area, away from its count.
    void aMouseClickInsideTheAreaChoosesIt()
    {
        QVERIFY(m_f.centerOn(42.3572, -71.0694, 17));
        QVERIFY(show(Clusters));
        QSignalSpy chosen(m_f.map, &MapView::clusterActivated);
        QWidget *target = m_f.map->webView()->focusProxy();
        QVERIFY(target);
        // The centre is the view's middle; 40 px to its left is inside the 150 m circle at
        // zoom 17 (about 1.2 px per metre there) and off the count's 30 px icon.
        const QPoint middle(target->width() / 2 - 40, target->height() / 2);
        QTest::mouseClick(target, Qt::LeftButton, Qt::NoModifier, middle);
        QTRY_COMPARE_WITH_TIMEOUT(chosen.size(), 1, test::MapPageFixture::Slow);
        QCOMPARE(chosen.first().first().toString(), QStringLiteral("parent-rodents"));
    }

    void theSelectedClusterIsShownAndPannedTo()
    {
        QVERIFY(m_f.centerOn(42.33, -71.10, 13)); // elsewhere: the clusters out of view
        QVERIFY(show(Clusters, QStringLiteral("parent-rodents"), true));
        const auto areas = drawn();
        QVERIFY(areas.value(QStringLiteral("parent-rodents"))
                    .value(QStringLiteral("selected"))
                    .toBool());
        QVERIFY(!areas.value(QStringLiteral("parent-lights"))
                     .value(QStringLiteral("selected"))
                     .toBool());
        QVERIFY(
            areas.value(QStringLiteral("parent-rodents")).value(QStringLiteral("inView")).toBool());
        const QVariantList view = m_f.evaluate(QStringLiteral("window.civicdeskView()")).toList();
        QVERIFY(qAbs(view.value(1).toDouble() - 42.3572) < 0.001);
        QVERIFY(qAbs(view.value(2).toDouble() + 71.0694) < 0.001);
        QVERIFY(view.value(0).toDouble() >= 15); // close enough to see the street
    }

    void anEmptyListClearsThem()
    {
        QVERIFY(show(Clusters));
        QVERIFY(show({}));
        QVERIFY(drawn().isEmpty());
        QCOMPARE(m_f.evaluate(QStringLiteral("document.querySelectorAll('.cluster-count').length"))
                     .toInt(),
                 0);
    }
};

QTEST_MAIN(TestMapClusterAreas)
#include "tst_mapclusterareas.moc"

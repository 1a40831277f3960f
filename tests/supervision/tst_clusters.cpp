// Cluster alerts against hand-computed fixtures: N requests of one type within R metres in a
// rolling window of T hours. Points lie on one meridian, so their distances are exact
// multiples of the metres per degree of latitude: exactly R, exactly T, the window sliding,
// a closed request leaving, two types apart; the rules as the city pack and a supervisor give
// them (bad values refused, naming the key); and the detector over a real store, fed by the
// request events appended after it started.

#include "models/alerts/clusterdetector.h"
#include "models/alerts/clusterrulelog.h"
#include "models/alerts/clusterwatch.h"
#include "models/citypack/citypack.h"
#include "models/domain/event.h"
#include "models/domain/supervision/clusterrule.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonDocument>
#include <QTest>
#include <numbers>

using namespace civicdesk;

namespace {

constexpr double MetresPerDegree = 6371008.8 * std::numbers::pi / 180.0;
constexpr double BaseLat = 42.3601;
constexpr double BaseLon = -71.0589;
const QDateTime T0 = QDateTime(QDate(2026, 12, 4), QTime(14, 0), Qt::UTC);

// A request `north` metres north of the base point, `minutes` after T0.
ClusterRequest at(const QString &id, double north, int minutes,
                  const QString &type = QStringLiteral("STRLGTOUT"))
{
    return ClusterRequest{id,
                          u"N-" + id,
                          type,
                          type == u"STRLGTOUT" ? QStringLiteral("Street lights out")
                                               : QStringLiteral("Pothole"),
                          u"Street " + id,
                          BaseLat + north / MetresPerDegree,
                          BaseLon,
                          T0.addSecs(qint64(minutes) * 60)};
}

// Three requests within 100 m in two hours.
ClusterRules threeIn100m2h()
{
    ClusterRules rules;
    rules.fallback = ClusterRule{3, 100, 2};
    return rules;
}

// The cluster's requests, oldest first: "a,b,c".
QString idsOf(const Cluster &c)
{
    QStringList ids;
    for (const ClusterRequest &r : c.requests)
        ids.append(r.id);
    return ids.join(u',');
}

} // namespace

class TestClusters : public QObject
{
    Q_OBJECT

private slots:
    void formsAtNWithExactlyR()
    {
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        QVERIFY(!d.add(at(QStringLiteral("a"), 0, 0)));
        QVERIFY(!d.add(at(QStringLiteral("b"), 50, 1)));
        QVERIFY(d.clusters().isEmpty());
        // c is exactly 100 m from a: within R.
        QVERIFY(d.add(at(QStringLiteral("c"), 100, 2)));
        const QList<Cluster> clusters = d.clusters();
        QCOMPARE(clusters.size(), 1);
        QCOMPARE(idsOf(clusters.first()), QStringLiteral("a,b,c"));
        QCOMPARE(clusters.first().parent().id, QStringLiteral("a"));
        QCOMPARE(clusters.first().first(), T0);
        QCOMPARE(clusters.first().last(), T0.addSecs(120));
        QCOMPARE(clusters.first().metres, 100.0);
        // The centre is the request that completed it.
        QCOMPARE(clusters.first().latitude, BaseLat + 100 / MetresPerDegree);
    }

    void beyondRIsApart()
    {
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        d.add(at(QStringLiteral("a"), 0, 0));
        d.add(at(QStringLiteral("b"), 0, 1));
        // 100.5 m from a and b: not within R of either, nor they of it.
        QVERIFY(!d.add(at(QStringLiteral("c"), 100.5, 2)));
        QVERIFY(d.clusters().isEmpty());
        // d lies within R of all three (100 m from a and b, 0.5 m from c): a cluster of four
        // around d.
        QVERIFY(d.add(at(QStringLiteral("d"), 100, 3)));
        QCOMPARE(d.clusters().size(), 1);
        QCOMPARE(idsOf(d.clusters().first()), QStringLiteral("a,b,c,d"));
    }

    void neighbourAsCentre()
    {
        // a is the one point with three within R: b (90 m north) and c (90 m south) are 180 m
        // apart, so the cluster forms around a when c arrives, not around c.
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        d.add(at(QStringLiteral("a"), 0, 0));
        d.add(at(QStringLiteral("b"), 90, 1));
        QVERIFY(d.add(at(QStringLiteral("c"), -90, 2)));
        QCOMPARE(d.clusters().size(), 1);
        QCOMPARE(d.clusters().first().latitude, BaseLat);
        QCOMPARE(idsOf(d.clusters().first()), QStringLiteral("a,b,c"));
    }

    void twoTypesApart()
    {
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        d.add(at(QStringLiteral("a"), 0, 0));
        d.add(at(QStringLiteral("b"), 10, 1));
        QVERIFY(!d.add(at(QStringLiteral("p"), 5, 2, QStringLiteral("REQPOTHL"))));
        QVERIFY(d.clusters().isEmpty());
        QVERIFY(d.add(at(QStringLiteral("c"), 20, 3)));
        QCOMPARE(d.clusters().size(), 1);
        QCOMPARE(d.clusters().first().serviceCode, QStringLiteral("STRLGTOUT"));
        QCOMPARE(idsOf(d.clusters().first()), QStringLiteral("a,b,c"));
    }

    void exactlyTAndTheWindowSliding()
    {
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        d.add(at(QStringLiteral("a"), 0, 0));
        d.advanceTo(T0.addSecs(3600));
        d.add(at(QStringLiteral("b"), 10, 60));
        // Exactly two hours after a: a still counts.
        d.advanceTo(T0.addSecs(7200));
        QVERIFY(d.add(at(QStringLiteral("c"), 20, 120)));
        QCOMPARE(d.clusters().size(), 1);
        // One second later a is older than T: the cluster has two left and ends.
        QVERIFY(d.advanceTo(T0.addSecs(7201)));
        QVERIFY(d.clusters().isEmpty());
        QCOMPARE(d.counting(), 2);
        // The window slides on: b, c and a new d make a cluster again, b its parent now.
        d.advanceTo(T0.addSecs(7800));
        QVERIFY(d.add(at(QStringLiteral("d"), 30, 130)));
        QCOMPARE(idsOf(d.clusters().first()), QStringLiteral("b,c,d"));
        QCOMPARE(d.clusters().first().parent().id, QStringLiteral("b"));
        // A request already older than T when it arrives never counts.
        QVERIFY(!d.add(at(QStringLiteral("old"), 0, -1)));
        QCOMPARE(d.counting(), 3);
    }

    void closedRequestLeaves()
    {
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        for (int i = 0; i < 4; ++i)
            d.add(at(QString(QChar(u'a' + i)), i * 10, i));
        QCOMPARE(d.clusters().size(), 1);
        QCOMPARE(d.clusters().first().requests.size(), 4);
        // The parent closes: the next oldest is the parent; three are still a cluster.
        QVERIFY(d.remove(QStringLiteral("a")));
        QCOMPARE(idsOf(d.clusters().first()), QStringLiteral("b,c,d"));
        QCOMPARE(d.clusters().first().parent().id, QStringLiteral("b"));
        // One more closes: two left, the cluster ends.
        QVERIFY(d.remove(QStringLiteral("c")));
        QVERIFY(d.clusters().isEmpty());
        QVERIFY(!d.remove(QStringLiteral("nothing")));
    }

    void laterRequestsJoinTheNearestCentre()
    {
        ClusterDetector d(threeIn100m2h());
        d.advanceTo(T0);
        d.add(at(QStringLiteral("a"), 0, 0));
        d.add(at(QStringLiteral("b"), 0, 1));
        d.add(at(QStringLiteral("c"), 0, 2));
        const int key = d.clusters().first().key;
        QVERIFY(d.add(at(QStringLiteral("d"), 100, 3)));
        QCOMPARE(d.clusters().first().requests.size(), 4);
        QCOMPARE(d.clusters().first().key, key);
        // 150 m from the centre, 50 m from d: not in the cluster (and alone otherwise).
        QVERIFY(!d.add(at(QStringLiteral("e"), 150, 4)));
        QCOMPARE(d.clusters().first().requests.size(), 4);
        QCOMPARE(d.counting(), 5);
    }

    void rulesFromJson()
    {
        const QJsonObject json =
            QJsonDocument::fromJson(R"({"default": {"count": 4, "metres": 250, "hours": 6},
                "types": {"STRLGTOUT": {"count": 3}, "REQPOTHL": {"metres": 80, "hours": 24}}})")
                .object();
        auto rules = ClusterRules::fromJson(json);
        QVERIFY2(rules.ok(), rules.ok() ? "" : qPrintable(rules.error().message));
        QCOMPARE(rules.value().fallback, (ClusterRule{4, 250, 6}));
        // A type's rule starts from the default.
        QCOMPARE(rules.value().rule(QStringLiteral("STRLGTOUT")), (ClusterRule{3, 250, 6}));
        QCOMPARE(rules.value().rule(QStringLiteral("REQPOTHL")), (ClusterRule{4, 80, 24}));
        QCOMPARE(rules.value().rule(QStringLiteral("OTHER")), (ClusterRule{4, 250, 6}));
        QCOMPARE(rules.value().longestHours(), 24);
        // It reads back what it writes.
        auto again = ClusterRules::fromJson(rules.value().toJson());
        QVERIFY(again.ok());
        QVERIFY(again.value() == rules.value());
    }

    void badRulesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("key");
        QTest::newRow("count 1") << QByteArray(R"({"default": {"count": 1}})")
                                 << QStringLiteral("clusters.default.count");
        QTest::newRow("count 2.5") << QByteArray(R"({"types": {"X": {"count": 2.5}}})")
                                   << QStringLiteral("clusters.types.X.count");
        QTest::newRow("metres 5") << QByteArray(R"({"types": {"X": {"metres": 5}}})")
                                  << QStringLiteral("clusters.types.X.metres");
        QTest::newRow("metres text") << QByteArray(R"({"default": {"metres": "200"}})")
                                     << QStringLiteral("clusters.default.metres");
        QTest::newRow("hours 0") << QByteArray(R"({"default": {"hours": 0}})")
                                 << QStringLiteral("clusters.default.hours");
        QTest::newRow("unknown setting") << QByteArray(R"({"default": {"radius": 200}})")
                                         << QStringLiteral("clusters.default.radius");
        QTest::newRow("unknown key")
            << QByteArray(R"({"defaults": {}})") << QStringLiteral("clusters.defaults");
        QTest::newRow("types not an object")
            << QByteArray(R"({"types": [1]})") << QStringLiteral("clusters.types");
    }

    void badRulesAreRefused()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, key);
        auto rules = ClusterRules::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(!rules.ok());
        QCOMPARE(rules.error().code, QStringLiteral("clusters.invalid"));
        QVERIFY2(rules.error().message.contains(u'"' + key + u'"'),
                 qPrintable(rules.error().message));
    }

    void cityPackCheckRefusesBadClusters()
    {
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), "\"format_version\": 1,",
                     "\"format_version\": 1, \"clusters\": {\"types\": {\"STRLGTOUT\": "
                     "{\"hours\": 1000}}},");
        QStringList problems;
        auto loaded = CityPack::load(pack.path(), &problems);
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.join(u'\n').contains(u"\"clusters.types.STRLGTOUT.hours\""),
                 qPrintable(problems.join(u'\n')));
        auto first = CityPack::load(pack.path());
        QVERIFY(!first.ok());
        QVERIFY(first.error().message.contains(u"city.json"));

        test::FixturePack good;
        good.replace(QStringLiteral("city.json"), "\"format_version\": 1,",
                     "\"format_version\": 1, \"clusters\": {\"default\": {\"count\": 4}},");
        auto read = CityPack::load(good.path());
        QVERIFY2(read.ok(), read.ok() ? "" : qPrintable(read.error().message));
        QCOMPARE(read.value().clusters.value(u"default").toObject().value(u"count").toInt(), 4);
    }

    void watchFollowsTheStore()
    {
        test::TempStore store;
        EventStore events(store.db());
        QDateTime now = T0;
        ClusterRules rules = threeIn100m2h();
        // A supervisor's change (an event) wins over the city's rules; a bad one is refused
        // and nothing is written.
        QVERIFY(store.db()
                    .setMeta(QString::fromLatin1(ClusterWatch::CityRulesKey),
                             QStringLiteral(R"({"default": {"count": 9}})"))
                    .ok());
        QCOMPARE(ClusterWatch::rulesOf(store.db()).fallback.count, 9);
        ClusterRuleLog log(store.db(), events, QStringLiteral("sam"));
        const qint64 before = events.eventCount();
        auto refused = log.change(QString(), QString(), ClusterRule{3, 1, 2});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"metres"), qPrintable(refused.error().message));
        QCOMPARE(events.eventCount(), before);
        QCOMPARE(ClusterWatch::rulesOf(store.db()).fallback.count, 9);
        QVERIFY(log.change(QString(), QString(), rules.fallback).ok());
        QVERIFY(ClusterWatch::rulesOf(store.db()) == rules);

        const auto create = [&](const QString &id, double north, int minutes) {
            const ClusterRequest r = at(id, north, minutes);
            Event e = Event::make(QStringLiteral("request"), id, QStringLiteral("request.created"),
                                  {{QStringLiteral("number"), r.number},
                                   {QStringLiteral("service_code"), r.serviceCode},
                                   {QStringLiteral("type_name"), r.typeName},
                                   {QStringLiteral("address"), r.address},
                                   {QStringLiteral("latitude"), r.latitude},
                                   {QStringLiteral("longitude"), r.longitude}},
                                  QStringLiteral("ana"), QStringLiteral("DEV01"), r.createdAt);
            QVERIFY(events.append(e).ok());
        };
        // Two before the watch starts (read once from the requests), the rest as they arrive.
        create(QStringLiteral("a"), 0, 0);
        create(QStringLiteral("b"), 40, 5);
        now = T0.addSecs(600);
        ClusterWatch watch(store.db(), Clock([&now] { return now; }));
        QVERIFY(watch.start().ok());
        QCOMPARE(watch.detector().counting(), 2);
        QVERIFY(watch.clusters().isEmpty());
        create(QStringLiteral("c"), 80, 10);
        auto changed = watch.update();
        QVERIFY(changed.ok());
        QVERIFY(changed.value());
        QCOMPARE(watch.clusters().size(), 1);
        QCOMPARE(idsOf(watch.clusters().first()), QStringLiteral("a,b,c"));
        QCOMPARE(watch.clusters().first().parent().number, QStringLiteral("N-a"));
        QCOMPARE(watch.clusters().first().parent().address, QStringLiteral("Street a"));
        // Nothing new: nothing changes.
        QVERIFY(!watch.update().value());
        // b is closed: the cluster ends.
        QVERIFY(events
                    .append(Event::make(
                        QStringLiteral("request"), QStringLiteral("b"),
                        QStringLiteral("request.status_changed"),
                        {{QStringLiteral("status"), QStringLiteral("closed")},
                         {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                        QStringLiteral("sam"), QStringLiteral("DEV01"), now))
                    .ok());
        QVERIFY(watch.update().value());
        QVERIFY(watch.clusters().isEmpty());
        QCOMPARE(watch.detector().counting(), 2);
    }

    // A rule change is an event: the rules in force follow the latest, and the trail says who
    // changed which rule when, from what to what. A call taker's store refuses one, nothing
    // written.
    void ruleChangesAreEventsInTheAuditTrail()
    {
        test::TempStore store;
        EventStore events(store.db());
        events.setRole(AgentRole::Supervisor);
        QDateTime now = T0;
        ClusterRuleLog sam(store.db(), events, QStringLiteral("sam"),
                           Clock([&now] { return now; }));
        QVERIFY(sam.change(QString(), QString(), ClusterRule{4, 250, 3}).ok());
        now = T0.addSecs(60);
        QVERIFY(sam.change(QStringLiteral("RODENTACT"), QStringLiteral("Rodent Activity"),
                           ClusterRule{3, 150, 2})
                    .ok());
        const ClusterRules inForce = ClusterWatch::rulesOf(store.db());
        QCOMPARE(inForce.fallback, (ClusterRule{4, 250, 3}));
        QCOMPARE(inForce.rule(QStringLiteral("RODENTACT")), (ClusterRule{3, 150, 2}));

        const QList<ClusterRuleChange> trail = sam.history();
        QCOMPARE(trail.size(), 2);
        QCOMPARE(trail.at(0).at, T0.addSecs(60));
        QCOMPARE(trail.at(0).actor, QStringLiteral("sam"));
        QCOMPARE(trail.at(0).serviceCode, QStringLiteral("RODENTACT"));
        QCOMPARE(trail.at(0).typeName, QStringLiteral("Rodent Activity"));
        QCOMPARE(trail.at(0).before, (ClusterRule{4, 250, 3})); // the default it had then
        QCOMPARE(trail.at(0).after, (ClusterRule{3, 150, 2}));
        QCOMPARE(trail.at(1).at, T0);
        QCOMPARE(trail.at(1).serviceCode, QString());
        QCOMPARE(trail.at(1).before, ClusterRule{});
        QCOMPARE(trail.at(1).after, (ClusterRule{4, 250, 3}));

        events.setRole(AgentRole::CallTaker);
        ClusterRuleLog ana(store.db(), events, QStringLiteral("ana"));
        auto refused = ana.change(QString(), QString(), ClusterRule{2, 50, 1});
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"supervisors"),
                 qPrintable(refused.error().message));
        QCOMPARE(sam.history().size(), 2);
        QCOMPARE(ClusterWatch::rulesOf(store.db()).fallback, (ClusterRule{4, 250, 3}));
    }
};

QTEST_GUILESS_MAIN(TestClusters)
#include "tst_clusters.moc"

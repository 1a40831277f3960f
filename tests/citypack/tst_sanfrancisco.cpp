// A second real US city, from its files as published: San Francisco's 311 case sample (DataSF
// "311 Cases", vw6y-z8j6, as Code for San Francisco's data science group published a sample of
// it; the first 3,000 records unchanged), SF's Open311 service list and its analysis
// neighbourhoods (tests/data/sanfrancisco, see ATTRIBUTION.md there). It imports into the
// workstation's store through the importer and into a fresh SQLite store through
// `civicdesk-server --import-city` (on SQLite and on a throwaway PostgreSQL), and each is checked
// as a city's IT would check it: the number of requests, statuses by the pack's map, channels by
// the pack's map, times in America/Los_Angeles, types by the type map, locations from the export's
// one Point column, the neighbourhood layer; `--check-city` reports no problem. The census
// tracts together are the city limits: every point of the export lies inside them, and the
// server's Open311 API refuses a request in Oakland or Daly City.

#include "models/city/citylimits.h"
#include "models/citypack/citycheck.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "tests/support/jsonschema.h"
#include "tests/support/packimport.h"
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

QString packDir()
{
    return test::testDataDir() + QStringLiteral("/sanfrancisco");
}

// What the pack's 3,000 records hold (counted in the published file itself).
constexpr int kRequests = 3000;
constexpr int kOpen = 137;
constexpr int kClosed = 2863;
constexpr int kMapped = 1333; // Request.Type rows the pack's type map names

using test::countBy;
using test::scalar;

// What the city's IT checks in a store the pack was imported into.
void verifyStore(QSqlDatabase db)
{
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests")), kRequests);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE id LIKE "
                                       "'sanfrancisco:%'")),
             kRequests);
    // Statuses by the pack's map, the city's word kept beside ours.
    const auto statuses = countBy(db, QStringLiteral("status"));
    QCOMPARE(statuses.value(QStringLiteral("open")), kOpen);
    QCOMPARE(statuses.value(QStringLiteral("closed")), kClosed);
    const auto words = countBy(db, QStringLiteral("source_status"));
    QCOMPARE(words.value(QStringLiteral("Open")), kOpen);
    QCOMPARE(words.value(QStringLiteral("Closed")), kClosed);
    // Channels by the pack's map: every source of the sample is named in it.
    const auto channels = countBy(db, QStringLiteral("channel"));
    QCOMPARE(channels.value(QStringLiteral("phone")), 2004);   // Voice In
    QCOMPARE(channels.value(QStringLiteral("app")), 441);      // Open311
    QCOMPARE(channels.value(QStringLiteral("web")), 376);      // Web Self Service
    QCOMPARE(channels.value(QStringLiteral("employee")), 128); // Integrated Agency, Other Dep.
    QCOMPARE(channels.value(QStringLiteral("social")), 50);    // Twitter
    QCOMPARE(channels.value(QStringLiteral("email")), 1);      // e-mail In
    QCOMPARE(channels.size(), 6);
    // Types by the type map; the others keep the city's own type name.
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE service_code IS NOT "
                                       "NULL")),
             kMapped);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM service_types")), 38);
    // Every record has a point but 9; each point is inside San Francisco.
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE latitude IS NULL")), 9);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE latitude IS NOT "
                                       "NULL AND (latitude NOT BETWEEN 37.6 AND 37.9 OR "
                                       "longitude NOT BETWEEN -122.6 AND -122.3)")),
             0);
    // The neighbourhood layer: 195 census tracts, each named by its analysis neighbourhood.
    QCOMPARE(scalar(db, QStringLiteral("SELECT feature_count FROM map_layers WHERE id = "
                                       "'neighborhoods'")),
             195);
    // Times in America/Los_Angeles: 2:51:52 PM on 30 April 2014 is PDT (UTC-7), 11:06 AM on
    // 21 January 2010 is PST (UTC-8).
    QCOMPARE(scalar(db, QStringLiteral("SELECT opened_at FROM requests WHERE number = "
                                       "'3600298'")),
             int(QDateTime(QDate(2014, 4, 30), QTime(21, 51, 52), Qt::UTC).toSecsSinceEpoch()));
    QCOMPARE(scalar(db, QStringLiteral("SELECT opened_at FROM requests WHERE number = "
                                       "'585781'")),
             int(QDateTime(QDate(2010, 1, 21), QTime(19, 6), Qt::UTC).toSecsSinceEpoch()));
}

} // namespace

class TestSanFrancisco : public QObject
{
    Q_OBJECT

private slots:
    void checkCityFindsNoProblem()
    {
        const CityCheck check = checkCityPack(packDir());
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
        QCOMPARE(check.loaded.requests, kRequests);
        QCOMPARE(check.loaded.services, 38);
        QCOMPARE(check.loaded.layers, 2);
    }

    void importsIntoTheWorkstationStore()
    {
        test::TempStore store;
        auto pack = CityPack::load(packDir());
        QVERIFY2(pack.ok(), qPrintable(pack.ok() ? QString() : pack.error().message));
        QCOMPARE(pack.value().timezone, QStringLiteral("America/Los_Angeles"));
        CityImporter importer(store.db());
        auto report = importer.import(pack.value());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report.value().requests, kRequests);
        QCOMPARE(report.value().requestsMapped, kMapped);
        QCOMPARE(report.value().services, 38);
        QCOMPARE(report.value().layers, 2);
        verifyStore(QSqlDatabase::database(store.db().connectionName()));

        const RequestRepository requests(store.db());
        const auto open = requests.byNumber(QStringLiteral("3600298"));
        QVERIFY(open);
        QCOMPARE(open->status, RequestStatus::Open);
        QCOMPARE(open->channel, QStringLiteral("phone"));
        QCOMPARE(open->typeName, QStringLiteral("Odor"));
        QCOMPARE(open->serviceCode, QString());
        QCOMPARE(open->neighborhood, QStringLiteral("Mission Bay"));
        QCOMPARE(open->departmentCode, QStringLiteral("PUC - Sewer - G"));
        QVERIFY(open->latitude && qFuzzyCompare(*open->latitude, 37.774007256355));
        QVERIFY(open->longitude && qFuzzyCompare(*open->longitude, -122.395680023339));
        const auto cleaning = requests.byNumber(QStringLiteral("1167331"));
        QVERIFY(cleaning);
        QCOMPARE(cleaning->serviceCode, QStringLiteral("024")); // Sidewalk_Cleaning
        QCOMPARE(cleaning->status, RequestStatus::Closed);
        QCOMPARE(cleaning->closedAt.toUTC(), QDateTime(QDate(2012, 7, 18), QTime(3, 15), Qt::UTC));
        const auto app = requests.byNumber(QStringLiteral("3449984"));
        QVERIFY(app);
        QCOMPARE(app->channel, QStringLiteral("app")); // Open311
    }

    void importsIntoTheServerStore()
    {
        QTemporaryDir dir;
        const QString store = dir.filePath(QStringLiteral("server.sqlite"));
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(
            QStringLiteral(CIVICDESK_SERVER),
            {QStringLiteral("--database"), store, QStringLiteral("--import-city"), packDir()});
        QVERIFY(server.waitForFinished(120000));
        const QString output = QString::fromUtf8(server.readAll());
        QVERIFY2(server.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains(u"3000 requests"), qPrintable(output));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                        QStringLiteral("server-store"));
            db.setDatabaseName(store);
            QVERIFY(db.open());
            verifyStore(db);
            QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM meta WHERE key = "
                                               "'city_timezone' AND value = "
                                               "'America/Los_Angeles'")),
                     1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("server-store"));

        QProcess check;
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(QStringLiteral(CIVICDESK_SERVER),
                    {QStringLiteral("--database"), dir.filePath(QStringLiteral("unused.sqlite")),
                     QStringLiteral("--check-city"), packDir()});
        QVERIFY(check.waitForFinished(120000));
        const QString checked = QString::fromUtf8(check.readAll());
        QCOMPARE(check.exitCode(), 0);
        QVERIFY2(checked.contains(u"no problems found"), qPrintable(checked));
    }

    // The city limits are the census tracts together (the pack's boundary layer is the
    // neighbourhood file again): every point of the export is inside, the neighbours are not.
    void theTractsTogetherAreTheCityLimits()
    {
        test::TempStore store;
        auto pack = CityPack::load(packDir());
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(store.db()).import(pack.value()).ok());
        const test::PointsOutside counted = test::pointsOutsideTheCity(store.db());
        QCOMPARE(counted.points, kRequests - 9);
        QCOMPARE(counted.outside, 0);
        const CityLimits limits = CityLimits::load(store.db(), {});
        QVERIFY(!limits.outside(37.7793, -122.4193, QString())); // City Hall
        QVERIFY(limits.outside(37.8044, -122.2712, QString()));  // Oakland, Lake Merritt
        QVERIFY(limits.outside(37.6879, -122.4702, QString()));  // Daly City
    }

    // Open311 against the imported city: a POST in Oakland is refused with the spec's error,
    // in JSON and XML, and nothing is stored; one at City Hall is taken.
    void open311RefusesAPointOutsideTheCity()
    {
        test::ServerStore store;
        QVERIFY2(!store.url().isEmpty(), qPrintable(store.error()));
        test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), store.url());
        QByteArray output;
        QCOMPARE(server.run({QStringLiteral("--import-city"), packDir()}, {}, &output), 0);
        const QString key = server.createApiKey(QStringLiteral("sf web form"));
        QVERIFY(!key.isEmpty());
        QVERIFY(server.start());
        const auto post = [&](const QString &format, const QString &place) {
            return server.request(QByteArrayLiteral("POST"), u"/open311/v2/requests." + format,
                                  QString(u"api_key=" + key + u"&service_code=024&" + place +
                                          u"&description=Boxes+on+the+sidewalk")
                                      .toUtf8(),
                                  {{QByteArrayLiteral("Content-Type"),
                                    QByteArrayLiteral("application/x-www-form-urlencoded")}});
        };
        const QString oakland = QStringLiteral("lat=37.8044&long=-122.2712");
        const auto json = post(QStringLiteral("json"), oakland);
        QCOMPARE(json.status, 400);
        QVERIFY2(json.body.contains("outside San Francisco"), json.body.constData());
        const QStringList problems = test::validateJson(
            json.json().array(), test::loadSchema(QStringLiteral("open311-errors")));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; ")));
        const auto xml = post(QStringLiteral("xml"), oakland);
        QCOMPARE(xml.status, 400);
        QVERIFY2(xml.body.contains("<errors><error><code>400</code><description>This place is "
                                   "outside San Francisco"),
                 xml.body.constData());
        const auto taken =
            post(QStringLiteral("json"), QStringLiteral("lat=37.7793&long=-122.4193"));
        QVERIFY2(taken.status == 200, taken.body.constData());
        const QString number = taken.json()[0][u"service_request_id"].toString();
        QCOMPARE(server.get(QStringLiteral("/open311/v2/requests/%1.json").arg(number)).status,
                 200);
        if (test::ServerStore::backend() == u"sqlite") {
            auto db = Database::open(store.url());
            QVERIFY(db.ok());
            QCOMPARE(scalar(*db.value(), QStringLiteral("SELECT count(*) FROM requests")),
                     kRequests + 1);
        }
    }

    // A city's IT may run the central store on PostgreSQL: the same pack, the same checks.
    void importsIntoAPostgresServerStore()
    {
        if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(u"PostgreSQL tests skipped: " + why));
        test::PgCluster cluster;
        QVERIFY2(cluster.isRunning(), qPrintable(cluster.error()));
        const QString url = cluster.createDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(cluster.error()));
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(
            QStringLiteral(CIVICDESK_SERVER),
            {QStringLiteral("--database"), url, QStringLiteral("--import-city"), packDir()});
        QVERIFY(server.waitForFinished(180000));
        const QString output = QString::fromUtf8(server.readAll());
        QVERIFY2(server.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains(u"3000 requests"), qPrintable(output));
        auto store = Database::open(url);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message));
        QCOMPARE(store.value()->dialect(), Dialect::Postgres);
        verifyStore(QSqlDatabase::database(store.value()->connectionName()));
        const RequestRepository requests(*store.value());
        const auto open = requests.byNumber(QStringLiteral("3600298"));
        QVERIFY(open);
        QCOMPARE(open->sourceStatus, QStringLiteral("Open"));
        QCOMPARE(open->neighborhood, QStringLiteral("Mission Bay"));
    }
};

QTEST_GUILESS_MAIN(TestSanFrancisco)
#include "tst_sanfrancisco.moc"

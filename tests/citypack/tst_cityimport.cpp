// Importing a city pack: the fixture pack (real Boston rows) loads completely, twice gives the
// same store, and every kind of malformed pack is rejected with file, line and problem named,
// leaving the store exactly as it was.

#include "models/city/cataloguerepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/knowledge/articlerepository.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requestsearchrepository.h"
#include "tests/support/teststore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

Result<ImportReport> importPack(test::TempStore &store, const QString &dir)
{
    auto pack = CityPack::load(dir);
    if (!pack)
        return pack.error();
    CityImporter importer(store.db());
    return importer.import(pack.value());
}

} // namespace

class TestCityImport : public QObject
{
    Q_OBJECT

private slots:
    void importsTheFixturePack()
    {
        test::TempStore store;
        test::FixturePack pack;
        QList<ImportProgress> progress;
        auto loaded = CityPack::load(pack.path());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        CityImporter importer(store.db());
        importer.setProgressHandler([&](const ImportProgress &p) { progress.append(p); });
        auto report = importer.import(loaded.value());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        const ImportReport &r = report.value();
        QCOMPARE(r.services, 8);
        QCOMPARE(r.definitions, 4);
        QCOMPARE(r.slasFromDefinitions, 3); // BOS311GEN has none
        QCOMPARE(r.articles, 8);
        QCOMPARE(r.intakeRules, 5);
        QCOMPARE(r.referrals, 6);
        QCOMPARE(r.layers, 1);
        QCOMPARE(r.addresses, 30);
        QCOMPARE(r.intersections, 10);
        QCOMPARE(r.requests, 25);
        QCOMPARE(r.requestsMapped, 22); // CE Collection maps to nothing
        QVERIFY(r.slasFromHistory >= 1);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().stepIndex, progress.last().stepCount);

        CatalogueRepository catalogue(store.db());
        const auto missed = catalogue.serviceType(QStringLiteral("MTRECYDBI"));
        QVERIFY(missed);
        QVERIFY(missed->hasDefinition);
        QCOMPARE(missed->attributes.size(), 18);
        QCOMPARE(missed->attributes.at(3).dependencies.conditions.size(), 1);
        QCOMPARE(missed->sla->value, 24);
        const auto lights = catalogue.serviceType(QStringLiteral("STRLGTOUT"));
        QVERIFY(lights && lights->sla);
        QCOMPARE(lights->sla->source, QStringLiteral("history"));

        RequestRepository requests(store.db());
        QCOMPARE(requests.count(), 25);
        const auto first = RequestSearchRepository(store.db()).page({}, {}, 1).rows.first();
        QVERIFY(first.id.startsWith(u"minipack:"));
        QVERIFY(first.openedAt.isValid());
        QCOMPARE(store.db().meta(QStringLiteral("city_name")), QStringLiteral("Mini Boston"));
        // Boston's placeholder point means "no location".
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM requests WHERE latitude = 42.3594 "
                                      "AND longitude = -71.0587")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void importingTwiceGivesTheSameStore()
    {
        test::TempStore store;
        test::FixturePack pack;
        QVERIFY(importPack(store, pack.path()).ok());
        const QString first = test::dumpStore(store.db());
        QVERIFY(importPack(store, pack.path()).ok());
        QCOMPARE(test::dumpStore(store.db()), first);
    }

    // Knowledge in several files and any language (issue 14: Spanish seed articles; issue 15:
    // content in Chinese, Vietnamese or Haitian Creole imports and is searchable).
    void knowledgeInSeveralFilesAndAnyLanguage()
    {
        test::TempStore store;
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), QByteArray("\"seed\": \"kb-seed.csv\""),
                     QByteArray("\"seed\": [\"kb-seed.csv\", \"kb-seed-es.csv\"], \"articles\": "
                                "[\"articles-zh.json\"]"));
        pack.write(QStringLiteral("kb-seed-es.csv"),
                   QByteArray("service_code,language,name,group,department,description,"
                              "keywords\nBIRDINFEST,es,Plaga de palomas,Animals,ISD-Environment,"
                              "Reporte muchas palomas en un lugar publico.,\"palomas, "
                              "excremento de paloma\"\n"));
        pack.write(QStringLiteral("articles-zh.json"),
                   QStringLiteral("[{\"id\": \"zh-birds\", \"language\": \"zh\", \"title\": "
                                  "\"鸽子问题\", \"body\": \"鸽子 粪便\", \"keywords\": "
                                  "\"鸽子\"}]")
                       .toUtf8());
        auto report = importPack(store, pack.path());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        ArticleRepository articles(store.db());
        const auto spanish = articles.byId(QStringLiteral("seed:BIRDINFEST:es"));
        QVERIFY(spanish);
        QCOMPARE(spanish->language, QStringLiteral("es"));
        QCOMPARE(spanish->translationGroup, QStringLiteral("seed:BIRDINFEST"));
        QCOMPARE(spanish->serviceCodes, QStringList{QStringLiteral("BIRDINFEST")});
        ArticleQuery query;
        query.text = QStringLiteral("palomas");
        QCOMPARE(articles.search(query).value(0).article.id, spanish->id);
        query.text = QStringLiteral("鸽子");
        QCOMPARE(articles.search(query).value(0).article.id, QStringLiteral("zh-birds"));

        test::FixturePack bad;
        bad.replace(QStringLiteral("kb-seed.csv"), QByteArray("service_code,name,"),
                    QByteArray("service_code,language,name,"));
        bad.replace(QStringLiteral("kb-seed.csv"), QByteArray("ABNDVHCL,"),
                    QByteArray("ABNDVHCL,english,"));
        auto refused = importPack(store, bad.path());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"kb-seed.csv") &&
                     refused.error().message.contains(u"\"english\""),
                 qPrintable(refused.error().message));
    }

    void malformedPacksAreRejectedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        QTest::newRow("manifest json")
            << "city.json" << QByteArray("{") << QByteArray("[") << "city.json: invalid JSON";
        QTest::newRow("manifest format") << "city.json" << QByteArray("civicdesk-city-pack")
                                         << QByteArray("other") << "\"format\" must be";
        QTest::newRow("missing file")
            << "city.json" << QByteArray("\"addresses.csv\"") << QByteArray("\"nowhere.csv\"")
            << "names \"nowhere.csv\", which is not in the pack";
        QTest::newRow("path escape")
            << "city.json" << QByteArray("\"addresses.csv\"") << QByteArray("\"../addresses.csv\"")
            << "must be a path inside";
        QTest::newRow("bad coordinate") << "addresses.csv" << QByteArray("42.3576")
                                        << QByteArray("north") << "addresses.csv: line 2: latitude";
        QTest::newRow("short row") << "addresses.csv" << QByteArray(",02108,Boston,")
                                   << QByteArray(",02108,") << "addresses.csv: line 2:";
        QTest::newRow("bad geojson") << "layers/wards.geojson" << QByteArray("FeatureCollection")
                                     << QByteArray("Feature") << "layers/wards.geojson: expected";
        QTest::newRow("bad definition") << "definitions.json" << QByteArray("\"singlevaluelist\"")
                                        << QByteArray("\"colour\"") << "unknown datatype";
        QTest::newRow("unknown defined type")
            << "definitions.json" << QByteArray("\"BIRDINFEST\"") << QByteArray("\"NOSUCH\"")
            << "defines \"NOSUCH\", which is not in the service list";
        QTest::newRow("services") << "services.json" << QByteArray("\"service_name\"")
                                  << QByteArray("\"name\"") << "service_code and service_name";
        QTest::newRow("type map header")
            << "type-map.csv" << QByteArray("type_2015") << QByteArray("type")
            << "type-map.csv: line 1: missing column(s) type_2015";
    }

    void malformedPacksAreRejectedAndChangeNothing()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        test::TempStore store;
        test::FixturePack good;
        QVERIFY(importPack(store, good.path()).ok());
        const QString before = test::dumpStore(store.db());
        test::FixturePack bad;
        bad.replace(file, from, to);
        auto result = importPack(store, bad.path());
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(expected), qPrintable(result.error().message));
        QCOMPARE(test::dumpStore(store.db()), before);
    }

    void badHistoryRowsNameTheLine()
    {
        test::TempStore store;
        test::FixturePack pack;
        // Rewrite the gzip history file as plain CSV with a broken date on data line 3.
        pack.write(
            QStringLiteral("requests.csv"),
            "source_row_index,CASE_ENQUIRY_ID,OPEN_DT,TARGET_DT,CLOSED_DT,OnTime_Status,"
            "CASE_STATUS,CLOSURE_REASON,CASE_TITLE,SUBJECT,REASON,TYPE,QUEUE,Department,"
            "SubmittedPhoto,ClosedPhoto,Location,fire_district,pwd_district,"
            "city_council_district,police_district,neighborhood,"
            "neighborhood_services_district,ward,precinct,land_usage,LOCATION_STREET_NAME,"
            "LOCATION_ZIPCODE,Property_Type,Property_ID,LATITUDE,LONGITUDE,Source,"
            "Geocoded_Location,source_file_type\n"
            "1,101,01/05/2015 12:40:41 PM,,,ONTIME,Open,,t,s,r,Rodent Activity,q,ISD,,,"
            "1 A St,,,,,,,Ward 1,101.0,,,2128.0,Address,1,42.37,-71.03,Constituent Call,,x\n"
            "2,102,2015-01-05,,,ONTIME,Open,,t,s,r,Rodent Activity,q,ISD,,,"
            "1 A St,,,,,,,Ward 1,101.0,,,2128.0,Address,1,42.37,-71.03,Constituent Call,,x\n");
        pack.replace(QStringLiteral("city.json"), "\"requests.csv.gz\"", "\"requests.csv\"");
        auto result = importPack(store, pack.path());
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"requests.csv, line 3: OPEN_DT \"2015-01-05\""),
                 qPrintable(result.error().message));
        QCOMPARE(RequestRepository(store.db()).count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCityImport)
#include "tst_cityimport.moc"

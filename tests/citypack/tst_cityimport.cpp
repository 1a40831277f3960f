// Importing a city pack: the fixture pack (real Boston rows) loads completely, twice gives the
// same store, and every kind of malformed pack is rejected with file, line and problem named,
// leaving the store exactly as it was; a history row or CSV problem is named once by its line.

#include "models/city/cataloguerepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/domain/categorynames.h"
#include "models/knowledge/articlerepository.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requestsearchrepository.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <tuple>

using namespace civicdesk;
using test::historyRow;
using test::importPack;
using test::writeHistory;

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
        // The kiosk's names of the categories, as the pack gives them.
        const auto names = CategoryNames::fromJson(
            QJsonDocument::fromJson(store.db().meta(QStringLiteral("city_category_names")).toUtf8())
                .object());
        QVERIFY(names.ok());
        QCOMPARE(names.value().name(QStringLiteral("Animals"), QStringLiteral("es")),
                 QStringLiteral("Animales"));
        QCOMPARE(names.value().name(QStringLiteral("Food"), QStringLiteral("en")),
                 QStringLiteral("Food")); // named only in Spanish: the group itself
        QCOMPARE(names.value().name(QStringLiteral("Streets-Sidewalks"), QStringLiteral("es")),
                 QStringLiteral("Streets · Sidewalks")); // not named at all
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

        // Vietnamese and Haitian Creole articles, and synonyms in those languages: a caller's
        // word the article does not hold ("toutrèl") finds it through the city's synonym.
        test::TempStore other;
        pack.replace(QStringLiteral("city.json"), QByteArray("[\"articles-zh.json\"]"),
                     QByteArray("[\"articles-zh.json\", \"articles-vi-ht.json\"], "
                                "\"synonyms\": \"synonyms.csv\""));
        pack.write(QStringLiteral("articles-vi-ht.json"),
                   QStringLiteral("[{\"id\": \"vi-birds\", \"language\": \"vi\", \"title\": "
                                  "\"Chim bồ câu\", \"body\": \"Báo cáo chim bồ câu ở nơi công "
                                  "cộng.\"}, {\"id\": \"ht-birds\", \"language\": \"ht\", "
                                  "\"title\": \"Pijon\", \"body\": \"Rapòte anpil pijon nan "
                                  "yon kote piblik.\"}]")
                       .toUtf8());
        pack.write(QStringLiteral("synonyms.csv"),
                   QStringLiteral("language,term,synonyms\nvi,chim câu,chim bồ câu\nht,"
                                  "toutrèl,pijon\n")
                       .toUtf8());
        report = importPack(other, pack.path());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report.value().synonyms, 2);
        ArticleRepository inOther(other.db());
        for (const auto &[language, words, id] :
             {std::tuple{"vi", "bồ câu", "vi-birds"}, std::tuple{"ht", "pijon", "ht-birds"},
              std::tuple{"ht", "toutrèl", "ht-birds"}}) {
            ArticleQuery q;
            q.language = QString::fromUtf8(language);
            q.text = QString::fromUtf8(words);
            const auto hits = inOther.search(q);
            QVERIFY2(!hits.isEmpty() && hits.first().article.id == QLatin1String(id),
                     qPrintable(q.text));
        }

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
        // A misspelt time zone would shift every timestamp by hours.
        QTest::newRow("time zone")
            << "city.json" << QByteArray("\"America/New_York\"")
            << QByteArray("\"America/NewYork\"")
            << "city.json: \"timezone\": \"America/NewYork\" is not an IANA time zone; did you "
               "mean \"America/New_York\"?";
        QTest::newRow("unknown time zone")
            << "city.json" << QByteArray("\"America/New_York\"") << QByteArray("\"Mars/Olympus\"")
            << "\"timezone\": \"Mars/Olympus\" is not an IANA time zone";
        // A missing required key is named (file and key) before any import work.
        QTest::newRow("missing time zone")
            << "city.json" << QByteArray("\"timezone\": \"America/New_York\",") << QByteArray()
            << "city.json: required key(s) missing: \"timezone\"";
        QTest::newRow("empty services")
            << "city.json" << QByteArray("\"services\": \"services.json\",")
            << QByteArray("\"services\": \"\",")
            << "required key(s) missing: \"catalogue.services\"";
        // A two-digit year without its century would store 2015 as 1915.
        QTest::newRow("two-digit year format")
            << "city.json" << QByteArray("MM/dd/yyyy hh:mm:ss AP")
            << QByteArray("MM/dd/yy hh:mm:ss AP")
            << "date_format \"MM/dd/yy hh:mm:ss AP\" has a two-digit year";
        // A misspelt geometry type would be stored as is.
        QTest::newRow("geometry type")
            << "layers/wards.geojson" << QByteArray("\"Polygon\"") << QByteArray("\"Polgon\"")
            << "layers/wards.geojson: feature 1: geometry type "
               "\"Polgon\" is not a GeoJSON geometry type";
        QTest::newRow("type map header")
            << "type-map.csv" << QByteArray("type_2015") << QByteArray("type")
            << "type-map.csv: line 1: missing column(s) source_type";
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
        writeHistory(pack, historyRow("101") + historyRow("102", "2015-01-05"));
        auto result = importPack(store, pack.path());
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"requests.csv, line 3: OPEN_DT \"2015-01-05\""),
                 qPrintable(result.error().message));
        QCOMPARE(RequestRepository(store.db()).count(), 0);
    }

    // Optional manifest keys may be left out: a pack without a region imports (it used to end
    // in a raw NOT NULL error after the whole import).
    void optionalManifestKeysMayBeLeftOut()
    {
        test::TempStore store;
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), "\"region\": \"Massachusetts\",", "");
        auto result = importPack(store, pack.path());
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        QCOMPARE(store.db().meta(QStringLiteral("city_region")), QString());
    }

    // Every required key missing at once is listed, each with what it holds.
    void everyMissingRequiredKeyIsNamed()
    {
        test::FixturePack pack;
        pack.write(QStringLiteral("city.json"),
                   "{\"format\": \"civicdesk-city-pack\", \"format_version\": 1}");
        auto loaded = CityPack::load(pack.path());
        QVERIFY(!loaded.ok());
        const QString message = loaded.error().message;
        QVERIFY2(message.contains(u"city.json"), qPrintable(message));
        for (const char *key :
             {"\"id\"", "\"name\"", "\"timezone\"", "\"center\"", "\"catalogue.services\""})
            QVERIFY2(message.contains(QLatin1String(key)), key);
    }

    // A short row names its line once; an unclosed quote is reported where it opened.
    void csvProblemsInHistoryNameTheirLineOnce_data()
    {
        QTest::addColumn<QByteArray>("row");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short row") << QByteArray("2,102,01/05/2015 12:40:41 PM,,,ONTIME,Open\n")
                                   << "requests.csv, line 3: 7 fields where the header has 35";
        QTest::newRow("unclosed quote")
            << QByteArray("2,102,01/05/2015 12:40:41 PM,,,ONTIME,Open,,\"t,s,r,Rodent Activity,q,"
                          "ISD,,,1 A St,,,,,,,Ward 1,101.0,,,2128.0,Address,1,42.37,-71.03,"
                          "Constituent Call,,x\n"
                          "3,103,01/05/2015 12:40:41 PM,,,ONTIME,Open,,\"t\",s,r,Rodent Activity,"
                          "q,ISD,,,1 A St,,,,,,,Ward 1,101.0,,,2128.0,Address,1,42.37,-71.03,"
                          "Constituent Call,,x\n")
            << "requests.csv, line 3: a quoted field opened here is not closed on its line";
    }

    void csvProblemsInHistoryNameTheirLineOnce()
    {
        QFETCH(QByteArray, row);
        QFETCH(QString, expected);
        test::TempStore store;
        test::FixturePack pack;
        writeHistory(pack, historyRow("101") + row);
        auto result = importPack(store, pack.path());
        QVERIFY(!result.ok());
        const QString message = result.error().message;
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(message.count(u"line 3"), 1);
        QCOMPARE(RequestRepository(store.db()).count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCityImport)
#include "tst_cityimport.moc"

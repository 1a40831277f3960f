// The real demo city shipped in resources/cities/boston imports completely.

#include "models/city/cataloguerepository.h"
#include "models/city/layerrepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "tests/support/teststore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

class TestDemoImport : public QObject
{
    Q_OBJECT

private slots:
    void importsBoston()
    {
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY2(pack.ok(), qPrintable(pack.ok() ? QString() : pack.error().message));
        test::TempStore store;
        CityImporter importer(store.db());
        auto report = importer.import(pack.value());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        const ImportReport &r = report.value();
        qInfo("demo import: %lld ms, %d requests, %d addresses", r.milliseconds, r.requests,
              r.addresses);
        QCOMPARE(r.services, 118);
        QCOMPARE(r.definitions, 29); // 4 real Boston definitions + 25 written for the demo
        QCOMPARE(r.requests, 121145);
        QCOMPARE(r.addresses, 45098);
        QCOMPARE(r.intersections, 5510);
        QCOMPARE(r.layers, 9);
        QCOMPARE(r.articles, 2 * 118 + 66 + 112); // seed en + es, agent, information // the seed,
                                                  // and the articles written for the demo
        QVERIFY(r.requestsMapped > 100000);

        CatalogueRepository catalogue(store.db());
        const QList<ServiceType> types = catalogue.serviceTypes();
        QCOMPARE(types.size(), 118);
        // The most requested types come first, and every one of the top 25 has a definition.
        for (int i = 0; i < 10; ++i)
            QVERIFY2(types.at(i).hasDefinition, qPrintable(types.at(i).code));
        int withSla = 0;
        for (const ServiceType &t : types)
            withSla += t.sla ? 1 : 0;
        QVERIFY(withSla >= 40);

        LayerRepository layers(store.db());
        QCOMPARE(layers.layers().size(), 9);
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM requests WHERE latitude IS NOT NULL")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 104075); // PROVENANCE.md: rows with a real location
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM requests_rtree")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 104075);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM requests WHERE status = 'open'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 19873);
    }
};

QTEST_GUILESS_MAIN(TestDemoImport)
#include "tst_demoimport.moc"

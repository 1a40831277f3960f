// The service types' names in the pack's languages ("service_names"): checked at import (a bad
// value or an unknown code refuses the pack, names the file, key and what to fix, and writes
// nothing); imported into the store's meta, where the workstation's readers and the lobby's
// receipt find them; Boston's pack names every one of its 118 types in Spanish.

#include "models/city/cataloguerepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/servicetypemodel.h"
#include "models/lobby/lobbyrepository.h"
#include "models/requests/requestsearchrepository.h"
#include "tests/support/teststore.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QTest>

using namespace civicdesk;
using namespace Qt::StringLiterals;

class TestServiceNames : public QObject
{
    Q_OBJECT

private slots:
    void badNamesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("atLoad"); // refused by the manifest check, before any file
        QTest::newRow("unknown code")
            << QByteArray("\"RODENTACT\": {\"es\"") << QByteArray("\"RODENTS\": {\"es\"")
            << QStringLiteral("city.json: \"service_names\" names RODENTS, which is not a "
                              "service code of the service list services.json; use a code of "
                              "that list (ABNDVHCL, BIRDINFEST, BOS311GEN, …) or remove the name")
            << false;
        QTest::newRow("unlisted language")
            << QByteArray("\"RODENTACT\": {\"es\"") << QByteArray("\"RODENTACT\": {\"fr\"")
            << QStringLiteral("city.json: \"service_names.RODENTACT.fr\" must be keyed by one of "
                              "the pack's \"languages\" (en, es); add the language there first.")
            << true;
        QTest::newRow("empty name")
            << QByteArray("\"Ratas o ratones\"") << QByteArray("\" \"")
            << QStringLiteral("city.json: \"service_names.RODENTACT.es\" must be a name of 1 to "
                              "80 characters.")
            << true;
        QTest::newRow("over-long name")
            << QByteArray("\"Ratas o ratones\"") << QByteArray('"' + QByteArray(81, 'r') + '"')
            << QStringLiteral("city.json: \"service_names.RODENTACT.es\" must be a name of 1 to "
                              "80 characters.")
            << true;
        QTest::newRow("not names by language")
            << QByteArray("{\"es\": \"Ratas o ratones\"}") << QByteArray("\"Ratas\"")
            << QStringLiteral("city.json: \"service_names.RODENTACT\" must be an object of names "
                              "by language, e.g. {\"es\": \"Bache en la calle\"}.")
            << true;
    }

    void badNamesAreRefused()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, expected);
        QFETCH(bool, atLoad);
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), from, to);
        auto loaded = CityPack::load(pack.path());
        if (atLoad) {
            QVERIFY(!loaded.ok());
            QVERIFY2(loaded.error().message.endsWith(expected), qPrintable(loaded.error().message));
            return;
        }
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        test::TempStore store;
        auto refused = CityImporter(store.db()).import(loaded.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, expected);
        // Nothing was imported.
        QCOMPARE(test::scalar(store.db(), QStringLiteral("SELECT count(*) FROM service_types")), 0);
        QCOMPARE(store.db().meta(QStringLiteral("city_service_names")), QString());
    }

    // A language the pack does not list is refused even when it is a good ISO code: the pack
    // lists the languages it writes in.
    void aPackWithoutLanguagesNamesInEnglishOnly()
    {
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), "\"languages\"", "\"spoken\"");
        auto loaded = CityPack::load(pack.path());
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().message.contains(u"one of the pack's \"languages\" (en)"),
                 qPrintable(loaded.error().message));
    }

    void aPackWithoutNamesShowsTheCitysNames()
    {
        test::FixturePack pack;
        const QByteArray manifest = pack.read(QStringLiteral("city.json"));
        const qsizetype start = manifest.indexOf("  \"service_names\"");
        const qsizetype end = manifest.indexOf("  \"center\"");
        QVERIFY(start > 0 && end > start);
        pack.write(QStringLiteral("city.json"), manifest.left(start) + manifest.mid(end));
        auto loaded = CityPack::load(pack.path());
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        test::TempStore store;
        auto report = CityImporter(store.db()).import(loaded.value());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(store.db().meta(QStringLiteral("city_service_names")), QString());
        const ServiceNames names =
            CatalogueRepository(store.db()).serviceNames(QStringLiteral("es"));
        QVERIFY(names.isEmpty());
        QCOMPARE(names.shown(QStringLiteral("RODENTACT"), QStringLiteral("Rodent Activity")),
                 QStringLiteral("Rodent Activity"));
        QCOMPARE(LobbyRepository(store.db())
                     .typeNameIn(QStringLiteral("RODENTACT"), QStringLiteral("es")),
                 QString()); // the fixture's seed has no Spanish article: the city's name
    }

    void namesAreImportedAndShownInTheirLanguage()
    {
        auto store = test::miniCityStore();
        const CatalogueRepository catalogue(store->db());
        const ServiceNames spanish = catalogue.serviceNames(QStringLiteral("es"));
        QCOMPARE(spanish.shown(QStringLiteral("RODENTACT"), QStringLiteral("Rodent Activity")),
                 QStringLiteral("Ratas o ratones"));
        // A type the city names in no other language, and a window in English: the city's name.
        QCOMPARE(spanish.shown(QStringLiteral("NOSUCH"), QStringLiteral("As the city says")),
                 QStringLiteral("As the city says"));
        const ServiceNames english = catalogue.serviceNames(QStringLiteral("en"));
        QCOMPARE(english.shown(QStringLiteral("RODENTACT"), QStringLiteral("Rodent Activity")),
                 QStringLiteral("Rodent Activity"));
        // The catalogue's rows keep the city's own name (Open311 and exports read them).
        QCOMPARE(catalogue.serviceType(QStringLiteral("RODENTACT"))->name,
                 QStringLiteral("Rodent Activity"));
        // A caller's receipt follows the caller's language.
        const LobbyRepository lobby(store->db());
        QCOMPARE(lobby.typeNameIn(QStringLiteral("RODENTACT"), QStringLiteral("es")),
                 QStringLiteral("Ratas o ratones"));
        QCOMPARE(lobby.typeNameIn(QStringLiteral("RODENTACT"), QStringLiteral("en")), QString());
    }

    // The History search finds a type by its name in the window's language, whatever the
    // accents, as well as by the city's own name or code.
    void historySearchFindsTypesByTheirNameInTheWindowsLanguage()
    {
        auto store = test::miniCityStore();
        const ServiceNames names = CatalogueRepository(store->db()).serviceNames(u"es"_s);
        QCOMPARE(names.codesMatching(u"pajaros"_s), QStringList{u"BIRDINFEST"_s});
        QCOMPARE(names.codesMatching(u"PLAGA de Pájaros"_s), QStringList{u"BIRDINFEST"_s});
        QVERIFY(names.codesMatching(u"bird"_s).isEmpty()); // the city's name is the store's
        QVERIFY(names.codesMatching(u" "_s).isEmpty());
        const RequestSearchRepository search(store->db());
        HistoryFilter rodents;
        rodents.type = u"rodent"_s;
        const int byCityName = search.count(rodents, 1000);
        QVERIFY(byCityName > 0);
        rodents.type = u"ratones"_s;
        QCOMPARE(search.count(rodents, 1000), 0); // without the window's names
        rodents.typeCodes = names.codesMatching(rodents.type);
        QCOMPARE(search.count(rodents, 1000), byCityName);
    }

    // The item models of the picker and the History tables show the window's names; without
    // names (an English window, a pack without them) the city's.
    void modelsShowTheWindowsNames()
    {
        auto store = test::miniCityStore();
        const CatalogueRepository catalogue(store->db());
        const ServiceNames spanish = catalogue.serviceNames(u"es"_s);
        CallbackEntry callback;
        callback.typeName = u"Rodent Activity"_s;
        callback.serviceCode = u"RODENTACT"_s;
        CallbackListModel callbacks;
        QAbstractItemModelTester callbacksTester(&callbacks);
        callbacks.setEntries({callback});
        const QModelIndex callbackType = callbacks.index(0, CallbackListModel::Type);
        QVERIFY(callbackType.data().toString().startsWith(u"Rodent Activity ("));
        callbacks.setTypeNames(spanish);
        QVERIFY(callbackType.data().toString().startsWith(u"Ratas o ratones ("));

        HistoryEntry entry;
        entry.request.id = u"r1"_s;
        entry.request.typeName = u"Rodent Activity"_s;
        entry.request.serviceCode = u"RODENTACT"_s;
        HistoryEntryModel history;
        QAbstractItemModelTester historyTester(&history);
        history.setTypeNames(spanish);
        history.setEntries({entry});
        QCOMPARE(history.index(0, HistoryEntryModel::Type).data().toString(), u"Ratas o ratones"_s);

        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::Spanish, QLocale::UnitedStates));
        ServiceTypeModel types(catalogue);
        QLocale::setDefault(before);
        QAbstractItemModelTester typesTester(&types);
        const auto row = [&types](const QString &code) {
            for (int i = 0; i < types.rowCount(); ++i) {
                if (types.index(i).data(ServiceTypeModel::CodeRole) == code)
                    return types.index(i);
            }
            return QModelIndex();
        };
        const QModelIndex rodents = row(u"RODENTACT"_s);
        QCOMPARE(rodents.data().toString(), u"Ratas o ratones"_s);
        QCOMPARE(rodents.data(ServiceTypeModel::CityNameRole).toString(), u"Rodent Activity"_s);
        const QString search = rodents.data(ServiceTypeModel::SearchTextRole).toString();
        QVERIFY(search.contains(u"Rodent Activity") && search.contains(u"Ratas o ratones"));
    }

    // Boston's pack names each of its 118 types in Spanish, and the import accepts them all.
    void bostonNamesEveryTypeInSpanish()
    {
        auto loaded = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        CityPack pack = loaded.value();
        QCOMPARE(pack.languages, (QStringList{QStringLiteral("en"), QStringLiteral("es")}));
        // The service list and the names only: the rest of the city is tst_demoimport's.
        CityPack catalogueOnly;
        catalogueOnly.directory = pack.directory;
        catalogueOnly.id = pack.id;
        catalogueOnly.name = pack.name;
        catalogueOnly.timezone = pack.timezone;
        catalogueOnly.servicesFile = pack.servicesFile;
        catalogueOnly.languages = pack.languages;
        catalogueOnly.serviceNames = pack.serviceNames;
        test::TempStore store;
        auto report = CityImporter(store.db()).import(catalogueOnly);
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        const CatalogueRepository catalogue(store.db());
        const QList<ServiceType> types = catalogue.serviceTypes();
        QCOMPARE(types.size(), 118);
        const ServiceNames names = catalogue.serviceNames(QStringLiteral("es"));
        QStringList unnamed;
        QSet<QString> seen;
        for (const ServiceType &type : types) {
            const QString spanish = names.name(type.code, QStringLiteral("es"));
            if (spanish.isEmpty() || spanish == type.name)
                unnamed.append(type.code);
            seen.insert(spanish);
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u' ')));
        QCOMPARE(seen.size(), 118); // no two types share a name an agent could confuse
        QCOMPARE(names.name(QStringLiteral("REQPOTHL"), QStringLiteral("es")),
                 QStringLiteral("Bache en la calle"));
    }
};

QTEST_GUILESS_MAIN(TestServiceNames)
#include "tst_servicenames.moc"

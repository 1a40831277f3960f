// --check-city: a pack with ten different problems has all ten listed (file, line or key, what
// was expected), by the check itself and by both programs, which exit non-zero and write
// nothing, also on a machine without a display; a good pack is reported as such.

#include "models/citypack/citycheck.h"
#include "models/citypack/citypack.h"
#include "models/citypack/rowproblems.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

// Ten problems, each in another file or key, each with what the message must say.
QStringList breakInTenPlaces(test::FixturePack &pack)
{
    pack.replace(QStringLiteral("city.json"), "\"America/New_York\"", "\"America/NewYork\"");
    pack.replace(QStringLiteral("city.json"), "\"history\": [",
                 "\"statuses\": {\"Open\": {\"status\": \"open\"}, \"Closed\": {\"status\": "
                 "\"shut\"}},\n  \"history\": [");
    pack.replace(QStringLiteral("city.json"), "\"intersections.csv\"", "\"nowhere.csv\"");
    pack.replace(QStringLiteral("definitions.json"), "\"singlevaluelist\"", "\"colour\"");
    pack.replace(QStringLiteral("intake-rules.csv"), "OVRCRWD,never,", "OVRCRWD,sometimes,");
    pack.replace(QStringLiteral("referrals.csv"), "617-349-4000", "");
    pack.replace(QStringLiteral("kb-seed.csv"), "ABNDVHCL,Vehicle abandoned on the street,",
                 "ABNDVHCL,,");
    pack.replace(QStringLiteral("layers/wards.geojson"), "\"Polygon\"", "\"Polgon\"");
    pack.replace(QStringLiteral("addresses.csv"), "42.3576", "north");
    pack.replace(QStringLiteral("type-map.csv"), "type_2015", "type");
    return {QStringLiteral("city.json: \"timezone\": \"America/NewYork\" is not an IANA time "
                           "zone; did you mean \"America/New_York\"?"),
            QStringLiteral("city.json: statuses.\"Closed\".status is \"shut\"; expected open, "
                           "in_progress or closed"),
            QStringLiteral("city.json: names \"nowhere.csv\", which is not in the pack"),
            QStringLiteral("unknown datatype"),
            QStringLiteral("intake-rules.csv: line 3: contact_rule \"sometimes\" must be ask, "
                           "require or never"),
            QStringLiteral("referrals.csv: line 2: name and phone are required"),
            QStringLiteral("kb-seed.csv: line 2: service_code and name are required"),
            QStringLiteral("layers/wards.geojson: feature 1: geometry type \"Polgon\" is not a "
                           "GeoJSON geometry type"),
            QStringLiteral("addresses.csv: line 2: latitude \"north\" is not a coordinate"),
            QStringLiteral("type-map.csv: line 1: missing column(s) source_type")};
}

void verifyListed(const QString &output, const QStringList &expected)
{
    for (const QString &problem : expected)
        QVERIFY2(output.contains(problem), qPrintable(problem + u"\n--- in ---\n" + output));
}

// Sets field `column` (0-based) of CSV line `line` (1-based, the header is line 1) of a pack file
// whose fields hold no quoted commas.
void setField(test::FixturePack &pack, const QString &file, int line, int column,
              const QByteArray &value)
{
    QList<QByteArray> lines = pack.read(file).split('\n');
    QList<QByteArray> fields = lines[line - 1].split(',');
    fields[column] = value;
    lines[line - 1] = fields.join(',');
    pack.write(file, lines.join('\n'));
}

struct Run
{
    int exitCode = -1;
    QString output;
};

// Runs a program as a city's IT person would over SSH: no display, and no platform chosen for it
// (CTest sets QT_QPA_PLATFORM=offscreen for the GUI tests; a real shell does not).
Run runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(120000))
        return {};
    return {process.exitCode(), QString::fromUtf8(process.readAll())};
}

} // namespace

class TestCityCheck : public QObject
{
    Q_OBJECT

private slots:
    void listsEveryProblemOfAPack()
    {
        test::FixturePack pack;
        const QStringList expected = breakInTenPlaces(pack);
        const CityCheck check = checkCityPack(pack.path());
        const QString all = check.problems.join(u'\n');
        verifyListed(all, expected);
        QCOMPARE(check.problems.size(), expected.size());
        QVERIFY(check.report(pack.path()).contains(u"10 problem(s) found; nothing was written."));
    }

    // A city's IT mends a whole file at once: every bad row of a file is listed with its line,
    // not only the first; an import still stops at the first and writes nothing.
    void listsEveryBadRowOfAFile()
    {
        test::FixturePack pack;
        setField(pack, QStringLiteral("addresses.csv"), 2, 4, "north");
        setField(pack, QStringLiteral("addresses.csv"), 3, 1, "");
        setField(pack, QStringLiteral("addresses.csv"), 5, 1, "");
        setField(pack, QStringLiteral("addresses.csv"), 5, 5, "west");
        setField(pack, QStringLiteral("referrals.csv"), 2, 2, "");
        setField(pack, QStringLiteral("referrals.csv"), 4, 0, "");
        const QStringList expected = {
            QStringLiteral("addresses.csv: line 2: latitude \"north\" is not a coordinate"),
            QStringLiteral("addresses.csv: line 3: street_name is empty"),
            QStringLiteral("addresses.csv: line 5: street_name is empty"),
            QStringLiteral("addresses.csv: line 5: longitude \"west\" is not a coordinate"),
            QStringLiteral("referrals.csv: line 2: name and phone are required"),
            QStringLiteral("referrals.csv: line 4: name and phone are required")};
        const CityCheck check = checkCityPack(pack.path());
        verifyListed(check.problems.join(u'\n'), expected);
        QCOMPARE(check.problems.size(), expected.size());
        QVERIFY(check.report(pack.path()).contains(u"6 problem(s) found; nothing was written."));

        auto loaded = CityPack::load(pack.path());
        QVERIFY(loaded.ok());
        test::TempStore store;
        CityImporter importer(store.db());
        auto refused = importer.import(loaded.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, expected.at(4)); // referrals come before addresses
    }

    // A file bad from top to bottom: the first RowProblems::Listed rows, then how many more.
    void aLongListOfBadRowsEndsWithHowManyMore()
    {
        test::FixturePack pack;
        QByteArray addresses = "house_number,street_name,zip,latitude,longitude\n";
        for (int i = 0; i < RowProblems::Listed + 7; ++i)
            addresses += QByteArray::number(i + 1) + ",Main St,02108,north,-71.06\n";
        pack.write(QStringLiteral("addresses.csv"), addresses);
        const CityCheck check = checkCityPack(pack.path());
        QCOMPARE(check.problems.size(), RowProblems::Listed + 1);
        QVERIFY(check.problems.first().startsWith(u"addresses.csv: line 2: latitude"));
        QCOMPARE(check.problems.last(), QStringLiteral("… and 7 more bad row(s) like these"));
    }

    // A history file's problems of different kinds come together: rows whose dates cannot be
    // read still have their status checked, so an export saved with two-digit years and a
    // status the map lacks shows both at the first check, not the status after the dates are
    // mended.
    void datesAndStatusesOfAHistoryAreListedTogether()
    {
        test::FixturePack pack;
        test::writeHistory(pack, test::historyRow("301", "01/05/15 12:40:41 PM", "Open") +
                                     test::historyRow("302", "01/06/15 08:10:00 AM", "Cancelled") +
                                     test::historyRow("303", "01/07/2015 09:00:00 AM", "Pending"));
        const CityCheck check = checkCityPack(pack.path());
        const QString all = check.problems.join(u'\n');
        verifyListed(all, {QStringLiteral("2 such date(s)"),
                           QStringLiteral("\"Cancelled\" (1 row(s), first on line 3)"),
                           QStringLiteral("\"Pending\" (1 row(s), first on line 4)")});
        QCOMPARE(check.problems.size(), 2); // the dates, the statuses
    }

    // A boundary layer written latitude first is valid GeoJSON in Boston's latitudes, and
    // would leave every request outside the city (every Open311 POST refused): it is refused,
    // by the check and by an import, saying how many of the city's points it leaves out.
    void aBoundaryThatLeavesTheCityOutsideIsRefused()
    {
        test::FixturePack pack;
        test::addCityLimits(pack);
        const CityCheck good = checkCityPack(pack.path());
        QVERIFY2(good.problems.isEmpty(), qPrintable(good.problems.join(u'\n')));
        QCOMPARE(good.loaded.layers, 3);
        // An export that writes 0, 0 for "no location" without saying so is not judged by it.
        {
            test::FixturePack zeros;
            test::addCityLimits(zeros);
            QByteArray rows;
            for (int i = 0; i < 30; ++i)
                rows += test::historyRow(QByteArray::number(400 + i))
                            .replace(",42.37,-71.03,", ",0,0,");
            test::writeHistory(zeros, rows);
            const CityCheck check = checkCityPack(zeros.path());
            QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
            QCOMPARE(check.loaded.requests, 30);
        }
        QByteArray swapped = pack.read(QStringLiteral("layers/boundary.geojson"));
        static const QRegularExpression position(QStringLiteral("\\[(-?[0-9.]+), (-?[0-9.]+)\\]"));
        swapped =
            QString::fromUtf8(swapped).replace(position, QStringLiteral("[\\2, \\1]")).toUtf8();
        QVERIFY(swapped.contains("[42.22, -71.2]"));
        pack.write(QStringLiteral("layers/boundary.geojson"), swapped);
        const QString expected = QStringLiteral(
            "layers/boundary.geojson: the boundary layer \"boundary\" leaves 21 of 21 of the "
            "city's request points outside the city");
        const CityCheck check = checkCityPack(pack.path());
        QCOMPARE(check.problems.size(), 1);
        QVERIFY2(check.problems.first().startsWith(expected), qPrintable(check.problems.first()));
        QVERIFY(check.problems.first().contains(u"latitude first"));

        auto loaded = CityPack::load(pack.path());
        QVERIFY(loaded.ok());
        test::TempStore store;
        auto refused = CityImporter(store.db()).import(loaded.value());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.startsWith(expected), qPrintable(refused.error().message));
        QCOMPARE(test::scalar(store.db(), QStringLiteral("SELECT count(*) FROM requests")), 0);
    }

    // The kiosk's names of the categories: a bad value is named by its key, a name for a group
    // the service list does not have is named with the list's groups, and neither hides the
    // pack's other problems; an import refuses both and writes nothing.
    void categoryNamesAreChecked()
    {
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), "\"es\": \"Animales\"", "\"es\": \"\"");
        pack.replace(QStringLiteral("intake-rules.csv"), "OVRCRWD,never,", "OVRCRWD,sometimes,");
        const QString empty = QStringLiteral("\"category_names.Animals.es\" must be a name of 1 "
                                             "to 60 characters.");
        CityCheck check = checkCityPack(pack.path());
        verifyListed(check.problems.join(u'\n'),
                     {empty, QStringLiteral("intake-rules.csv: line 3: contact_rule")});
        QCOMPARE(check.problems.size(), 2);

        pack.replace(QStringLiteral("city.json"), "\"es\": \"\"", "\"es\": \"Animales\"");
        pack.replace(QStringLiteral("city.json"), "\"Food\": {", "\"Parking\": {");
        const QString unknown = QStringLiteral(
            "city.json: \"category_names\" names Parking, which is not a group of the service "
            "list services.json (its groups: Animals, Food, Health-Safety, Other, "
            "Streets-Sidewalks, Traffic-Vehicles, Trash-Graffiti)");
        check = checkCityPack(pack.path());
        verifyListed(check.problems.join(u'\n'),
                     {unknown, QStringLiteral("intake-rules.csv: line 3: contact_rule")});
        QCOMPARE(check.problems.size(), 2);
        auto loaded = CityPack::load(pack.path());
        QVERIFY(loaded.ok());
        test::TempStore store;
        auto refused = CityImporter(store.db()).import(loaded.value());
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().message, unknown);
        QCOMPARE(store.db().meta(QStringLiteral("city_category_names")), QString());
    }

    void aGoodPackHasNoProblems()
    {
        const CityCheck check = checkCityPack(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
        QCOMPARE(check.loaded.services, 8);
        QCOMPARE(check.loaded.addresses, 30);
        QCOMPARE(check.loaded.requests, 25);
        QVERIFY(check.report(QStringLiteral("minipack")).contains(u"no problems found"));
    }

    void bothProgramsCheckAPackAndWriteNothing_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("storeOption");
        QTest::newRow("civicdesk-server")
            << QStringLiteral(CIVICDESK_SERVER) << QStringLiteral("--database");
#ifdef CIVICDESK_WORKSTATION
        QTest::newRow("civicdesk")
            << QStringLiteral(CIVICDESK_WORKSTATION) << QStringLiteral("--database");
#endif
    }

    void bothProgramsCheckAPackAndWriteNothing()
    {
        QFETCH(QString, program);
        QFETCH(QString, storeOption);
        QTemporaryDir stores;
        const QString store = stores.filePath(QStringLiteral("store.sqlite"));
        test::FixturePack pack;
        const QStringList expected = breakInTenPlaces(pack);
        const Run bad =
            runProgram(program, {storeOption, store, QStringLiteral("--check-city"), pack.path()});
        QCOMPARE(bad.exitCode, 1);
        verifyListed(bad.output, expected);
        QVERIFY(bad.output.contains(u"10 problem(s) found"));
        QVERIFY(!QFileInfo::exists(store));
        const Run good = runProgram(program, {storeOption, store, QStringLiteral("--check-city"),
                                              test::testDataDir() + QStringLiteral("/minipack")});
        QCOMPARE(good.exitCode, 0);
        QVERIFY2(good.output.contains(u"no problems found"), qPrintable(good.output));
        QVERIFY(!QFileInfo::exists(store));
        // --help and --version need no display either.
        for (const QString &option : {QStringLiteral("--help"), QStringLiteral("--version")}) {
            const Run help = runProgram(program, {option});
            QVERIFY2(help.exitCode == 0 &&
                         help.output.contains(u"check-city") == (option == u"--help"),
                     qPrintable(option + u": " + help.output));
        }
    }

    // An import the pack refuses, into a store that did not exist, leaves no store behind: the
    // IT person fixes the pack and imports into the same path as if nothing had happened. The
    // manifest is read before the store is created; a later refusal removes the new store.
    void aRefusedImportIntoANewStoreLeavesNoStore_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("problem");
        QTest::newRow("manifest") << QByteArray("\"timezone\": \"America/New_York\",")
                                  << QByteArray() << QStringLiteral("required key(s) missing");
        QTest::newRow("history") << QByteArray("\"history\": [")
                                 << QByteArray("\"statuses\": {\"Open\": {\"status\": "
                                               "\"open\"}},\n  \"history\": [")
                                 << QStringLiteral("the pack's status map does not name");
    }

    void aRefusedImportIntoANewStoreLeavesNoStore()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, problem);
        QTemporaryDir stores;
        const QString store = stores.filePath(QStringLiteral("new.sqlite"));
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), from, to);
        const Run refused = runProgram(
            QStringLiteral(CIVICDESK_SERVER),
            {QStringLiteral("--database"), store, QStringLiteral("--import-city"), pack.path()});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.output.contains(problem), qPrintable(refused.output));
        QCOMPARE(QDir(stores.path()).entryList(QDir::Files), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestCityCheck)
#include "tst_citycheck.moc"

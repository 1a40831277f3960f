// --check-city: a pack with ten different problems has all ten listed (file, line or key, what
// was expected), by the check itself and by both programs, which exit non-zero and write
// nothing; a good pack is reported as such.

#include "models/citypack/citycheck.h"
#include "tests/support/teststore.h"

#include <QFileInfo>
#include <QProcess>
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

struct Run
{
    int exitCode = -1;
    QString output;
};

Run runProgram(const QString &program, const QStringList &arguments)
{
    QProcess process;
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
    }
};

QTEST_GUILESS_MAIN(TestCityCheck)
#include "tst_citycheck.moc"

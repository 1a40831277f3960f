// Every CSV a city may supply from its own exports — addresses, intersections, referrals, intake
// rules, the knowledge seed and synonyms, a history's type map — read as published: described
// in city.json with the same `encoding`, `delimiter` and `missing` as a history file, and
// checked by --check-city (a wrong description is listed with the rest, before anything is
// written).

#include "models/citypack/citycheck.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

QByteArray latin1(const QString &text)
{
    return text.toLatin1();
}

QByteArray windows1252(const QString &text)
{
    // Latin-1 with the curly quote in 0x80-0x9F, as a spreadsheet on Windows saves it.
    QByteArray bytes = QString(text).replace(u'\u2019', u'\x01').toLatin1();
    return bytes.replace('\x01', '\x92');
}

// The first column of the first row of `sql`, as text ("(none)" when there is no row).
QString text(test::TempStore &store, const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("(none)");
    return q.value(0).isNull() ? QStringLiteral("(null)") : q.value(0).toString();
}

// The fixture pack with its CSV files replaced by exports in the forms cities publish them.
void writeExports(test::FixturePack &pack)
{
    pack.write(QStringLiteral("addresses.csv"),
               latin1(QStringLiteral("Address Number;Street Name;ZIP Code;Latitude;Longitude;"
                                     "neighborhood_311\r\n"
                                     "12;Calle Año;NULL;42.3576;-71.0685;Beacon Hill\r\n"
                                     "3;A St;02127;NULL;NULL;South Boston\r\n")));
    pack.write(QStringLiteral("intersections.csv"),
               "intersection\tlatitude\tlongitude\tneighborhood_311\n"
               "A St & Athens St\t42.3422\t-71.055\tN/A\n");
    pack.write(QStringLiteral("referrals.csv"),
               windows1252(QStringLiteral("name;kind;phone;hours;places;zips;notes\n"
                                          "City of Cambridge;municipality;617-349-4000;-;"
                                          "cambridge|kendall square;02138|02139;"
                                          "Cambridge’s own city services\n")));
    pack.write(QStringLiteral("intake-rules.csv"),
               "service_code;contact_rule;emergency;emergency_script;duplicate_radius_m;"
               "duplicate_window_days;synonyms\n"
               "FIREFOOD;ask;yes;Transfer the caller to 911 now.;-;-;fire|smoke\n");
    pack.write(QStringLiteral("kb-seed.csv"),
               latin1(QStringLiteral("service_code|name|group|department|description|keywords\n"
                                     "ABNDVHCL|Vehículo abandonado|Traffic||Un vehículo "
                                     "aparcado más de tres días.|vehículo\n")));
    pack.write(QStringLiteral("synonyms.csv"), "language\tterm\tsynonyms\nen\tgarbage\ttrash\n");
    pack.write(QStringLiteral("type-map.csv"), "type_2015;service_code;confidence\n"
                                               "Street Light Outages;STRLGTOUT;exact\n"
                                               "Rodent Activity;RODENTACT;exact\n"
                                               "Abandoned Vehicles;ABNDVHCL;exact\n"
                                               "CE Collection;(none);none\n");
}

void describeExports(test::FixturePack &pack)
{
    // Each key's file name, as the fixture writes it, and its description.
    const QList<std::pair<QByteArray, QByteArray>> descriptions = {
        {"\"addresses\": \"addresses.csv\"",
         "\"addresses\": {\"file\": \"addresses.csv\", \"encoding\": \"latin-1\", "
         "\"delimiter\": \";\", \"missing\": [\"NULL\"], \"columns\": {\"house_number\": "
         "\"Address Number\", \"street_name\": \"Street Name\", \"zip\": \"ZIP Code\", "
         "\"latitude\": \"Latitude\", \"longitude\": \"Longitude\"}}"},
        {"\"intersections\": \"intersections.csv\"",
         "\"intersections\": {\"file\": \"intersections.csv\", \"delimiter\": \"\\t\", "
         "\"missing\": [\"N/A\"]}"},
        {"\"referrals\": \"referrals.csv\"",
         "\"referrals\": {\"file\": \"referrals.csv\", \"encoding\": \"windows-1252\", "
         "\"delimiter\": \";\", \"missing\": [\"-\"]}"},
        {"\"intake_rules\": \"intake-rules.csv\"",
         "\"intake_rules\": {\"file\": \"intake-rules.csv\", \"delimiter\": \";\", "
         "\"missing\": \"-\"}"},
        {"\"seed\": \"kb-seed.csv\"",
         "\"seed\": [{\"file\": \"kb-seed.csv\", \"encoding\": \"latin-1\", "
         "\"delimiter\": \"|\"}], \"synonyms\": {\"file\": \"synonyms.csv\", "
         "\"delimiter\": \"\\t\"}"},
        {"\"type_map\": \"type-map.csv\"",
         "\"type_map\": {\"file\": \"type-map.csv\", \"delimiter\": \";\", "
         "\"missing\": [\"(none)\"]}"}};
    for (const auto &[path, description] : descriptions)
        pack.replace(QStringLiteral("city.json"), path, description);
}

} // namespace

class TestPackCsvForms : public QObject
{
    Q_OBJECT

private slots:
    void everyCsvTakesTheExportForm()
    {
        test::TempStore plain;
        auto baseline = test::importPack(plain, test::FixturePack().path());
        QVERIFY2(baseline.ok(), qPrintable(baseline.ok() ? QString() : baseline.error().message));

        test::FixturePack pack;
        writeExports(pack);
        describeExports(pack);
        const CityCheck check = checkCityPack(pack.path());
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
        test::TempStore store;
        auto imported = test::importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        const ImportReport &report = imported.value();
        QCOMPARE(report.addresses, 2);
        QCOMPARE(report.intersections, 1);
        QCOMPARE(report.referrals, 1);
        QCOMPARE(report.intakeRules, 1);
        QCOMPARE(report.synonyms, 1);
        // The type map read with its separator: the same requests find their services.
        QCOMPARE(report.requestsMapped, baseline.value().requestsMapped);
        QCOMPARE(report.requests, baseline.value().requests);

        // Latin-1 read as Latin-1; "NULL" is no ZIP and no point, not a text or an error.
        QCOMPARE(text(store, QStringLiteral("SELECT street_name FROM addresses WHERE "
                                            "house_number = '12'")),
                 QStringLiteral("Calle Año"));
        QCOMPARE(text(store, QStringLiteral("SELECT COALESCE(zip, '') FROM addresses WHERE "
                                            "house_number = '12'")),
                 QString());
        QCOMPARE(text(store, QStringLiteral("SELECT latitude FROM addresses WHERE house_number "
                                            "= '3'")),
                 QStringLiteral("(null)"));
        QCOMPARE(text(store, QStringLiteral("SELECT neighborhood FROM intersections")),
                 QStringLiteral("(null)"));
        QCOMPARE(text(store, QStringLiteral("SELECT notes FROM referrals")),
                 QStringLiteral("Cambridge’s own city services"));
        QCOMPARE(text(store, QStringLiteral("SELECT hours FROM referrals")),
                 QStringLiteral("(null)"));
        // "-" for no radius and no window: the defaults, 50 m and 30 days.
        QCOMPARE(text(store, QStringLiteral("SELECT duplicate_radius_m || '/' || "
                                            "duplicate_window_days FROM service_types WHERE code "
                                            "= 'FIREFOOD'")),
                 QStringLiteral("50/30"));
        QCOMPARE(text(store, QStringLiteral("SELECT title FROM articles WHERE id = "
                                            "'seed:ABNDVHCL'")),
                 QStringLiteral("Vehículo abandonado"));
        QCOMPARE(text(store, QStringLiteral("SELECT synonyms FROM synonyms WHERE term = "
                                            "'garbage'")),
                 QStringLiteral("trash"));

        // A column the description names but the file lacks is named both ways.
        pack.replace(QStringLiteral("addresses.csv"), "ZIP Code", "Postcode");
        const CityCheck renamed = checkCityPack(pack.path());
        QVERIFY2(renamed.problems.join(u'\n').contains(
                     u"addresses.csv: line 1: missing column(s) ZIP Code (zip)"),
                 qPrintable(renamed.problems.join(u'\n')));
    }

    // Undescribed, the same files are refused (not read as UTF-8 commas), naming file and line.
    void undescribedExportsAreRefused()
    {
        test::FixturePack pack;
        writeExports(pack);
        test::TempStore store;
        auto imported = test::importPack(store, pack.path());
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().message.contains(
                     QRegularExpression(QStringLiteral("[a-z-]+\\.csv: line \\d+"))),
                 qPrintable(imported.error().message));
        QCOMPARE(test::scalar(QSqlDatabase::database(store.db().connectionName()),
                              QStringLiteral("SELECT count(*) FROM addresses")),
                 0);
    }

    // A wrong description is listed by --check-city with every other problem, naming the file.
    void wrongDescriptionsAreListed()
    {
        test::FixturePack pack;
        pack.replace(QStringLiteral("city.json"), "\"addresses\": \"addresses.csv\"",
                     "\"addresses\": {\"file\": \"addresses.csv\", \"encoding\": \"ebcdic\"}");
        pack.replace(QStringLiteral("city.json"), "\"referrals\": \"referrals.csv\"",
                     "\"referrals\": {\"file\": \"referrals.csv\", \"date_format\": \"M/d/yy\"}");
        pack.replace(QStringLiteral("city.json"), "\"intersections\": \"intersections.csv\"",
                     "\"intersections\": {\"file\": \"intersections.csv\", \"delimiter\": \"::\", "
                     "\"quote\": \"'\"}");
        pack.replace(QStringLiteral("city.json"), "\"intake_rules\": \"intake-rules.csv\"",
                     "\"intake_rules\": {\"encoding\": \"latin-1\", \"columns\": [\"a\"]}");
        const CityCheck check = checkCityPack(pack.path());
        const QString all = check.problems.join(u'\n');
        QVERIFY2(all.contains(u"addresses \"addresses.csv\": encoding \"ebcdic\" is not one of "
                              u"utf-8, latin-1, windows-1252"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"referrals \"referrals.csv\": \"date_format\" is for history "
                              u"files; this file has no dates"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"intersections \"intersections.csv\": delimiter \"::\" is not one "
                              u"of"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"intersections \"intersections.csv\": \"quote\" is not a key of a "
                              u"file's description"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"\"intake_rules\": a file's description needs \"file\""),
                 qPrintable(all));
        QVERIFY2(all.contains(u"intake_rules \"\": columns must name the file's own column"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"city.json"), qPrintable(all));
    }
};

QTEST_GUILESS_MAIN(TestPackCsvForms)
#include "tst_packcsvforms.moc"

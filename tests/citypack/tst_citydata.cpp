// A city's own data through the import: its statuses, types, channels and ZIP codes, two-digit
// years, a point column and an unnamed column, optional service fields and a case without a
// type, and a second city refused or replaced only when asked.

#include "models/city/cataloguerepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/intake/intakeservice.h"
#include "models/itemmodels/requesttexts.h"
#include "models/open311/georeport.h"
#include "models/requests/requestrepository.h"
#include "models/store/eventstore.h"
#include "tests/support/packimport.h"
#include "tests/support/teststore.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;
using test::historyRow;
using test::importPack;
using test::writeHistory;

class TestCityData : public QObject
{
    Q_OBJECT

private slots:
    // Two-digit years: read in the century the manifest names; a wrong century is flagged with
    // a count and examples before anything is written.
    void twoDigitYears()
    {
        test::FixturePack pack;
        auto gz = PackFile::open(pack.path() + QStringLiteral("/requests.csv.gz"));
        QVERIFY(gz.ok());
        QString text = QString::fromUtf8(gz.value()->device()->readAll());
        QVERIFY(text.size() > 1000);
        // A spreadsheet saved the export: 01/02/2015 became 01/02/15.
        static const QRegularExpression year(QStringLiteral("(\\d\\d/\\d\\d/)20(\\d\\d )"));
        const qsizetype dates = text.count(year);
        QVERIFY(dates > 25);
        text.replace(year, QStringLiteral("\\1\\2"));
        pack.write(QStringLiteral("requests.csv"), text.toUtf8());
        pack.replace(QStringLiteral("city.json"), "\"requests.csv.gz\"", "\"requests.csv\"");
        pack.replace(QStringLiteral("city.json"), "\"MM/dd/yyyy hh:mm:ss AP\"",
                     "\"MM/dd/yy hh:mm:ss AP\", \"century\": 1900");
        {
            test::TempStore store;
            auto wrong = importPack(store, pack.path());
            QVERIFY(!wrong.ok());
            const QString message = wrong.error().message;
            QVERIFY2(message.contains(QStringLiteral("%1 such date(s)").arg(dates)),
                     qPrintable(message));
            QVERIFY2(message.contains(u"requests.csv, line 2: OPEN_DT \"01/02/15 09:27:07 AM\" "
                                      u"read as 1915-01-02"),
                     qPrintable(message));
            QCOMPARE(RequestRepository(store.db()).count(), 0);
            QCOMPARE(store.db().meta(QStringLiteral("city_id")), QString());
        }
        pack.replace(QStringLiteral("city.json"), "\"century\": 1900", "\"century\": 2000");
        test::TempStore store;
        auto right = importPack(store, pack.path());
        QVERIFY2(right.ok(), qPrintable(right.ok() ? QString() : right.error().message));
        QCOMPARE(right.value().requests, 25);
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT min(opened_at), max(opened_at) FROM requests")));
        QVERIFY(q.next());
        QCOMPARE(QDateTime::fromSecsSinceEpoch(q.value(0).toLongLong()).date().year(), 2015);
        QCOMPARE(QDateTime::fromSecsSinceEpoch(q.value(1).toLongLong()).date().year(), 2015);
    }

    // One city per store: another city's pack is refused with a clear message and changes
    // nothing; with the explicit option it replaces the city (unless events were recorded).
    void aSecondCityIsRefusedOrReplacedExplicitly()
    {
        test::TempStore store;
        test::FixturePack boston;
        QVERIFY(importPack(store, boston.path()).ok());
        const QString before = test::dumpStore(store.db());
        test::FixturePack other;
        other.replace(QStringLiteral("city.json"), "\"id\": \"minipack\"", "\"id\": \"othertown\"");
        other.replace(QStringLiteral("city.json"), "\"Mini Boston\"", "\"Other Town\"");
        auto refused = importPack(store, other.path());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(
                     u"This store holds another city, \"minipack\" (Mini Boston); the pack is "
                     u"\"othertown\" (Other Town)"),
                 qPrintable(refused.error().message));
        QCOMPARE(test::dumpStore(store.db()), before);

        auto pack = CityPack::load(other.path());
        QVERIFY(pack.ok());
        CityImporter importer(store.db());
        importer.setReplaceCity(true);
        auto replaced = importer.import(pack.value());
        QVERIFY2(replaced.ok(), qPrintable(replaced.ok() ? QString() : replaced.error().message));
        QCOMPARE(store.db().meta(QStringLiteral("city_id")), QStringLiteral("othertown"));
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM requests WHERE id LIKE 'minipack:%'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(RequestRepository(store.db()).count(), 25);
        // The same store, emptied and filled again, equals a fresh import of that city.
        test::TempStore fresh;
        QVERIFY(importPack(fresh, other.path()).ok());
        QCOMPARE(test::dumpStore(store.db()), test::dumpStore(fresh.db()));

        // A store where requests were recorded keeps its city even when asked to replace it.
        EventStore events(store.db());
        IntakeService intake(store.db(), events, QStringLiteral("agent"));
        Caller caller;
        caller.name = QStringLiteral("Ana Silva");
        caller.phone = QStringLiteral("617-555-0100");
        QVERIFY(intake.saveCaller(caller).ok());
        const QString recorded = test::dumpStore(store.db());
        CityImporter back(store.db());
        back.setReplaceCity(true);
        auto kept = back.import(CityPack::load(boston.path()).value());
        QVERIFY(!kept.ok());
        QVERIFY2(kept.error().message.contains(u"cannot be moved"),
                 qPrintable(kept.error().message));
        QCOMPARE(test::dumpStore(store.db()), recorded);
    }

    // A city's own statuses (Cancelled, Referred Out, In Progress...): without a status map
    // every one is listed with its rows before anything is written; with the map they import
    // as open, in progress or closed, keeping the city's word and the note for Open311.
    void theCitysOwnStatuses()
    {
        test::FixturePack pack;
        QByteArray rows;
        const QList<std::pair<QByteArray, QByteArray>> statuses = {
            {"201", "Open"},         {"202", "Closed"},    {"203", "Cancelled"},
            {"204", "Referred Out"}, {"205", "Cancelled"}, {"206", "In Progress"},
            {"207", "Pending"}};
        for (const auto &[id, status] : statuses)
            rows += historyRow(id, "01/05/2015 12:40:41 PM", status);
        writeHistory(pack, rows);
        {
            test::TempStore store;
            auto refused = importPack(store, pack.path());
            QVERIFY(!refused.ok());
            const QString message = refused.error().message;
            for (const char *listed :
                 {"\"Cancelled\" (2 row(s), first on line 4)",
                  "\"Referred Out\" (1 row(s), first on line 5)", "\"In Progress\"", "\"Pending\""})
                QVERIFY2(message.contains(QLatin1String(listed)), qPrintable(message));
            QVERIFY2(message.contains(u"requests.csv: CASE_STATUS"), qPrintable(message));
            QCOMPARE(RequestRepository(store.db()).count(), 0);
        }
        pack.replace(QStringLiteral("city.json"), "\"history\": [",
                     "\"statuses\": {\"Open\": {\"status\": \"open\"}, \"Closed\": {\"status\": "
                     "\"closed\"}, \"Cancelled\": {\"status\": \"closed\", \"note\": \"Cancelled "
                     "by the department\"}, \"Referred Out\": {\"status\": \"closed\", \"note\": "
                     "\"Referred to another agency\"}, \"In Progress\": {\"status\": "
                     "\"in_progress\"}, \"pending\": {\"status\": \"open\", \"note\": \"Waiting "
                     "for a crew\"}},\n  \"history\": [");
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported.value().requests, 7);
        const RequestRepository requests(store.db());
        const auto cancelled = requests.byNumber(QStringLiteral("203"));
        QVERIFY(cancelled);
        QCOMPARE(cancelled->status, RequestStatus::Closed);
        QCOMPARE(cancelled->sourceStatus, QStringLiteral("Cancelled"));
        const QJsonObject open311 = open311::request(*cancelled, {});
        QCOMPARE(open311[u"status"].toString(), QStringLiteral("closed"));
        QCOMPARE(open311[u"status_notes"].toString(),
                 QStringLiteral("Cancelled by the department"));
        QCOMPARE(requests.byNumber(QStringLiteral("206"))->status, RequestStatus::InProgress);
        QCOMPARE(open311::request(*requests.byNumber(QStringLiteral("206")), {})[u"status"],
                 QStringLiteral("open"));
        // The map's words match whatever the case ("pending" maps "Pending").
        const auto pending = requests.byNumber(QStringLiteral("207"));
        QCOMPARE(pending->status, RequestStatus::Open);
        QCOMPARE(pending->sourceStatus, QStringLiteral("Pending"));
        QCOMPARE(open311::request(*pending, {})[u"status_notes"].toString(),
                 QStringLiteral("Waiting for a crew"));
        // What an agent reads in the history lists, the detail and the read-back: the city's
        // word beside the generic status when it says more.
        QCOMPARE(requesttexts::status(*cancelled), QStringLiteral("Closed · Cancelled"));
        QCOMPARE(requesttexts::status(*pending), QStringLiteral("Open · Pending"));
        QCOMPARE(requesttexts::status(*requests.byNumber(QStringLiteral("202"))),
                 QStringLiteral("Closed"));
        QCOMPARE(requesttexts::status(*requests.byNumber(QStringLiteral("206"))),
                 QStringLiteral("In progress"));

        // A status the map gives no valid meaning is named with its key.
        pack.replace(QStringLiteral("city.json"), "\"status\": \"in_progress\"",
                     "\"status\": \"working\"");
        auto bad = CityPack::load(pack.path());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(
                     u"statuses.\"In Progress\".status is \"working\"; expected open, "
                     u"in_progress or closed"),
                 qPrintable(bad.error().message));
    }

    // Not Boston-shaped: the type map's first column may be named source_type or as the
    // export's type column; the city's own request sources map to channels (unknown ones keep
    // their name); a ZIP is text and "0" is a missing ZIP, not 00000.
    void theCitysOwnTypesChannelsAndZips()
    {
        test::FixturePack pack;
        const QByteArray opened = "01/05/2015 12:40:41 PM";
        writeHistory(pack, historyRow("301", opened, "Open", "0", "Driver Self Report") +
                               historyRow("302", opened, "Open", "2128.0", "Kiosk") +
                               historyRow("303", opened, "Open", "02115-1234"));
        pack.replace(QStringLiteral("city.json"), "\"history\": [",
                     "\"channels\": {\"Driver Self Report\": \"employee\"},\n  \"history\": [");
        for (const QByteArray &header : {QByteArray("source_type"), QByteArray("TYPE")}) {
            pack.write(QStringLiteral("type-map.csv"),
                       header + ",service_code,confidence\nRodent Activity,RODENTACT,exact\n");
            test::TempStore store;
            auto imported = importPack(store, pack.path());
            QVERIFY2(imported.ok(),
                     qPrintable(imported.ok() ? QString() : imported.error().message));
            QCOMPARE(imported.value().requestsMapped, 3);
            const RequestRepository requests(store.db());
            QCOMPARE(requests.byNumber(QStringLiteral("301"))->channel, QStringLiteral("employee"));
            QCOMPARE(requests.byNumber(QStringLiteral("302"))->channel, QStringLiteral("Kiosk"));
            QCOMPARE(requests.byNumber(QStringLiteral("303"))->channel, QStringLiteral("phone"));
            QCOMPARE(requests.byNumber(QStringLiteral("301"))->zip, QString());
            QCOMPARE(requests.byNumber(QStringLiteral("302"))->zip, QStringLiteral("02128"));
            QCOMPARE(requests.byNumber(QStringLiteral("303"))->zip, QStringLiteral("02115-1234"));
        }
        pack.replace(QStringLiteral("city.json"), "\"employee\"", "\"lorry\"");
        auto bad = CityPack::load(pack.path());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"channels.\"Driver Self Report\" is \"lorry\"; "
                                              u"expected one of phone"),
                 qPrintable(bad.error().message));
    }

    // Socrata-style exports: the location is one column, "(lat, lon)" or WKT "POINT (lon lat)";
    // and a file written by R or a spreadsheet starts with an unnamed row-number column, which
    // a field the pack does not map must never read (here: no target date, no ZIP).
    void aPointColumnAndAnUnnamedColumn()
    {
        test::FixturePack pack;
        pack.write(QStringLiteral("requests.csv"),
                   "\"\",\"CaseID\",\"Opened\",\"Status\",\"Request.Type\",\"Point\"\n"
                   "\"1\",501,\"01/05/2015 12:40:41 PM\",\"Open\",\"Rodent Activity\","
                   "\"(42.37, -71.03)\"\n"
                   "\"2\",502,\"01/05/2015 12:40:41 PM\",\"Open\",\"Rodent Activity\","
                   "\"POINT (-71.04 42.38)\"\n"
                   "\"3\",503,\"01/05/2015 12:40:41 PM\",\"Closed\",\"Rodent Activity\",\"\"\n");
        pack.write(
            QStringLiteral("city.json"),
            QString::fromUtf8(pack.read(QStringLiteral("city.json")))
                .replace(QRegularExpression(QStringLiteral("\"history\": \\[.*\\]"),
                                            QRegularExpression::DotMatchesEverythingOption),
                         QStringLiteral("\"history\": [{\"file\": \"requests.csv\", \"type_map\": "
                                        "\"type-map.csv\", \"date_format\": \"MM/dd/yyyy hh:mm:ss "
                                        "AP\", \"columns\": {\"id\": \"CaseID\", \"opened\": "
                                        "\"Opened\", \"status\": \"Status\", \"type\": "
                                        "\"Request.Type\", \"point\": \"Point\"}}]"))
                .toUtf8());
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported.value().requests, 3);
        const RequestRepository requests(store.db());
        const auto first = requests.byNumber(QStringLiteral("501"));
        QVERIFY(first && first->latitude && first->longitude);
        QCOMPARE(*first->latitude, 42.37);
        QCOMPARE(*first->longitude, -71.03);
        QVERIFY(!first->dueAt.isValid());
        QCOMPARE(first->zip, QString());
        const auto second = requests.byNumber(QStringLiteral("502"));
        QVERIFY(second && second->latitude && second->longitude);
        QCOMPARE(*second->latitude, 42.38);
        QCOMPARE(*second->longitude, -71.04);
        QVERIFY(!requests.byNumber(QStringLiteral("503"))->latitude);

        pack.replace(QStringLiteral("requests.csv"), "POINT (-71.04 42.38)", "north of here");
        test::TempStore other;
        auto bad = importPack(other, pack.path());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"requests.csv, line 3: Point \"north of here\" is "
                                              u"not a point"),
                 qPrintable(bad.error().message));
    }

    // GeoReport v2 makes a service's description, keywords and group optional, and a city's
    // export may have a case without a type or title (San Francisco's has some): both import,
    // neither ends in a database error.
    void optionalServiceFieldsAndACaseWithoutAType()
    {
        test::FixturePack pack;
        pack.replace(QStringLiteral("services.json"),
                     "\"keywords\": \"Abandoned Vehicle, Parking Enforcement, Ilegally Parked\",\n"
                     "  \"group\": \"Traffic-Vehicles\",",
                     "");
        // Its group is gone from the list: so is the kiosk's name for it.
        pack.replace(QStringLiteral("city.json"),
                     "\"Traffic-Vehicles\": {\"en\": \"Traffic and vehicles\", \"es\": \"Tráfico y "
                     "vehículos\"},",
                     "");
        writeHistory(pack, historyRow("401") +
                               historyRow("402").replace(",t,s,r,Rodent Activity,", ",,s,r,,"));
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported.value().requests, 2);
        const auto untyped = RequestRepository(store.db()).byNumber(QStringLiteral("402"));
        QVERIFY(untyped);
        QCOMPARE(untyped->typeName, QString());
        QCOMPARE(untyped->serviceCode, QString());
        const auto vehicle =
            CatalogueRepository(store.db()).serviceType(QStringLiteral("ABNDVHCL"));
        QVERIFY(vehicle);
        QCOMPARE(vehicle->keywords, QString());
    }
};

QTEST_GUILESS_MAIN(TestCityData)
#include "tst_citydata.moc"

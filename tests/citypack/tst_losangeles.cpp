// A third real US city, played as its IT person would with only resources/cities/README.md:
// Los Angeles (tests/data/losangeles, see ATTRIBUTION.md there). Two of the City's exports as
// published, each in its own form: the MyLA311 2017 export as the portal writes it, and a 2020
// export saved through a spreadsheet (lower-case columns, two-digit years without seconds, ZIP
// "0" for a missing ZIP, a "Pending" status). It imports into the workstation's store and
// through `civicdesk-server --import-city`, and each is checked as the city would check it: the
// number of requests, the City's seven statuses by the pack's map, its sources by the channel
// map ("Driver Self Report" is a crew's own report), times in America/Los_Angeles from both
// forms, types by the type map, missing ZIPs as missing, council districts as wards, and the
// 15 council districts as the city's boundary (4 of 5,660 points lie just outside the drawn
// lines). The server's Open311 API then answers with the City's word as the status note.

#include "models/citypack/citycheck.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "tests/support/jsonschema.h"
#include "tests/support/packimport.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;
using test::countBy;
using test::scalar;

namespace {

QString packDir()
{
    return test::testDataDir() + QStringLiteral("/losangeles");
}

// What the pack's two files hold (counted in the published files themselves).
constexpr int kRequests = 6000;  // 3,000 + 3,000
constexpr int kMapped = 5890;    // rows whose RequestType the type map names
constexpr int kWithPoint = 5660; // 340 of the 2017 rows have no location
constexpr int kOutside = 4;      // points just outside the drawn council districts

QDateTime utc(int y, int m, int d, int h, int min, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), Qt::UTC);
}

void verifyStore(QSqlDatabase db)
{
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE id LIKE "
                                       "'losangeles:%'")),
             kRequests);
    // Statuses by the pack's map, the City's word kept beside ours.
    const auto statuses = countBy(db, QStringLiteral("status"));
    QCOMPARE(statuses.value(QStringLiteral("open")), 11); // Open 4, Pending 7
    QCOMPARE(statuses.value(QStringLiteral("closed")), 5989);
    const auto words = countBy(db, QStringLiteral("source_status"));
    QCOMPARE(words.value(QStringLiteral("Closed")), 5796);
    QCOMPARE(words.value(QStringLiteral("Cancelled")), 189);
    QCOMPARE(words.value(QStringLiteral("Pending")), 7);
    QCOMPARE(words.value(QStringLiteral("Referred Out")), 4);
    QCOMPARE(words.value(QStringLiteral("Open")), 4);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE status_note = "
                                       "'Cancelled by the department'")),
             189);
    // Channels by the pack's map: every source of both files is named in it.
    const auto channels = countBy(db, QStringLiteral("channel"));
    QCOMPARE(channels.value(QStringLiteral("phone")), 2312);   // Call, Voicemail
    QCOMPARE(channels.value(QStringLiteral("app")), 1873);     // Mobile App
    QCOMPARE(channels.value(QStringLiteral("web")), 937);      // Self Service
    QCOMPARE(channels.value(QStringLiteral("employee")), 835); // Driver Self Report
    QCOMPARE(channels.value(QStringLiteral("email")), 42);     // Email
    QCOMPARE(channels.value(QStringLiteral("mail")), 1);       // Letter
    QCOMPARE(channels.size(), 6);
    // Types by the type map; Other and Feedback keep the City's own name.
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE service_code IS NOT "
                                       "NULL")),
             kMapped);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM service_types")), 10);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE service_code IS NULL "
                                       "AND type_name IN ('Other', 'Feedback')")),
             kRequests - kMapped);
    // Locations; ZIPs are text, and "0" (a spreadsheet's missing ZIP) or empty is missing.
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE latitude IS NOT "
                                       "NULL")),
             kWithPoint);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE zip IS NULL")), 6);
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE zip = '0' OR "
                                       "zip = '00000'")),
             0);
    // Council districts as wards, 1 to 15 in both files.
    QCOMPARE(countBy(db, QStringLiteral("ward")).size(), 16); // 15 districts and 3 without
    // The 15 council districts are both the city's boundary and its ward layer.
    QCOMPARE(scalar(db, QStringLiteral("SELECT feature_count FROM map_layers WHERE id = "
                                       "'council-districts'")),
             15);
    // Times in America/Los_Angeles from both forms: 11:59:58 PM on 31 December 2017 (PST) and
    // "1/1/20 0:05" (a two-digit year, century 2000).
    QCOMPARE(scalar(db, QStringLiteral("SELECT opened_at FROM requests WHERE number = "
                                       "'1-870704831'")),
             int(utc(2018, 1, 1, 7, 59, 58).toSecsSinceEpoch()));
    QCOMPARE(scalar(db, QStringLiteral("SELECT opened_at FROM requests WHERE number = "
                                       "'1-1523590121'")),
             int(utc(2020, 1, 1, 8, 5).toSecsSinceEpoch()));
    QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM requests WHERE opened_at < %1 OR "
                                       "opened_at > %2")
                            .arg(utc(2017, 12, 1, 0, 0).toSecsSinceEpoch())
                            .arg(utc(2020, 2, 1, 0, 0).toSecsSinceEpoch())),
             0);
}

} // namespace

class TestLosAngeles : public QObject
{
    Q_OBJECT

private slots:
    void checkCityFindsNoProblem()
    {
        const CityCheck check = checkCityPack(packDir());
        QVERIFY2(check.problems.isEmpty(), qPrintable(check.problems.join(u'\n')));
        QCOMPARE(check.loaded.requests, kRequests);
        QCOMPARE(check.loaded.services, 10);
        QCOMPARE(check.loaded.layers, 2);
    }

    void importsIntoTheWorkstationStore()
    {
        test::TempStore store;
        auto report = test::importPack(store, packDir());
        QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message));
        QCOMPARE(report.value().requests, kRequests);
        QCOMPARE(report.value().requestsMapped, kMapped);
        QCOMPARE(report.value().services, 10);
        verifyStore(QSqlDatabase::database(store.db().connectionName()));

        const RequestRepository requests(store.db());
        // A sanitation crew's own report, by the pack's channel map.
        const auto driver = requests.byNumber(QStringLiteral("1-870683382"));
        QVERIFY(driver);
        QCOMPARE(driver->serviceCode, QStringLiteral("graffiti"));
        QCOMPARE(driver->channel, QStringLiteral("employee"));
        const auto referred = requests.byNumber(QStringLiteral("1-870497204"));
        QVERIFY(referred);
        QCOMPARE(referred->status, RequestStatus::Closed);
        QCOMPARE(referred->sourceStatus, QStringLiteral("Referred Out"));
        QCOMPARE(referred->ward, QStringLiteral("1"));
        QCOMPARE(referred->neighborhood, QStringLiteral("LINCOLN HEIGHTS NC"));
        QCOMPARE(referred->departmentCode, QStringLiteral("OCB"));
        QCOMPARE(referred->closedAt.toUTC(), utc(2017, 12, 31, 20, 27, 41));
        const auto pending = requests.byNumber(QStringLiteral("1-1523650828"));
        QVERIFY(pending);
        QCOMPARE(pending->status, RequestStatus::Open);
        QCOMPARE(pending->sourceStatus, QStringLiteral("Pending"));
        QCOMPARE(pending->zip, QStringLiteral("90034"));
        const auto noZip = requests.byNumber(QStringLiteral("1-1523593831"));
        QVERIFY(noZip);
        QCOMPARE(noZip->zip, QString());

        // The boundary rule both programs use: the council districts hold all but 4 points.
        const test::PointsOutside counted = test::pointsOutsideTheCity(store.db());
        QCOMPARE(counted.points, kWithPoint);
        QCOMPARE(counted.outside, kOutside);
    }

    void importsIntoTheServerAndAnswersOpen311()
    {
        test::ServerStore store;
        QVERIFY2(!store.url().isEmpty(), qPrintable(store.error()));
        test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), store.url());
        QByteArray output;
        QCOMPARE(server.run({QStringLiteral("--check-city"), packDir()}, {}, &output), 0);
        QVERIFY2(output.contains("no problems found"), output.constData());
        QCOMPARE(server.run({QStringLiteral("--import-city"), packDir()}, {}, &output), 0);
        QVERIFY2(output.contains("6000 requests"), output.constData());
        if (test::ServerStore::backend() == u"sqlite") {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("la-store"));
            db.setDatabaseName(store.url());
            QVERIFY(db.open());
            verifyStore(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("la-store"));

        QVERIFY(server.start());
        // A cancelled request: closed in Open311, the City's word and note as status_notes.
        const auto one = server.get(QStringLiteral("/open311/v2/requests/1-870687481.json"));
        QCOMPARE(one.status, 200);
        const QStringList problems = test::validateJson(
            one.json().array(), test::loadSchema(QStringLiteral("open311-requests")));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; ")));
        const QJsonObject cancelled = one.json()[0].toObject();
        QCOMPARE(cancelled[u"status"].toString(), QStringLiteral("closed"));
        QVERIFY2(cancelled[u"status_notes"].toString().contains(u"Cancelled by the department"),
                 qPrintable(cancelled[u"status_notes"].toString()));
        QCOMPARE(cancelled[u"service_code"].toString(), QStringLiteral("graffiti"));
        // 9:42:47 PM on 31 December 2017 in Los Angeles (PST, UTC-8).
        QCOMPARE(
            QDateTime::fromString(cancelled[u"requested_datetime"].toString(), Qt::ISODate).toUTC(),
            utc(2018, 1, 1, 5, 42, 47));
        const auto services = server.get(QStringLiteral("/open311/v2/services.json"));
        QCOMPARE(services.json().array().size(), 10);
    }
};

QTEST_GUILESS_MAIN(TestLosAngeles)
#include "tst_losangeles.moc"

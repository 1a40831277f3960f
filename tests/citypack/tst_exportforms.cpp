// The forms a city's own export comes in, read as published: ISO 8601 timestamps (with Z, an
// offset, or none: the city's wall-clock time), seconds since 1970, "NULL" and "N/A" for no
// value, a semicolon as separator with CRLF line ends, a byte order mark and a line break in a
// quoted field, and Latin-1 or Windows-1252 text — which, left undeclared, is refused with its
// line instead of being stored as replacement characters.

#include "models/citypack/citycheck.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "tests/support/jsonschema.h"
#include "tests/support/packimport.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace civicdesk;

namespace {

// The fixture pack with one history file `requests.csv` of these bytes, described by this
// history entry (its "file" and "type_map" are added).
void setHistory(test::FixturePack &pack, const QByteArray &csv, const QString &entry)
{
    pack.write(QStringLiteral("requests.csv"), csv);
    const QString history =
        QStringLiteral("\"history\": [{\"file\": \"requests.csv\", \"type_map\": "
                       "\"type-map.csv\", ") +
        entry + u"}]";
    pack.write(QStringLiteral("city.json"),
               QString::fromUtf8(pack.read(QStringLiteral("city.json")))
                   .replace(QRegularExpression(QStringLiteral("\"history\": \\[.*\\]"),
                                               QRegularExpression::DotMatchesEverythingOption),
                            history)
                   .toUtf8());
}

const QString kColumns =
    QStringLiteral("\"columns\": {\"id\": \"id\", \"opened\": \"opened\", \"closed\": "
                   "\"closed\", \"status\": \"status\", \"type\": \"type\", \"latitude\": "
                   "\"lat\", \"longitude\": \"lon\", \"zip\": \"zip\", \"address\": "
                   "\"address\"}");

using test::importPack;

// Imports the pack and gives its request "1" (nothing, with the importer's message, when the
// import fails).
std::optional<ServiceRequest> importedRequest(test::TempStore &store, const test::FixturePack &pack)
{
    auto imported = importPack(store, pack.path());
    if (!imported) {
        qWarning("%s", qPrintable(imported.error().message));
        return std::nullopt;
    }
    return RequestRepository(store.db()).byNumber(QStringLiteral("1"));
}

QDateTime utc(int y, int m, int d, int h, int min, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), Qt::UTC);
}

} // namespace

class TestExportForms : public QObject
{
    Q_OBJECT

private slots:
    // Socrata's API and most databases write ISO 8601; an offset or Z says where the time is,
    // and without one it is the city's (Boston's) wall-clock time.
    void isoTimestamps()
    {
        test::FixturePack pack;
        setHistory(pack,
                   "id,opened,closed,status,type,lat,lon,zip,address\n"
                   "1,2024-01-05T09:27:00.000,2024-01-06T10:00:00Z,Closed,Rodent Activity,"
                   "42.37,-71.03,02128,1 A St\n"
                   "2,2024-07-05 09:27:00,2024-07-05T09:27:00-05:00,Closed,Rodent Activity,"
                   "42.37,-71.03,02128,1 A St\n"
                   "3,2024-03-10T12:00:00+01:00,,Open,Rodent Activity,42.37,-71.03,02128,"
                   "1 A St\n",
                   u"\"date_format\": \"ISO 8601\", " + kColumns);
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported.value().requests, 3);
        const RequestRepository requests(store.db());
        QCOMPARE(requests.byNumber(QStringLiteral("1"))->openedAt.toUTC(),
                 utc(2024, 1, 5, 14, 27)); // EST, UTC-5
        QCOMPARE(requests.byNumber(QStringLiteral("1"))->closedAt.toUTC(), utc(2024, 1, 6, 10, 0));
        QCOMPARE(requests.byNumber(QStringLiteral("2"))->openedAt.toUTC(),
                 utc(2024, 7, 5, 13, 27)); // EDT, UTC-4
        QCOMPARE(requests.byNumber(QStringLiteral("2"))->closedAt.toUTC(),
                 utc(2024, 7, 5, 14, 27)); // its own offset, not the city's
        QCOMPARE(requests.byNumber(QStringLiteral("3"))->openedAt.toUTC(), utc(2024, 3, 10, 11, 0));

        // A text that is not ISO 8601 is counted and shown, and nothing is written.
        pack.replace(QStringLiteral("requests.csv"), "2024-03-10T12:00:00+01:00", "10/03/2024");
        test::TempStore other;
        auto bad = importPack(other, pack.path());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"requests.csv, line 4: opened \"10/03/2024\" is "
                                              u"not a date in the form ISO 8601"),
                 qPrintable(bad.error().message));
        QCOMPARE(RequestRepository(other.db()).count(), 0);
    }

    void epochSeconds()
    {
        test::FixturePack pack;
        setHistory(pack,
                   "id,opened,closed,status,type,lat,lon,zip,address\n"
                   "1,1704464820,1704535200.0,Closed,Rodent Activity,42.37,-71.03,02128,"
                   "1 A St\n",
                   u"\"date_format\": \"epoch\", " + kColumns);
        test::TempStore store;
        const auto one = importedRequest(store, pack);
        QVERIFY(one);
        QCOMPARE(one->openedAt.toUTC(), utc(2024, 1, 5, 14, 27));
        QCOMPARE(one->closedAt.toUTC(), utc(2024, 1, 6, 10, 0));
    }

    // An export whose dates come in two forms (a time, or a date alone): a list of forms,
    // tried in order.
    void severalDateForms()
    {
        test::FixturePack pack;
        setHistory(pack,
                   "id,opened,closed,status,type,lat,lon,zip,address\n"
                   "1,01/05/2024 09:27:00 AM,01/06/2024,Closed,Rodent Activity,42.37,-71.03,"
                   "02128,1 A St\n",
                   u"\"date_format\": [\"MM/dd/yyyy hh:mm:ss AP\", \"MM/dd/yyyy\"], " + kColumns);
        test::TempStore store;
        const auto one = importedRequest(store, pack);
        QVERIFY(one);
        QCOMPARE(one->openedAt.toUTC(), utc(2024, 1, 5, 14, 27));
        QCOMPARE(one->closedAt.toUTC(), utc(2024, 1, 6, 5, 0)); // midnight in Boston

        // A text in neither form names both.
        pack.replace(QStringLiteral("requests.csv"), "01/06/2024", "2024-01-06");
        test::TempStore other;
        auto bad = importPack(other, pack.path());
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.contains(u"is not a date in the form MM/dd/yyyy hh:mm:ss AP "
                                              u"or MM/dd/yyyy"),
                 qPrintable(bad.error().message));
    }

    // Database exports write NULL or N/A where there is nothing; a pack may name its own words.
    void wordsForNoValue()
    {
        test::FixturePack pack;
        setHistory(pack,
                   "id,opened,closed,status,type,lat,lon,zip,address\n"
                   "1,01/05/2024 09:27:00 AM,NULL,Open,Rodent Activity,NULL,NULL,N/A,n/a\n"
                   "2,01/05/2024 09:27:00 AM,-,Open,Rodent Activity,-,-,-,1 A St\n",
                   u"\"date_format\": \"MM/dd/yyyy hh:mm:ss AP\", " + kColumns);
        {
            // "-" is no word for nothing unless the pack says so: refused, naming the line.
            test::TempStore store;
            auto refused = importPack(store, pack.path());
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().message.contains(u"line 3"),
                     qPrintable(refused.error().message));
        }
        pack.replace(QStringLiteral("city.json"), "\"date_format\"",
                     "\"missing\": [\"NULL\", \"N/A\", \"-\"], \"date_format\"");
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        const RequestRepository requests(store.db());
        for (const char *number : {"1", "2"}) {
            const auto r = requests.byNumber(QString::fromLatin1(number));
            QVERIFY(r);
            QVERIFY(!r->latitude && !r->longitude);
            QCOMPARE(r->zip, QString());
            QVERIFY(!r->closedAt.isValid());
        }
        QCOMPARE(requests.byNumber(QStringLiteral("1"))->address, QString());
    }

    // A European spreadsheet's CSV: semicolons, CRLF, a byte order mark, a quoted line break.
    void semicolonsCrlfBomAndQuotedLineBreaks()
    {
        test::FixturePack pack;
        setHistory(pack,
                   "\xEF\xBB\xBFid;opened;closed;status;type;lat;lon;zip;address\r\n"
                   "1;01/05/2024 09:27:00 AM;;Open;Rodent Activity;42.37;-71.03;02128;\"1 A St\r\n"
                   "rear; by the fence\"\r\n"
                   "2;01/05/2024 09:28:00 AM;;Open;Rodent Activity;42.38;-71.04;02128;2 B St\r\n",
                   u"\"delimiter\": \";\", \"date_format\": \"MM/dd/yyyy hh:mm:ss AP\", " +
                       kColumns);
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(imported.value().requests, 2);
        const RequestRepository requests(store.db());
        QCOMPARE(requests.byNumber(QStringLiteral("1"))->address,
                 QStringLiteral("1 A St rear; by the fence"));
        QCOMPARE(*requests.byNumber(QStringLiteral("2"))->latitude, 42.38);
    }

    // Text that is not UTF-8 is never stored as replacement characters: it is refused with its
    // line, saying how to declare the encoding; declared, it reads as the city wrote it.
    void latin1AndWindows1252()
    {
        test::FixturePack pack;
        const QByteArray csv = "id,opened,closed,status,type,lat,lon,zip,address\n"
                               "1,01/05/2024 09:27:00 AM,,Open,Rodent Activity,42.37,-71.03,"
                               "02128,1 Pe\xF1"
                               "a St\n"
                               "2,01/05/2024 09:27:00 AM,,Open,Rodent Activity,42.37,-71.03,"
                               "02128,\x93"
                               "Caf\xE9\x94 \x96 2 B St\n";
        setHistory(pack, csv, u"\"date_format\": \"MM/dd/yyyy hh:mm:ss AP\", " + kColumns);
        {
            test::TempStore store;
            auto refused = importPack(store, pack.path());
            QVERIFY(!refused.ok());
            const QString message = refused.error().message;
            QVERIFY2(message.contains(u"requests.csv, line 2: field 9 is not UTF-8 text (byte "
                                      u"0xf1"),
                     qPrintable(message));
            QVERIFY2(message.contains(u"\"encoding\""), qPrintable(message));
            QCOMPARE(RequestRepository(store.db()).count(), 0);
        }
        pack.replace(QStringLiteral("city.json"), "\"date_format\"",
                     "\"encoding\": \"windows-1252\", \"date_format\"");
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        const RequestRepository requests(store.db());
        QCOMPARE(requests.byNumber(QStringLiteral("1"))->address, QStringLiteral("1 Peña St"));
        QCOMPARE(requests.byNumber(QStringLiteral("2"))->address,
                 QStringLiteral("“Café” – 2 B St"));
    }

    // A city's free-text field may be longer than GeoReport v2's 4,000 characters: the store
    // keeps it whole, and Open311 gives the first 3,999 and an ellipsis, in JSON and in XML.
    void aDescriptionLongerThanGeoReportAllows()
    {
        test::FixturePack pack;
        const QByteArray text = QByteArray(5000, 'x');
        setHistory(pack,
                   "id,opened,closed,status,type,lat,lon,zip,address,title\n"
                   "1,01/05/2024 09:27:00 AM,,Open,Rodent Activity,42.37,-71.03,02128,1 A St," +
                       text + "\n",
                   u"\"date_format\": \"MM/dd/yyyy hh:mm:ss AP\", " +
                       QString(kColumns).replace(QStringLiteral("}"),
                                                 QStringLiteral(", \"title\": \"title\"}")));
        test::TempStore store;
        auto imported = importPack(store, pack.path());
        QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message));
        QCOMPARE(RequestRepository(store.db()).byNumber(QStringLiteral("1"))->description.size(),
                 5000);
        store.close();

        test::ServerProcess server(QStringLiteral(CIVICDESK_SERVER), store.path());
        QVERIFY(server.start());
        const auto json = server.get(QStringLiteral("/open311/v2/requests/1.json"));
        QCOMPARE(json.status, 200);
        const QStringList problems = test::validateJson(
            json.json().array(), test::loadSchema(QStringLiteral("open311-requests")));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; ")));
        const QString description = json.json()[0][u"description"].toString();
        QCOMPARE(description.size(), 4000);
        QVERIFY(description.startsWith(QString(3999, u'x')));
        QVERIFY(description.endsWith(u'\u2026'));
        const auto xml = server.get(QStringLiteral("/open311/v2/requests/1.xml"));
        QXmlStreamReader reader(xml.body);
        QString inXml;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement() && reader.name() == u"description")
                inXml = reader.readElementText();
        }
        QCOMPARE(inXml, description);
    }

    // Unknown values of the new keys are listed by --check-city with the rest.
    void badExportFormKeysAreListed()
    {
        test::FixturePack pack;
        setHistory(pack, "id,opened,closed,status,type,lat,lon,zip,address\n",
                   u"\"encoding\": \"ebcdic\", \"delimiter\": \"::\", \"missing\": [3], "
                   u"\"date_format\": \"sometime\", " +
                       kColumns);
        const CityCheck check = checkCityPack(pack.path());
        const QString all = check.problems.join(u'\n');
        QVERIFY2(all.contains(u"encoding \"ebcdic\" is not one of utf-8, latin-1, windows-1252"),
                 qPrintable(all));
        QVERIFY2(all.contains(u"delimiter \"::\" is not one of"), qPrintable(all));
        QVERIFY2(all.contains(u"missing must be a list of texts"), qPrintable(all));
        QVERIFY2(all.contains(u"date_format \"sometime\" is neither a Qt date format"),
                 qPrintable(all));
    }
};

QTEST_GUILESS_MAIN(TestExportForms)
#include "tst_exportforms.moc"

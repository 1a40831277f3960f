// Address autocomplete over the demo city's 45,098 real address points and 5,510 intersections.

#include "models/city/addressindex.h"
#include "models/citypack/citypack.h"
#include "models/citypack/csvreader.h"
#include "models/domain/text/textmatch.h"

#include <QTest>

using namespace civicdesk;

class TestAddressIndex : public QObject
{
    Q_OBJECT

    AddressIndex m_index;

    static std::optional<double> number(const QString &text)
    {
        bool ok = false;
        const double v = text.toDouble(&ok);
        return ok ? std::optional<double>(v) : std::nullopt;
    }

    QString firstLabel(const QString &query)
    {
        const auto matches = m_index.search(query, 5);
        return matches.isEmpty() ? QString() : matches.first().label;
    }

private slots:
    void initTestCase()
    {
        auto pack = CityPack::load(QStringLiteral(CIVICDESK_DEMO_CITY_DIR));
        QVERIFY(pack.ok());
        QList<AddressPoint> addresses;
        {
            auto file = PackFile::open(pack.value().path(pack.value().addressesFile));
            QVERIFY(file.ok());
            CsvReader csv(file.value()->device());
            QVERIFY(csv.readHeader({}).ok());
            qint64 id = 0;
            while (csv.next())
                addresses.append({++id,
                                  csv.value(QStringLiteral("house_number")),
                                  csv.value(QStringLiteral("street_name")),
                                  csv.value(QStringLiteral("zip")),
                                  {},
                                  number(csv.value(QStringLiteral("latitude"))),
                                  number(csv.value(QStringLiteral("longitude"))),
                                  csv.value(QStringLiteral("neighborhood_311")),
                                  csv.value(QStringLiteral("ward")),
                                  csv.value(QStringLiteral("precinct"))});
        }
        QList<Intersection> intersections;
        {
            auto file = PackFile::open(pack.value().path(pack.value().intersectionsFile));
            QVERIFY(file.ok());
            CsvReader csv(file.value()->device());
            QVERIFY(csv.readHeader({}).ok());
            qint64 id = 0;
            while (csv.next())
                intersections.append({++id, csv.value(QStringLiteral("intersection")),
                                      number(csv.value(QStringLiteral("latitude"))),
                                      number(csv.value(QStringLiteral("longitude"))),
                                      csv.value(QStringLiteral("neighborhood_311"))});
        }
        Referral cambridge{QStringLiteral("City of Cambridge"),
                           QStringLiteral("municipality"),
                           QStringLiteral("617-349-4000"),
                           {},
                           {QStringLiteral("cambridge")},
                           {QStringLiteral("02139")},
                           {}};
        m_index = AddressIndex(addresses, intersections, {cambridge});
        QCOMPARE(m_index.addressCount(), 45098);
    }

    void editDistance()
    {
        QVERIFY(textmatch::withinEdits(u"hal", u"hall", 1));
        QVERIFY(textmatch::withinEdits(u"potholle", u"pothole", 1));
        QVERIFY(textmatch::withinEdits(u"bolyston", u"boylston", 1)); // transposition
        QVERIFY(!textmatch::withinEdits(u"boston", u"austin", 1));
        QCOMPARE(textmatch::fold(QStringLiteral("Vía  Pública,")), QStringLiteral("via publica"));
        QCOMPARE(textmatch::streetTokens(QStringLiteral("Massachusetts Avenue")),
                 QStringList({QStringLiteral("massachusetts"), QStringLiteral("ave")}));
    }

    void findsTypedAddresses_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("typos and abbreviation") << "1 city hal plz"
                                                << "1 City Hall Plz";
        QTest::newRow("full words") << "1 City Hall Plaza"
                                    << "1 City Hall Plz";
        QTest::newRow("street spelled out") << "29 Hereford Street"
                                            << "29 Hereford St";
        QTest::newRow("avenue abbreviated") << "483 mass ave"
                                            << "483 Massachusetts Ave";
        QTest::newRow("transposed letters") << "29 herefrod st"
                                            << "29 Hereford St";
        QTest::newRow("unit number") << "29 Hereford St Apt 3"
                                     << "29 Hereford St #3";
        QTest::newRow("city and zip") << "29 Hereford St, Boston, MA 02115"
                                      << "29 Hereford St";
    }

    void findsTypedAddresses()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        const QString label = firstLabel(query);
        QVERIFY2(label.startsWith(expected), qPrintable(query + u" -> " + label));
    }

    void findsIntersections()
    {
        const auto matches = m_index.search(QStringLiteral("Mass Ave and Boylston"), 5);
        QVERIFY(!matches.isEmpty());
        QCOMPARE(matches.first().kind, PlaceMatch::Kind::Intersection);
        const QString name = m_index.intersection(matches.first().index).name;
        QVERIFY2(name.contains(u"Boylston") && name.contains(u"Massachusetts"), qPrintable(name));
        QVERIFY(!m_index.search(QStringLiteral("Boylston St & Dartmouth St"), 5).isEmpty());
    }

    void missingHouseNumbersOfferTheNearest()
    {
        const auto matches = m_index.search(QStringLiteral("500 Massachusetts Ave"), 5);
        QVERIFY(!matches.isEmpty());
        QVERIFY2(matches.first().label.contains(u"Massachusetts Ave"),
                 qPrintable(matches.first().label));
    }

    void unknownStreetsFindNothing()
    {
        QVERIFY(m_index.search(QStringLiteral("12 Qwxyz Blvd"), 5).isEmpty());
        QVERIFY(m_index.search(QString(), 5).isEmpty());
    }

    void placesOutsideTheCityAreReferred()
    {
        QVERIFY(m_index.referralFor(QStringLiteral("100 Main St, Cambridge")));
        QVERIFY(m_index.referralFor(QStringLiteral("100 main st cambridge")));
        QVERIFY(m_index.referralFor(QStringLiteral("10 Pearl St 02139")));
        // Cambridge Street is a Boston street.
        QVERIFY(!m_index.referralFor(QStringLiteral("100 Cambridge St")));
        QVERIFY(!m_index.referralFor(QStringLiteral("1 City Hall Plz")));
    }
};

QTEST_GUILESS_MAIN(TestAddressIndex)
#include "tst_addressindex.moc"

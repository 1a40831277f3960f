// The intake's indexes of the city's places (address index, district locator) made in the
// background while the window opens (models/intake/cityplaces.h): they answer as the ones made
// at once, a question asked before they are made waits for them, and a store a thread cannot
// open is read where it is asked.

#include "models/city/layerrepository.h"
#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/intake/cityplaces.h"
#include "models/intake/intakerepository.h"
#include "tests/support/teststore.h"

#include <QElapsedTimer>
#include <QTest>
#include <chrono>
#include <future>
#include <thread>

using namespace civicdesk;

namespace {

QStringList labelsOf(const QList<PlaceMatch> &matches)
{
    QStringList labels;
    for (const PlaceMatch &m : matches)
        labels.append(m.label);
    return labels;
}

// The districts made at once from the store's layers, as the workstation made them before.
DistrictLocator districtsNow(const Database &database)
{
    DistrictLocator locator;
    const LayerRepository layers(database);
    for (const LayerInfo &layer : layers.layers())
        locator.addLayer(layer.kind, layer.nameProperty, layers.geoJson(layer.id));
    return locator;
}

} // namespace

class TestCityPlaces : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;

private slots:
    void initTestCase()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(m_store->db()).import(pack.value()).ok());
    }

    // From the store's file, on a thread of its own: the same answers as an index made at once.
    void theIndexesReadInTheBackgroundAnswerAsOnesMadeAtOnce()
    {
        const IntakeRepository places(m_store->db());
        const AddressIndex now(places.addresses(), places.intersections(), places.referrals());
        const AddressIndex later = cityplaces::addressIndex(m_store->db());
        QVERIFY(now.addressCount() > 0);
        for (const QString &typed :
             {QStringLiteral("1 a acorn"), QStringLiteral("6 appleton"), QStringLiteral("a acorn")})
            QCOMPARE(labelsOf(later.search(typed, 5)), labelsOf(now.search(typed, 5)));
        QVERIFY(later.isBuilt());
        QCOMPARE(later.addressCount(), now.addressCount());
        QCOMPARE(later.referrals().size(), now.referrals().size());

        const DistrictLocator districts = cityplaces::districts(m_store->db());
        const DistrictLocator expected = districtsNow(m_store->db());
        // A point of East Boston, in ward 1 of the mini city's one layer.
        const Districts d = districts.locate(42.37, -71.02);
        QCOMPARE(d.ward, expected.locate(42.37, -71.02).ward);
        QCOMPARE(d.ward, QStringLiteral("1"));
        QCOMPARE(districts.hasBoundary(), expected.hasBoundary());
    }

    // A question asked while the index is still being made waits for it and gets its answer.
    void aQuestionAskedBeforeTheIndexIsMadeWaitsForIt()
    {
        const IntakeRepository places(m_store->db());
        std::promise<void> gate;
        const std::shared_future<void> open = gate.get_future().share();
        const AddressIndex later = AddressIndex::inBackground(
            [open, a = places.addresses(), i = places.intersections()] {
                open.wait();
                return std::make_shared<AddressIndex>(a, i, QList<Referral>());
            },
            {});
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        QVERIFY(!later.isBuilt());
        std::thread opener([&gate] {
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
            gate.set_value();
        });
        QElapsedTimer waited;
        waited.start();
        const QStringList found = labelsOf(later.search(QStringLiteral("1 a acorn"), 5));
        const qint64 ms = waited.elapsed();
        opener.join();
        QVERIFY2(ms >= 100, qPrintable(QString::number(ms))); // it waited for the gate
        QVERIFY(later.isBuilt());
        QVERIFY2(!found.isEmpty() && found.first().contains(u"Acorn"),
                 qPrintable(found.join(u'|')));
    }

    // When the thread could not make it, the index is made on the thread that asks.
    void anIndexTheThreadCouldNotMakeIsMadeHere()
    {
        const IntakeRepository places(m_store->db());
        const AddressIndex index = AddressIndex::inBackground(
            [] { return std::shared_ptr<AddressIndex>(); },
            [&places] {
                return std::make_shared<AddressIndex>(places.addresses(), places.intersections(),
                                                      places.referrals());
            });
        QCOMPARE(index.addressCount(), int(places.addresses().size()));
        const DistrictLocator districts = DistrictLocator::inBackground(
            [] { return std::shared_ptr<DistrictLocator>(); },
            [this] { return std::make_shared<DistrictLocator>(districtsNow(m_store->db())); });
        QVERIFY(!districts.locate(42.37, -71.02).ward.isEmpty());
    }

    // A store no thread can open (":memory:") is read when first asked, on the asking thread.
    void aStoreInMemoryIsReadWhereItIsAsked()
    {
        auto memory = Database::open(QStringLiteral(":memory:"));
        QVERIFY(memory.ok());
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(*memory.value()).import(pack.value()).ok());
        const AddressIndex index = cityplaces::addressIndex(*memory.value());
        QCOMPARE(index.addressCount(), int(IntakeRepository(m_store->db()).addresses().size()));
        QVERIFY(!cityplaces::districts(*memory.value()).locate(42.37, -71.02).ward.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCityPlaces)
#include "tst_cityplaces.moc"

// The window opens before the heavy parts of the city are read (issue 20: the start to the first
// key). The address index and the districts are made in the background, the map's filters when
// the map is first shown: a call is started and its first fields typed while they are not there
// yet, and every key lands. Keys go to QApplication::focusWidget() of the real main window at
// 1366x768; the result is read through the capability API.

#include "models/intake/intakerepository.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestrepository.h"
#include "models/workstation/storecontext.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/intake/intakepanel.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <future>
#include <thread>

using namespace civicdesk;

class TestStartJourney : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;

private slots:
    void init() { m_store = std::make_unique<test::TempStore>(test::TempStore::MiniCity); }

    void theFirstKeysLandWhileTheCitysPlacesAreStillRead()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("desk.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        // The places held back until the gate opens, as a busy desk PC would still be reading
        // Boston's 45,098 addresses.
        const IntakeRepository places(m_store->db());
        std::promise<void> gate;
        const std::shared_future<void> open = gate.get_future().share();
        store.addresses = AddressIndex::inBackground(
            [open, a = places.addresses(), i = places.intersections(), r = places.referrals()] {
                open.wait();
                return std::make_shared<AddressIndex>(a, i, r);
            },
            {});
        DistrictLocator districts = cityplaces::districts(m_store->db());
        store.districts = DistrictLocator::inBackground(
            [open, districts] {
                open.wait();
                districts.locate(0, 0); // made (on this thread, which reads no store)
                return std::make_shared<DistrictLocator>(districts);
            },
            {});
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        // The map behind its tab has not read its filters (every request's type and date).
        const auto *types = window->findChild<QComboBox *>(QStringLiteral("mapTypeComboBox"));
        QVERIFY(types);
        QCOMPARE(types->count(), 0);

        test::Journey j;
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QStringLiteral("street light")));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.type("descriptionTextEdit", QStringLiteral("Lamp out")));
        QVERIFY(!store.addresses.isBuilt()); // all of that without the places
        QVERIFY(j.press(Qt::Key_Tab));
        // The places come a moment after the agent starts typing the address: the keys typed
        // meanwhile wait, none is lost, and the address is found.
        std::thread opener([&gate] {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            gate.set_value();
        });
        const bool typed = j.type("addressLineEdit", QStringLiteral("1 a acorn"));
        opener.join();
        QVERIFY(typed);
        QVERIFY(store.addresses.isBuilt());
        QVERIFY(j.press(Qt::Key_Return)); // picks the first address
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        auto *result = window->findChild<QLabel *>(QStringLiteral("resultLabel"));
        QTRY_VERIFY(result->isVisible());
        const QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 1);
        QCOMPARE(contacts.first().contact.requestIds.size(), 1);
        const auto request =
            RequestRepository(m_store->db()).byId(contacts.first().contact.requestIds.first());
        QVERIFY(request);
        QCOMPARE(request->description, QStringLiteral("Lamp out"));
        QVERIFY2(request->address.contains(u"Acorn"), qPrintable(request->address));

        // Once the map is shown its filters are read.
        auto *mapDock = window->findChild<QDockWidget *>(QStringLiteral("mapDock"));
        QVERIFY(mapDock);
        mapDock->raise();
        QTRY_VERIFY(types->count() > 1);
    }
};

QTEST_MAIN(TestStartJourney)
#include "tst_startjourney.moc"

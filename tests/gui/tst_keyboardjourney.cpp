// Keyboard journeys through the real main window at 1366x768: every key goes to
// QApplication::focusWidget(), never to a widget looked up by name; after each key the focused
// widget must be visible. Results are read through the capability API.
//  - Ctrl+E ends the contact while focus is in a text field (a QLineEdit takes Ctrl+E as "end
//    of line" on X11), and Enter on the focused "Finish contact" button presses it.
//  - Ctrl+Q during a call asks: go back, keep as draft, or discard; nothing typed is lost.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/domain/requestnumber.h"
#include "models/intake/intakerepository.h"
#include "models/itemmodels/servicetypemodel.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/workstation/storecontext.h"
#include "tests/gui/intakefixture.h"
#include "tests/support/keyboardjourney.h"
#include "tests/support/teststore.h"
#include "translations/translator.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakedialogs.h"
#include "ui/intake/intakepanel.h"
#include "ui/intake/requestbox.h"
#include "ui/intake/requestsubmitter.h"

#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>

using namespace civicdesk;

class TestKeyboardJourney : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QTemporaryDir m_settingsDir;
    int m_keys = 0;
    int m_requestsBefore = 0; // imported history
    int m_desks = 0;

    // One key to whatever has focus; the focused widget must be on screen afterwards.
    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *focus = QApplication::focusWidget();
        QVERIFY2(focus, "nothing has focus");
        QTest::keyClick(focus, Qt::Key(key), modifiers);
        ++m_keys;
        if (QWidget *now = QApplication::focusWidget())
            QVERIFY2(now->isVisible(), qPrintable(now->objectName()));
    }

    // Text typed into the focused field lands there.
    void type(const QString &text)
    {
        auto *edit = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY2(edit, "the focus is not in a text field");
        const QString before = edit->text();
        QTest::keyClicks(edit, text);
        QCOMPARE(edit->text(), before + text);
    }

    // A window on this test's store, 1366x768, with the focus in the intake.
    struct Desk
    {
        std::unique_ptr<Settings> settings;
        std::unique_ptr<StoreContext> store;
        std::unique_ptr<MainWindow> window;
    };
    Desk openDesk()
    {
        Desk desk;
        desk.settings = std::make_unique<Settings>(
            m_settingsDir.filePath(QStringLiteral("desk%1.ini").arg(++m_desks)));
        desk.store = std::make_unique<StoreContext>(m_store->db(), QStringLiteral("agent1"));
        desk.window = test::openMainWindow(*desk.store, *desk.settings);
        if (desk.window)
            desk.window->intakePanel()->setFocus();
        return desk;
    }

    // openDesk(), then Ctrl+N: a call starts.
    Desk startCall(test::Journey &j)
    {
        Desk desk = openDesk();
        if (desk.window && !j.press(Qt::Key_N, Qt::ControlModifier))
            desk.window.reset();
        return desk;
    }

    // No label or button of the window cuts its text (a long translation) at 1366x768.
    void noTruncatedText(const Desk &desk)
    {
        const QStringList truncated = test::truncatedTexts(desk.window.get());
        QVERIFY2(truncated.isEmpty(), qPrintable(truncated.join(u'\n')));
    }

private slots:
    // CIVICDESK_TEST_LANGUAGE=es runs the journeys with the Spanish translation loaded.
    void initTestCase()
    {
        const QString language = qEnvironmentVariable("CIVICDESK_TEST_LANGUAGE");
        if (!language.isEmpty())
            QCOMPARE(installTranslations(*QCoreApplication::instance(), language), language);
    }

    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(m_store->db()).import(pack.value()).ok());
        m_keys = 0;
        m_requestsBefore = RequestRepository(m_store->db()).count();
    }

    void endContactFromATextFieldAndFinishWithEnter()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("end.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus(); // somewhere in the window
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("6175550100"));
        // Ctrl+E from inside the phone field.
        press(Qt::Key_E, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QComboBox *>(QApplication::focusWidget()));
        // Nothing happened in this contact yet: no outcome is chosen for the agent, and
        // finishing without one is refused with the focus kept on the outcome.
        auto *outcome = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(outcome->currentData().toString().isEmpty());
        // An information call: Down picks "Information given".
        press(Qt::Key_Down);
        QCOMPARE(outcome->currentData().toString(), QStringLiteral("information_given"));
        // Tab to "Finish contact", then Enter.
        for (int i = 0; i < 8 && QApplication::focusWidget()->objectName() !=
                                     QStringLiteral("finishContactButton");
             ++i)
            press(Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("finishContactButton"));
        press(Qt::Key_Return);
        const QList<HistoryEntry> contacts = [&] {
            QList<HistoryEntry> list;
            static_cast<void>(QTest::qWaitFor(
                [&] {
                    list = HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
                    return !list.isEmpty() && !list.first().contact.isRunning();
                },
                5000));
            return list;
        }();
        QCOMPARE(contacts.size(), 1);
        QVERIFY(!contacts.first().contact.isRunning());
        QCOMPARE(contacts.first().contact.outcome, std::optional(Outcome::InformationGiven));
        qInfo("end contact from a text field: %d keys beyond typed text", m_keys);
    }

    // The outcome is never carried from one contact into the next.
    void theNextContactStartsWithNoOutcome()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("next.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        for (int contact = 0; contact < 2; ++contact) {
            press(Qt::Key_N, Qt::ControlModifier);
            QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
            press(Qt::Key_E, Qt::ControlModifier);
            auto *outcome = qobject_cast<QComboBox *>(QApplication::focusWidget());
            QVERIFY(outcome);
            QVERIFY2(outcome->currentData().toString().isEmpty(),
                     qPrintable(outcome->currentData().toString()));
            // The caller hung up: the last entry.
            press(Qt::Key_End);
            QVERIFY(!outcome->currentData().toString().isEmpty());
            for (int i = 0; i < 8 && QApplication::focusWidget()->objectName() !=
                                         QStringLiteral("finishContactButton");
                 ++i)
                press(Qt::Key_Tab);
            press(Qt::Key_Return);
            QTRY_VERIFY(QApplication::focusWidget() &&
                        !qobject_cast<QComboBox *>(QApplication::focusWidget()));
        }
        const QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 2);
        for (const HistoryEntry &e : contacts)
            QCOMPARE(e.contact.outcome, std::optional(Outcome::Referred));
    }

    // Finishing a contact never drops a request still on the form: it asks, Escape goes back to
    // it, and only "Discard it" (Alt+D) lets it go.
    void finishingWithAnUnsubmittedRequestAsks()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("unsubmitted.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        press(Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("6175550122"));
        press(Qt::Key_1, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("rodent"));
        press(Qt::Key_Return); // the request starts: it is on the form now
        const auto finish = [&](Qt::Key key, Qt::KeyboardModifiers modifiers) {
            press(Qt::Key_E, Qt::ControlModifier);
            QTRY_VERIFY(qobject_cast<QComboBox *>(QApplication::focusWidget()));
            if (qobject_cast<QComboBox *>(QApplication::focusWidget())
                    ->currentData()
                    .toString()
                    .isEmpty())
                press(Qt::Key_Down);
            for (int i = 0; i < 8 && QApplication::focusWidget()->objectName() !=
                                         QStringLiteral("finishContactButton");
                 ++i)
                press(Qt::Key_Tab);
            QCOMPARE(QApplication::focusWidget()->objectName(),
                     QStringLiteral("finishContactButton"));
            bool asked = false;
            QTimer::singleShot(0, this, [&] { test::Journey::answer(key, modifiers, &asked); });
            press(Qt::Key_Return);
            QVERIFY(asked);
        };
        finish(Qt::Key_Escape, Qt::NoModifier);
        QList<HistoryEntry> contacts =
            HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 1);
        QVERIFY(contacts.first().contact.isRunning()); // went back: the call goes on
        window->activateWindow();
        QTRY_VERIFY(QApplication::focusWidget());
        finish(Qt::Key_D, Qt::AltModifier);
        contacts = HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
        QCOMPARE(contacts.size(), 1);
        QVERIFY(!contacts.first().contact.isRunning());
        QVERIFY(contacts.first().contact.requestIds.isEmpty());
    }

    void quitDuringACallAsksAndLosesNothing()
    {
        Settings settings(m_settingsDir.filePath(QStringLiteral("quit.ini")));
        StoreContext store(m_store->db(), QStringLiteral("agent1"));
        auto window = test::openMainWindow(store, settings);
        QVERIFY(window);
        window->intakePanel()->setFocus();
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        type(QStringLiteral("6175550111"));

        // The question appears; Escape goes back to the call.
        bool asked = false;
        QTimer::singleShot(0, this,
                           [&] { test::Journey::answer(Qt::Key_Escape, Qt::NoModifier, &asked); });
        press(Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(asked);
        QVERIFY(window->isVisible());
        // Back in the call, where the agent was, with what they typed.
        window->activateWindow();
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()));
        QCOMPARE(qobject_cast<QLineEdit *>(QApplication::focusWidget())->text(),
                 QStringLiteral("6175550111"));

        // Ctrl+Q again, "Keep as draft" (Alt+K): the window closes and the call is kept.
        asked = false;
        const Qt::Key keep = QKeySequence::mnemonic(MainWindow::tr("&Keep as draft"))[0].key();
        QTimer::singleShot(0, this, [&] { test::Journey::answer(keep, Qt::AltModifier, &asked); });
        press(Qt::Key_Q, Qt::ControlModifier);
        QVERIFY(asked);
        QTRY_VERIFY(!window->isVisible());
        const QList<Draft> drafts = IntakeRepository(m_store->db()).drafts();
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(drafts.first().payload.value(u"caller_phone").toString(),
                 QStringLiteral("6175550111"));
    }

    // ---- Journeys of issue 12: keys to the focused widget, the focus on screen after each. ----

    // Ctrl+1, the type's words, Enter: the request starts.
    void chooseType(test::Journey &j, const char *typeWords)
    {
        QVERIFY(j.press(Qt::Key_1, Qt::ControlModifier));
        QVERIFY(j.type("typeSearchLineEdit", QString::fromUtf8(typeWords)));
        QVERIFY(j.press(Qt::Key_Return));
    }

    // chooseType(); the description (if any), Tab, the address, Enter.
    void typeAndAddress(test::Journey &j, const char *typeWords, const QString &description,
                        const char *address)
    {
        chooseType(j, typeWords);
        if (!description.isEmpty())
            QVERIFY(j.type("descriptionTextEdit", description));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", QString::fromUtf8(address)));
        QVERIFY(j.press(Qt::Key_Return)); // picks the first address
    }

    // The contacts the agent finished, newest first (through the capability API).
    QList<HistoryEntry> finishedContacts(int expected)
    {
        QList<HistoryEntry> list;
        static_cast<void>(QTest::qWaitFor(
            [&] {
                list = HistoryRepository(m_store->db()).forAgent(QStringLiteral("agent1"));
                return list.size() == expected &&
                       std::none_of(list.cbegin(), list.cend(),
                                    [](const HistoryEntry &e) { return e.contact.isRunning(); });
            },
            5000));
        return list;
    }

    // The one contact of the journey, finished (through the capability API).
    std::optional<Contact> onlyContact()
    {
        const QList<HistoryEntry> contacts = finishedContacts(1);
        if (contacts.size() != 1)
            return std::nullopt;
        return contacts.first().contact;
    }

    // Ctrl+E, the outcome (Down `downs` times when one must be chosen), Tab to Finish, Enter.
    void finishContact(test::Journey &j, int downs = 0)
    {
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        for (int i = 0; i < downs; ++i)
            QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
    }

    // The mini city's everyday request (it has no pothole type: a street light out is the
    // same call — caller, type, description, address, submit, read back, finish).
    void journeyStreetLightRequest()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        typeAndAddress(j, "street light", QStringLiteral("Lamp out since Friday"), "1 a acorn");
        noTruncatedText(desk);
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        auto *result = desk.window->findChild<QLabel *>(QStringLiteral("resultLabel"));
        QTRY_VERIFY(result->isVisible());
        QVERIFY(test::offScreen(result).isEmpty());
        noTruncatedText(desk);
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        noTruncatedText(desk);
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::RequestCreated));
        QCOMPARE(contact->requestIds.size(), 1);
        const auto request = RequestRepository(m_store->db()).byId(contact->requestIds.first());
        QVERIFY(request);
        QCOMPARE(request->serviceCode, QStringLiteral("STRLGTOUT"));
        QVERIFY2(request->address.contains(u"Acorn"), qPrintable(request->address));
        QCOMPARE(request->description, QStringLiteral("Lamp out since Friday"));
        QVERIFY(!request->callerId.isEmpty());
        qInfo("journey street light (the pothole call): %d keys beyond typed text", j.keys);
        QVERIFY(j.keys < 30);
    }

    void journeyInformationCall()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        QVERIFY(j.press(Qt::Key_2, Qt::ControlModifier));
        QVERIFY(j.type("articleSearchLineEdit", QStringLiteral("bird")));
        noTruncatedText(desk);
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("outcomeComboBox"));
        QVERIFY(j.press(Qt::Key_Down)); // "Information given"
        noTruncatedText(desk);
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::InformationGiven));
        QVERIFY(contact->requestIds.isEmpty());
        qInfo("journey information call: %d keys beyond typed text", j.keys);
    }

    void journeyEmergencyType()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        chooseType(j, "fire");
        QCOMPARE(j.focusName(), QStringLiteral("emergencyLabel"));
        // Nothing to submit: the wrap-up already says "warm transfer to 911".
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        auto *outcome = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(outcome);
        QCOMPARE(outcome->currentData().toString(), QStringLiteral("warm_transfer"));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::WarmTransfer));
        QCOMPARE(contact->transferDestination, QStringLiteral("911"));
        QVERIFY(contact->requestIds.isEmpty());
        qInfo("journey emergency: %d keys beyond typed text", j.keys);
    }

    void journeyConfidentialType()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550123")));
        typeAndAddress(j, "crowded", QStringLiteral("Twelve people in two rooms"), "57 a chestnut");
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        finishContact(j);
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::RequestCreated));
        QCOMPARE(contact->requestIds.size(), 1);
        const auto request = RequestRepository(m_store->db()).byId(contact->requestIds.first());
        QVERIFY(request);
        QCOMPARE(request->serviceCode, QStringLiteral("OVRCRWD"));
        QVERIFY(request->callerId.isEmpty()); // nothing identifying the caller is stored
        QVERIFY(
            IntakeRepository(m_store->db()).findCallers(QStringLiteral("6175550123"), 5).isEmpty());
        qInfo("journey confidential type: %d keys beyond typed text", j.keys);
    }

    void journeyAddressOutsideTheCity()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        chooseType(j, "rodent");
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("addressLineEdit", QStringLiteral("100 Main St, Cambridge")));
        auto *referral = desk.window->findChild<QLabel *>(QStringLiteral("referralLabel"));
        QTRY_VERIFY(referral->isVisible());
        QVERIFY2(test::offScreen(referral).isEmpty(), qPrintable(test::offScreen(referral)));
        // Submitting is refused, with the message beside the address.
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("addressLineEdit"));
        auto *message = desk.window->findChild<QLabel *>(QStringLiteral("intakeMessageLabel"));
        // (In the language the window speaks.)
        QCOMPARE(message->text(), RequestSubmitter::tr("This place is outside the city: refer the "
                                                       "caller instead of taking a request."));
        QTRY_VERIFY2(test::offScreen(message).isEmpty(), qPrintable(test::offScreen(message)));
        // The outcome is "referred"; the request on the form is discarded.
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        auto *outcome = qobject_cast<QComboBox *>(QApplication::focusWidget());
        QVERIFY(outcome);
        QCOMPARE(outcome->currentData().toString(), QStringLiteral("referred"));
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.pressAndAnswer(Qt::Key_Return, Qt::NoModifier, Qt::Key_D, Qt::AltModifier, this));
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::Referred));
        QVERIFY(contact->requestIds.isEmpty());
        qInfo("journey address outside the city: %d keys beyond typed text", j.keys);
    }

    // A street-light request at 10 A St made by an earlier caller, through the service.
    QString earlierRequestAt10ASt(StoreContext &store)
    {
        const auto type = store.catalogue.serviceType(QStringLiteral("STRLGTOUT"));
        NewRequest earlier;
        earlier.type = *type;
        earlier.location.address = QStringLiteral("10 A St, 02127");
        earlier.location.latitude = 42.3409;
        earlier.location.longitude = -71.0568;
        auto created = store.service.createRequest(earlier);
        return created ? created.value().id : QString();
    }

    // The second caller's street light at the same place: Submit asks about the open request
    // and `answerKey` (with Alt) answers; the contact is finished and returned.
    void duplicateJourney(Qt::Key answerKey, QString &earlier, std::optional<Contact> &contact,
                          int &keys)
    {
        auto desk = openDesk();
        QVERIFY(desk.window);
        earlier = earlierRequestAt10ASt(*desk.store);
        QVERIFY(!earlier.isEmpty());
        test::Journey j;
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550142")));
        typeAndAddress(j, "street light", QStringLiteral("Dark corner"), "10 a st");
        QVERIFY(j.pressAndAnswer(Qt::Key_Return, Qt::ControlModifier, answerKey, Qt::AltModifier,
                                 this));
        finishContact(j);
        contact = onlyContact();
        keys = j.keys;
    }

    void journeyDuplicateAttach()
    {
        QString earlier;
        std::optional<Contact> contact;
        int keys = 0;
        duplicateJourney(Qt::Key_A, earlier, contact, keys); // "Attach the caller to ..."
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::AttachedToExisting));
        QCOMPARE(contact->requestIds, QStringList{earlier});
        // No second request; the caller is on the earlier one.
        QCOMPARE(RequestRepository(m_store->db()).count(), m_requestsBefore + 1);
        const QList<CallerMatch> callers =
            IntakeRepository(m_store->db()).findCallers(QStringLiteral("6175550142"), 5);
        QCOMPARE(callers.size(), 1);
        const QList<HistoryEntry> history =
            HistoryRepository(m_store->db()).forCaller(callers.first().caller.id);
        QVERIFY(std::any_of(history.cbegin(), history.cend(),
                            [&earlier](const HistoryEntry &e) { return e.request.id == earlier; }));
        qInfo("journey duplicate, attach: %d keys beyond typed text", keys);
    }

    void journeyDuplicateCreateAnyway()
    {
        QString earlier;
        std::optional<Contact> contact;
        int keys = 0;
        // "Create anyway: a different problem", by its mnemonic in the window's language.
        const QString different = IntakeDialogs::tr("Create anyway: a d&ifferent problem");
        duplicateJourney(QKeySequence::mnemonic(different)[0].key(), earlier, contact, keys);
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::RequestCreated));
        QCOMPARE(contact->requestIds.size(), 1);
        const QString created = contact->requestIds.first();
        QVERIFY(created != earlier);
        const auto request = RequestRepository(m_store->db()).byId(created);
        QVERIFY(request);
        // The reason is recorded on the new request.
        const QList<TimelineEntry> timeline =
            RequestTimeline(m_store->db()).forRequest(*request, false);
        QVERIFY(std::any_of(timeline.cbegin(), timeline.cend(), [](const TimelineEntry &e) {
            return e.kind == TimelineEntry::Kind::NoteAdded && !e.isPublic &&
                   e.text.contains(
                       IntakeDialogs::tr("a different problem from the open requests nearby"));
        }));
        qInfo("journey duplicate, create anyway: %d keys beyond typed text", keys);
    }

    // Two contacts in a row: nothing of the first caller is on screen in the second.
    void journeyTwoContactsInARow()
    {
        auto desk = openDesk();
        QVERIFY(desk.window);
        test::Journey j;
        // First caller: a street light at 1 A Acorn St, then "what about my old request?".
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        typeAndAddress(j, "street light", QString(), "1 a acorn");
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        auto *result = desk.window->findChild<QLabel *>(QStringLiteral("resultLabel"));
        QTRY_VERIFY(result->isVisible());
        const QString number = result->property("number").toString();
        QVERIFY(j.press(Qt::Key_R, Qt::ControlModifier));
        QVERIFY(j.type("readbackNumberLineEdit", number));
        QVERIFY(j.press(Qt::Key_Return));
        auto *readback = desk.window->findChild<QLabel *>(QStringLiteral("readbackResultLabel"));
        QTRY_VERIFY2(readback->text().contains(number),
                     qPrintable(readback->text() + u" / " + number));
        finishContact(j);
        QCOMPARE(finishedContacts(1).size(), 1);

        // Second caller.
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("callerPhoneLineEdit"));
        QVERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget())->text().isEmpty());
        QVERIFY(!result->isVisible());
        QVERIFY(!readback->isVisible());
        QVERIFY(desk.window->findChild<QLineEdit *>(QStringLiteral("readbackNumberLineEdit"))
                    ->text()
                    .isEmpty());
        const auto *message =
            desk.window->findChild<QLabel *>(QStringLiteral("intakeMessageLabel"));
        QVERIFY2(message->text().isEmpty(), qPrintable(message->text()));
        QVERIFY(desk.window->findChild<QLabel *>(QStringLiteral("callerStatusLabel"))
                    ->text()
                    .isEmpty());
        QVERIFY(
            desk.window->findChild<QLabel *>(QStringLiteral("mapPickedLabel"))->text().isEmpty());
        QVERIFY(desk.window->historyPanel()->callerId().isEmpty());
        const auto *location =
            desk.window->findChild<QLabel *>(QStringLiteral("locationHistoryLabel"));
        QVERIFY2(location->text().startsWith(HistoryPanel::tr(
                     "No location yet: as intake finds the address, the requests there and "
                     "nearby show here.")),
                 qPrintable(location->text()));
        QVERIFY(j.press(Qt::Key_E, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_End)); // the caller hung up
        QVERIFY(j.tabTo("finishContactButton"));
        QVERIFY(j.press(Qt::Key_Return));
        QCOMPARE(finishedContacts(2).size(), 2);
        qInfo("journey two contacts in a row: %d keys beyond typed text", j.keys);
    }

    // Defect 1: one natural Tab order through the generated questions to Submit, every stop
    // visible and typed text landing where the agent means.
    void tabGoesThroughTheQuestionsToSubmit()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        chooseType(j, "vehicle abandoned");
        QVERIFY(j.type("attribute_PLATE", QStringLiteral("MA 123")));
        const QStringList stops = {
            QStringLiteral("attribute_VEHICLE_DESC"),    QStringLiteral("attribute_DAYS_PARKED"),
            QStringLiteral("attribute_LAST_MOVED"),      QStringLiteral("attribute_SIGNS_FLAT"),
            QStringLiteral("attribute_SIGNS_NO_PLATES"), QStringLiteral("attribute_SIGNS_GLASS"),
            QStringLiteral("attribute_SIGNS_STICKER"),   QStringLiteral("attribute_SIGNS_STRIPPED"),
            QStringLiteral("attribute_SIGNS_LEAK"),      QStringLiteral("descriptionTextEdit"),
            QStringLiteral("addressLineEdit"),           QStringLiteral("noAddressCheckBox"),
            QStringLiteral("submitRequestButton")};
        for (const QString &stop : stops) {
            QVERIFY(j.press(Qt::Key_Tab));
            QCOMPARE(j.focusName(), stop);
        }
        // And back again.
        for (qsizetype i = stops.size() - 2; i >= 0; --i) {
            QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
            QCOMPARE(j.focusName(), stops.at(i));
        }
        QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
        QCOMPARE(j.focusName(), QStringLiteral("attribute_PLATE"));
        // Backwards from the questions: the type list, the search; the details are no stop.
        QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
        QCOMPARE(j.focusName(), QStringLiteral("typeListView"));
        QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
        QCOMPARE(j.focusName(), QStringLiteral("typeSearchLineEdit"));
    }

    // Defects 1, 4 and 8 after a draft restore: the picker shows the form's type, the
    // candidates are looked up again (and say "none" when there are none), the Tab order holds.
    void aRestoredDraftKeepsTypeOrderAndDuplicates()
    {
        {
            auto desk = openDesk();
            QVERIFY(desk.window);
            test::Journey j;
            QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
            typeAndAddress(j, "street light", QString(), "10 a st");
            auto *label = desk.window->findChild<QLabel *>(QStringLiteral("duplicatesLabel"));
            QCOMPARE(label->text(), RequestBox::tr("Open requests of this type nearby: none"));
            // "Keep as draft", by its mnemonic in the window's language.
            const Qt::Key keep = QKeySequence::mnemonic(MainWindow::tr("&Keep as draft"))[0].key();
            QVERIFY(j.pressAndAnswer(Qt::Key_Q, Qt::ControlModifier, keep, Qt::AltModifier, this));
            QTRY_VERIFY(!desk.window->isVisible());
        }
        // Meanwhile another caller reported the same light: the restored form is checked again.
        StoreContext elsewhere(m_store->db(), QStringLiteral("agent2"));
        QVERIFY(!earlierRequestAt10ASt(elsewhere).isEmpty());
        auto again = openDesk();
        QVERIFY(again.window);
        auto *types = again.window->findChild<QListView *>(QStringLiteral("typeListView"));
        QCOMPARE(types->currentIndex().data(ServiceTypeModel::CodeRole).toString(),
                 QStringLiteral("STRLGTOUT"));
        QCOMPARE(again.window->intakePanel()->currentTypeCode(), QStringLiteral("STRLGTOUT"));
        auto *duplicates =
            again.window->findChild<QListWidget *>(QStringLiteral("duplicateListWidget"));
        QCOMPARE(duplicates->count(), 1);
        QVERIFY(duplicates->isVisible());
        // The Tab order from the description on is the natural one.
        test::Journey j;
        again.window->findChild<QWidget *>(QStringLiteral("descriptionTextEdit"))->setFocus();
        QVERIFY(j.type("descriptionTextEdit", QStringLiteral("Still dark")));
        for (const char *stop : {"addressLineEdit", "noAddressCheckBox", "duplicateListWidget",
                                 "attachDuplicateButton", "submitRequestButton"}) {
            QVERIFY(j.press(Qt::Key_Tab));
            QCOMPARE(j.focusName(), QLatin1String(stop));
        }
    }

    // Defect 3: an email error puts the focus on Email, with its message beside it.
    void aCallerErrorIsShownAtItsField()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.press(Qt::Key_Tab));
        QVERIFY(j.type("callerEmailLineEdit", QStringLiteral("ana at example")));
        typeAndAddress(j, "street light", QString(), "1 a acorn");
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("callerEmailLineEdit"));
        auto *message = desk.window->findChild<QLabel *>(QStringLiteral("callerStatusLabel"));
        // The message quotes what was typed (in the window's language).
        QVERIFY2(message->text().contains(u"\"ana at example\""), qPrintable(message->text()));
        QTRY_VERIFY2(test::offScreen(message).isEmpty(), qPrintable(test::offScreen(message)));
        QCOMPARE(RequestRepository(m_store->db()).count(), m_requestsBefore);
    }

    // The contact's timer ("Contact by Phone · 0:02") reads as one line at 1366x768, in either
    // language, and the channel and start button beside it are not squeezed (it wrapped to
    // three lines in Spanish).
    void theContactTimerReadsAsOneLine()
    {
        test::Journey j;
        auto desk = startCall(j);
        QVERIFY(desk.window);
        auto *timer = desk.window->findChild<QLabel *>(QStringLiteral("contactTimerLabel"));
        QVERIFY(timer);
        QTRY_VERIFY(timer->isVisible() && !timer->text().isEmpty());
        QVERIFY2(
            timer->height() < 2 * timer->fontMetrics().lineSpacing(),
            qPrintable(
                QStringLiteral("\"%1\" is %2 px high").arg(timer->text()).arg(timer->height())));
        noTruncatedText(desk);
    }

    // Defect 10: the wheel over an unfocused answer scrolls the form and changes nothing.
    void theWheelScrollsTheFormNotTheAnswers()
    {
        auto desk = openDesk();
        QVERIFY(desk.window);
        test::Journey j;
        chooseType(j, "garbage");
        auto *combo =
            desk.window->findChild<QComboBox *>(QStringLiteral("attribute_SR-MTRECYDBI1"));
        QVERIFY(combo);
        QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier)); // the focus leaves it
        QVERIFY(!combo->hasFocus());
        const int before = combo->currentIndex();
        const QPoint at = combo->rect().center();
        QWheelEvent wheel(at, combo->mapToGlobal(at), QPoint(), QPoint(0, -120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(combo, &wheel);
        QCOMPARE(combo->currentIndex(), before);
    }

    // Defect 9: Tab never stays in the search's dates; Ctrl+4 during a call shows the caller.
    void historyKeyboard()
    {
        auto desk = openDesk();
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("historyFilterLineEdit"));
        QVERIFY(j.tabTo("historyFromDateEdit"));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("historyToDateEdit"));
        QVERIFY(j.press(Qt::Key_Tab));
        QCOMPARE(j.focusName(), QStringLiteral("requestTableView"));
        QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
        QCOMPARE(j.focusName(), QStringLiteral("historyToDateEdit"));
        QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
        QCOMPARE(j.focusName(), QStringLiteral("historyFromDateEdit"));

        // During a call with a known caller, Ctrl+4 shows the caller's history.
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.type("callerPhoneLineEdit", QStringLiteral("6175550100")));
        typeAndAddress(j, "street light", QString(), "1 a acorn");
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier)); // the caller is saved
        QVERIFY(!desk.window->historyPanel()->callerId().isEmpty());
        QVERIFY(j.press(Qt::Key_4, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("callerHistoryTableView"));
        auto *tabs = desk.window->findChild<QTabWidget *>(QStringLiteral("historyTabWidget"));
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("callerHistoryView"));
    }

    // Defect 9: Shift+Tab from the map never lands in the knowledge area hidden behind it.
    void shiftTabFromTheMapStaysInShownAreas()
    {
        auto desk = openDesk();
        QVERIFY(desk.window);
        test::Journey j;
        QVERIFY(j.press(Qt::Key_3, Qt::ControlModifier));
        auto *knowledge = desk.window->findChild<QDockWidget *>(QStringLiteral("knowledgeDock"));
        QTRY_VERIFY(!knowledge->isVisible() || knowledge->visibleRegion().isEmpty());
        for (int i = 0; i < 25; ++i) {
            QVERIFY(j.press(Qt::Key_Tab, Qt::ShiftModifier));
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(!knowledge->isAncestorOf(focus), qPrintable(focus->objectName()));
        }
        for (int i = 0; i < 25; ++i) {
            QVERIFY(j.press(Qt::Key_Tab));
            QWidget *focus = QApplication::focusWidget();
            QVERIFY2(!knowledge->isAncestorOf(focus), qPrintable(focus->objectName()));
        }
    }

    // A status read-back with one misheard character: the check symbol catches it, the agent
    // corrects it and reads the status; a city case id asks for a second detail first.
    void journeyReadbackWithAMisheardCharacter()
    {
        auto desk = openDesk();
        QVERIFY(desk.window);
        const QString earlier = earlierRequestAt10ASt(*desk.store);
        const auto request = RequestRepository(m_store->db()).byId(earlier);
        QVERIFY(request);
        const QString number = RequestNumber::parse(request->number).value().display();
        QString misheard = number;
        misheard[7] = misheard.at(7) == u'2' ? u'3' : u'2';
        test::Journey j;
        QVERIFY(j.press(Qt::Key_N, Qt::ControlModifier));
        QVERIFY(j.press(Qt::Key_R, Qt::ControlModifier));
        QVERIFY(j.type("readbackNumberLineEdit", misheard));
        QVERIFY(j.press(Qt::Key_Return));
        auto *result = desk.window->findChild<QLabel *>(QStringLiteral("readbackResultLabel"));
        QTRY_VERIFY(result->isVisible());
        // What the message says after the number, in the window's language.
        const QString invalid = QCoreApplication::translate(
            "RequestNumber", "%1 is not a valid request number: a character was misheard or "
                             "two were swapped. Ask the caller to read it again.");
        QVERIFY2(result->text().contains(invalid.mid(invalid.indexOf(u"%1") + 2)),
                 qPrintable(result->text()));
        QVERIFY(!result->text().contains(u"A St"));
        // The number is selected: typing replaces it.
        QVERIFY(j.type("readbackNumberLineEdit", number));
        QVERIFY(j.press(Qt::Key_Return));
        // "Request <number>, ..." in the window's language.
        const QString requestWord =
            QCoreApplication::translate("civicdesk::StatusReadbackBox",
                                        "Request %1, %2 at %3, was opened on %4.")
                .section(QStringLiteral("%1"), 0, 0);
        QTRY_VERIFY(result->text().startsWith(requestWord + number));
        QVERIFY(result->text().contains(u"10 A St"));
        // A city case id: no check character, so the caller confirms the address first.
        QVERIFY(j.press(Qt::Key_R, Qt::ControlModifier));
        QVERIFY(j.type("readbackNumberLineEdit", QStringLiteral("101001241058")));
        QVERIFY(j.press(Qt::Key_Return));
        const QString noCheck = QCoreApplication::translate(
            "civicdesk::StatusReadbackBox",
            "City case number %1 has no check character: one wrong digit finds someone else's "
            "request. Ask the caller for the street address or the date they reported it, type "
            "it under \"Confirm with\" and press Enter.");
        QVERIFY2(result->text().contains(noCheck.section(QStringLiteral("%1"), 1)),
                 qPrintable(result->text()));
        QVERIFY(j.type("readbackConfirmLineEdit", QStringLiteral("76 Alpheus Rd")));
        QVERIFY(j.press(Qt::Key_Return));
        QTRY_VERIFY(result->text().startsWith(requestWord + u"101001241058"));
        finishContact(j, 1);
        QCOMPARE(finishedContacts(1).first().contact.outcome,
                 std::optional(Outcome::InformationGiven));
        qInfo("journey status read-back with a misheard character: %d keys beyond typed text",
              j.keys);
    }

    // A draft restored after the workstation was killed (SIGKILL) mid-call: the window comes
    // back with the call, the form and its type shown in the picker, and the agent finishes it
    // by keyboard.
    void journeyDraftRestoredAfterAKill()
    {
        const QString path = m_store->path();
        m_store->close();
        const QString failed = test::killDraftChild(QStringLiteral(INTAKE_DRAFT_CHILD), path);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        m_store->reopen();

        auto desk = openDesk();
        QVERIFY(desk.window);
        QVERIFY(!desk.window->intakePanel()->contactId().isEmpty());
        auto *types = desk.window->findChild<QListView *>(QStringLiteral("typeListView"));
        QCOMPARE(types->currentIndex().data(ServiceTypeModel::CodeRole).toString(),
                 QStringLiteral("MTRECYDBI"));
        test::Journey j;
        QVERIFY(j.focusOnScreen());
        // Submitting shows what is missing at its field; Down answers "Trash".
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        QCOMPARE(j.focusName(), QStringLiteral("attribute_SR-MTRECYDBI1"));
        auto *error = desk.window->findChild<QLabel *>(QStringLiteral("error_SR-MTRECYDBI1"));
        QVERIFY(error->isVisible());
        QTRY_VERIFY2(test::offScreen(error).isEmpty(), qPrintable(test::offScreen(error)));
        QVERIFY(j.press(Qt::Key_Down));
        QVERIFY(j.tabTo("addressLineEdit", 20));
        QVERIFY(j.type("addressLineEdit", QStringLiteral("10 a st")));
        QVERIFY(j.press(Qt::Key_Return));
        QVERIFY(j.press(Qt::Key_Return, Qt::ControlModifier));
        finishContact(j);
        const auto contact = onlyContact();
        QVERIFY(contact);
        QCOMPARE(contact->outcome, std::optional(Outcome::RequestCreated));
        QCOMPARE(contact->requestIds.size(), 1);
        const auto request = RequestRepository(m_store->db()).byId(contact->requestIds.first());
        QVERIFY(request);
        QCOMPARE(request->description, QStringLiteral("Bags left at the curb since Monday"));
        QVERIFY(!request->callerId.isEmpty());
        qInfo("journey draft restored after a kill: %d keys beyond typed text", j.keys);
    }
};

QTEST_MAIN(TestKeyboardJourney)
#include "tst_keyboardjourney.moc"

// Keyboard journeys through the real main window at 1366x768: every key goes to
// QApplication::focusWidget(), never to a widget looked up by name; after each key the focused
// widget must be visible. Results are read through the capability API. Ending a contact and
// the drafts:
//  - Ctrl+E ends the contact while focus is in a text field (a QLineEdit takes Ctrl+E as "end
//    of line" on X11), and Enter on the focused "Finish contact" button presses it.
//  - Ctrl+Q during a call asks: go back, keep as draft, or discard; nothing typed is lost.
//  - A draft restored (after a restart, or after the workstation was killed) keeps its type,
//    its Tab order and its duplicates.
// (The journeys of issue 12: tst_intakejourneys; the focus defects: tst_intakefocus.)

#include "tests/gui/intakejourney.h"

using namespace civicdesk;

class TestKeyboardJourney : public test::IntakeJourneyFixture
{
    Q_OBJECT

private slots:
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

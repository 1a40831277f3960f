// The intake's focus defects, by keyboard in the real main window at 1366x768 (every key to
// QApplication::focusWidget()): one Tab order through the generated questions to Submit, a
// caller's error at its field, the contact's timer on one line, the wheel over the form, Tab
// in the history search and Shift+Tab from the map.

#include "tests/gui/intakejourney.h"

using namespace civicdesk;

class TestIntakeFocus : public test::IntakeJourneyFixture
{
    Q_OBJECT

private slots:
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
};

QTEST_MAIN(TestIntakeFocus)
#include "tst_intakefocus.moc"

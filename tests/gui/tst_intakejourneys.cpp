// The intake journeys of issue 12 through the real main window at 1366x768, by keyboard only
// (every key to QApplication::focusWidget(), the focus on screen after each): a request, an
// information call, an emergency and a confidential type, an address outside the city, a
// duplicate attached or created anyway, two contacts in a row, and a status read-back with a
// misheard character. Results through the capability API.

#include "tests/gui/intakejourney.h"

using namespace civicdesk;

class TestIntakeJourneys : public test::IntakeJourneyFixture
{
    Q_OBJECT

private slots:
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
};

QTEST_MAIN(TestIntakeJourneys)
#include "tst_intakejourneys.moc"

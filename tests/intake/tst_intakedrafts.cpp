// IntakeSession's drafts against a real SQLite store with the mini city pack: a draft comes back
// whole, an empty form leaves none, drafts are kept apart per agent, the draft of before goes to
// the first agent, and a new contact starts clean.

#include "tests/intake/intakesessiontest.h"

#include <QSignalSpy>

using namespace civicdesk;
using namespace civicdesk::test;

class TestIntakeDrafts : public IntakeSessionTest
{
    Q_OBJECT

private slots:
    void init() { freshStore(); }

    void aDraftComesBackWhole()
    {
        QString contactId;
        {
            Desk desk(m_store->db(), &m_now);
            IntakeSession &s = desk.session;
            s.setChannel(Channel::WalkIn);
            QVERIFY(s.startContact().ok());
            contactId = s.contactId();
            s.setCallerTyped(QStringLiteral("(617) 555-0199"), QStringLiteral("Lee"),
                             QStringLiteral("lee@example.org"));
            QVERIFY(s.setTypeByCode(QStringLiteral("MTRECYDBI")));
            const Answers answers{{QStringLiteral("SR-MTRECYDBI1"), {QStringLiteral("Recycling")}}};
            s.setAnswers(answers);
            s.setDescription(QStringLiteral("Blue bin missed twice"));
            s.setLocation(acornStreet(), false);
            QVERIFY(s.saveDraft().ok());
        } // the program was killed here

        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QSignalSpy caller(&s, &IntakeSession::callerChanged);
        const auto savedAt = s.restoreDraft();
        QVERIFY(savedAt);
        QVERIFY(savedAt->isValid());
        QCOMPARE(caller.count(), 1);
        QCOMPARE(s.contactId(), contactId);
        QVERIFY(s.contactRunning());
        QCOMPARE(s.contactStarted(), m_now);
        QCOMPARE(s.channel(), Channel::WalkIn);
        QCOMPARE(s.caller().phone, QStringLiteral("(617) 555-0199"));
        QCOMPARE(s.caller().name, QStringLiteral("Lee"));
        QCOMPARE(s.caller().email, QStringLiteral("lee@example.org"));
        QVERIFY(s.type());
        QCOMPARE(s.type()->code, QStringLiteral("MTRECYDBI"));
        QCOMPARE(s.answers().value(QStringLiteral("SR-MTRECYDBI1")),
                 QStringList{QStringLiteral("Recycling")});
        QCOMPARE(s.description(), QStringLiteral("Blue bin missed twice"));
        QVERIFY(s.location());
        QCOMPARE(s.location()->address, acornStreet().address);
        QCOMPARE(s.location()->latitude, acornStreet().latitude);
        // The restored request is submitted in the same contact.
        const auto created = s.submit();
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        const auto request = desk.requests.byId(created.value().id);
        QCOMPARE(request->description, QStringLiteral("Blue bin missed twice"));
        QVERIFY(!request->callerId.isEmpty());
        QVERIFY(s.endContact(QString()).ok());
        QCOMPARE(contact(contactId)->requestIds, QStringList{created.value().id});
        // Finishing the contact removed the draft.
        Desk after(m_store->db(), &m_now);
        QVERIFY(!after.session.restoreDraft());
    }

    // Issue 12 (5, and a draft after SIGKILL): what happened in the contact before the program
    // died comes back with it. A request created, then the workstation killed: the wrap-up
    // still defaults to "request created" and the number can still be read back (it asked
    // the agent to choose, as if nothing had happened).
    void whatHappenedInTheContactComesBackWithTheDraft()
    {
        QString number;
        {
            Desk desk(m_store->db(), &m_now);
            IntakeSession &s = desk.session;
            QVERIFY(s.startContact().ok());
            s.setCallerTyped(QStringLiteral("(617) 555-0199"), QStringLiteral("Lee"), QString());
            QVERIFY(s.setTypeByCode(QStringLiteral("MTRECYDBI")));
            s.setAnswers({{QStringLiteral("SR-MTRECYDBI1"), {QStringLiteral("Recycling")}}});
            s.setDescription(QStringLiteral("Blue bin missed twice"));
            s.setLocation(acornStreet(), false);
            const auto created = s.submit();
            QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
            QCOMPARE(s.outcome(), std::optional(Outcome::RequestCreated));
            number = s.lastNumber();
            QVERIFY(!number.isEmpty());
            s.setTransferTo(QStringLiteral("Water and Sewer, 617-989-7000"));
            QVERIFY(s.saveDraft().ok());
        } // the program was killed here

        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.restoreDraft());
        QVERIFY(s.contactRunning());
        QCOMPARE(s.outcome(), std::optional(Outcome::RequestCreated));
        QCOMPARE(s.lastNumber(), number);
        QCOMPARE(s.transferTo(), QStringLiteral("Water and Sewer, 617-989-7000"));
        QVERIFY(s.endContact(QString()).ok());
    }

    void anEmptyFormLeavesNoDraft()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.setTypeByCode(QStringLiteral("STRLGTOUT")));
        QVERIFY(s.saveDraft().ok());
        QCOMPARE(desk.intake.drafts().size(), 1);
        s.resetRequest();
        QVERIFY(!s.hasUnfinishedWork());
        QVERIFY(s.saveDraft().ok());
        QVERIFY(desk.intake.drafts().isEmpty());
    }

    // A shared PC: each agent's draft is their own. Parking keeps Ana's call (open) in her
    // draft and empties the session; Bob starts with nothing of hers, and his draft does not
    // touch hers; when Ana is back her call returns.
    void draftsAreKeptApartPerAgent()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        const QString anasContact = s.contactId();
        s.setCallerTyped(QStringLiteral("617 555 0100"), QStringLiteral("Rosa"), QString());
        QVERIFY(s.setTypeByCode(QStringLiteral("STRLGTOUT")));
        s.setDescription(QStringLiteral("Lamp out on the corner"));
        QVERIFY(s.park().ok());
        QVERIFY(!s.contactRunning());
        QVERIFY(!s.hasUnfinishedWork());
        QCOMPARE(s.caller().phone, QString());
        QCOMPARE(desk.intake.drafts().size(), 1);
        QCOMPARE(desk.intake.drafts().first().id, QStringLiteral("intake:ana"));

        desk.service.setAgent(QStringLiteral("bob"));
        QCOMPARE(s.draftId(), QStringLiteral("intake:bob"));
        QVERIFY(!s.restoreDraft());
        QVERIFY(!s.contactRunning());
        // Bob's empty form removes no one's draft; his own call is his draft.
        QVERIFY(s.saveDraft().ok());
        QCOMPARE(desk.intake.drafts().size(), 1);
        QVERIFY(s.startContact().ok());
        s.setCallerTyped(QStringLiteral("617 555 0111"), QString(), QString());
        QVERIFY(s.saveDraft().ok());
        QCOMPARE(desk.intake.drafts().size(), 2);
        QVERIFY(s.park().ok());

        desk.service.setAgent(QStringLiteral("ana"));
        QVERIFY(s.restoreDraft());
        QCOMPARE(s.contactId(), anasContact);
        QCOMPARE(s.caller().phone, QStringLiteral("617 555 0100"));
        QCOMPARE(s.type()->code, QStringLiteral("STRLGTOUT"));
        QCOMPARE(s.description(), QStringLiteral("Lamp out on the corner"));
        // Ana ends her call: her draft goes, Bob's stays.
        s.setOutcome(Outcome::InformationGiven);
        s.resetRequest();
        QVERIFY(s.endContact(QString()).ok());
        const QList<Draft> left = desk.intake.drafts();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().id, QStringLiteral("intake:bob"));
    }

    // The wrap-up begun (the outcome chosen, the transfer, the notes typed) is part of the
    // draft: parked for another agent and back with its agent; the next agent starts clean.
    void theWrapUpBegunIsKeptInTheDraft()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        s.setCallerTyped(QStringLiteral("617 555 0100"), QStringLiteral("Rosa"), QString());
        s.setOutcome(Outcome::ColdTransfer);
        s.setTransferTo(QStringLiteral("Parking clerk"));
        s.setWrapUpNotes(QStringLiteral("Wants a call back about the permit"));
        QVERIFY(s.park().ok());
        QCOMPARE(s.wrapUpNotes(), QString());
        QCOMPARE(s.outcome(), std::nullopt);

        desk.service.setAgent(QStringLiteral("bob"));
        QVERIFY(!s.restoreDraft());
        QVERIFY(s.startContact().ok());
        QCOMPARE(s.wrapUpNotes(), QString());
        QCOMPARE(s.transferTo(), QString());
        QVERIFY(s.park().ok());

        desk.service.setAgent(QStringLiteral("ana"));
        QVERIFY(s.restoreDraft());
        QCOMPARE(s.outcome(), std::optional(Outcome::ColdTransfer));
        QCOMPARE(s.transferTo(), QStringLiteral("Parking clerk"));
        QCOMPARE(s.wrapUpNotes(), QStringLiteral("Wants a call back about the permit"));
        QVERIFY(s.endContact(s.wrapUpNotes()).ok());
        QCOMPARE(s.wrapUpNotes(), QString());
    }

    // The one draft kept before drafts were per agent goes to the first agent who signs in,
    // and becomes theirs (the next agent does not get it too).
    void theDraftOfBeforeGoesToTheFirstAgent()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        desk.service.setAgent(QString());
        QCOMPARE(s.draftId(), QStringLiteral("intake"));
        s.setCallerTyped(QStringLiteral("617 555 0199"), QString(), QString());
        QVERIFY(s.saveDraft().ok());

        Desk ana(m_store->db(), &m_now);
        QVERIFY(ana.session.restoreDraft());
        QCOMPARE(ana.session.caller().phone, QStringLiteral("617 555 0199"));
        const QList<Draft> drafts = desk.intake.drafts();
        QCOMPARE(drafts.size(), 1);
        QCOMPARE(drafts.first().id, QStringLiteral("intake:ana"));
        Desk bob(m_store->db(), &m_now);
        bob.service.setAgent(QStringLiteral("bob"));
        QVERIFY(!bob.session.restoreDraft());
    }

    void aNewContactStartsClean()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        QCOMPARE(s.startContact().error().code, QStringLiteral("intake.contact_running"));
        s.setCallerTyped(QStringLiteral("6175550100"), QStringLiteral("First Caller"), QString());
        QVERIFY(s.setTypeByCode(QStringLiteral("STRLGTOUT")));
        s.setLocation(acornStreet(), false);
        QVERIFY(s.submit().ok());
        QVERIFY(!s.callerId().isEmpty()); // saved with the request
        s.setTransferTo(QStringLiteral("Parks"));
        QVERIFY(s.setTypeByCode(QStringLiteral("RODENTACT")));
        s.setDescription(QStringLiteral("Rats by the bins"));
        QVERIFY(s.hasUnsubmittedRequest());
        QSignalSpy caller(&s, &IntakeSession::callerChanged);
        m_now = m_now.addSecs(95);
        const auto ended = s.endContact(QString());
        QVERIFY(ended.ok());
        QCOMPARE(ended.value(), qint64(95));
        QCOMPARE(caller.count(), 1);
        QVERIFY(caller.first().first().toString().isEmpty());

        // Nothing of the first caller is left.
        QVERIFY(!s.contactRunning());
        QVERIFY(!s.hasUnfinishedWork());
        QVERIFY(s.callerId().isEmpty());
        QVERIFY(s.caller().phone.isEmpty() && s.caller().name.isEmpty());
        QVERIFY(!s.type());
        QVERIFY(s.description().isEmpty());
        QVERIFY(!s.location());
        QVERIFY(s.duplicates().isEmpty());
        QVERIFY(s.transferTo().isEmpty());
        QVERIFY(s.startContact().ok());
        QVERIFY(!s.outcome());
        QVERIFY(s.lastNumber().isEmpty());
        QCOMPARE(s.elapsedSeconds(), qint64(0));
        QVERIFY(s.findCallers().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIntakeDrafts)
#include "tst_intakedrafts.moc"

// IntakeSession, the call taker's contact without widgets, against a real SQLite store with the
// mini city pack: the outcome follows what happened in this contact, the duplicate decision
// (attach, create anyway with the reason recorded), the draft round trip, a new contact starts
// clean, and the emergency, confidential and referral paths write nothing they must not.

#include "models/city/cataloguerepository.h"
#include "models/domain/intakestep.h"
#include "models/domain/requestnumber.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/intake/intakesession.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QSignalSpy>
#include <QTest>

using namespace civicdesk;

namespace {

// One desk: the store's services and a session over them.
struct Desk
{
    explicit Desk(Database &db, const QDateTime *now)
        : events(db), service(db, events, QStringLiteral("ana")), catalogue(db), requests(db),
          intake(db), session(catalogue, requests, intake, service)
    {
        events.setRole(AgentRole::CallTaker);
        service.setClock([now] { return *now; });
    }
    EventStore events;
    IntakeService service;
    CatalogueRepository catalogue;
    RequestRepository requests;
    IntakeRepository intake;
    IntakeSession session;
};

IntakeLocation acornStreet()
{
    IntakeLocation where;
    where.address = QStringLiteral("1 A Acorn St, 02108");
    where.latitude = 42.3576;
    where.longitude = -71.0685;
    return where;
}

IntakeLocation tenASt()
{
    IntakeLocation where;
    where.address = QStringLiteral("10 A St, 02127");
    where.latitude = 42.3409;
    where.longitude = -71.0568;
    return where;
}

} // namespace

class TestIntakeSession : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    QDateTime m_now = QDateTime(QDate(2026, 12, 1), QTime(15, 0), Qt::UTC);

    std::optional<Contact> contact(const QString &id)
    {
        const auto entry = HistoryRepository(m_store->db()).contactEntry(id);
        return entry ? std::optional(entry->contact) : std::nullopt;
    }

    QList<IntakeStepKind> stepKinds(Desk &desk, const QString &contactId)
    {
        QList<IntakeStepKind> kinds;
        const auto steps =
            intakeStepsFromEvents(desk.events.eventsFor(QStringLiteral("contact"), contactId));
        for (const IntakeStep &s : steps)
            kinds.append(s.kind);
        return kinds;
    }

    // A street light out at 10 A St reported by an earlier caller.
    QString earlierStreetLight(Desk &desk)
    {
        NewRequest earlier;
        earlier.type = *desk.catalogue.serviceType(QStringLiteral("STRLGTOUT"));
        earlier.location = tenASt();
        earlier.description = QStringLiteral("Dark since Monday");
        auto created = desk.service.createRequest(earlier);
        return created ? created.value().id : QString();
    }

private slots:
    void init()
    {
        m_store = test::miniCityStore();
        QVERIFY(m_store);
    }

    void theOutcomeFollowsWhatHappenedInThisContact()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        QVERIFY(!s.outcome());
        // Nothing happened: finishing is refused until an outcome is chosen.
        const auto refused = s.endContact(QString());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("intake.outcome"));
        QVERIFY(s.contactRunning());

        // A request created: "request created".
        QVERIFY(s.setTypeByCode(QStringLiteral("STRLGTOUT")));
        s.setLocation(acornStreet(), false);
        s.setDescription(QStringLiteral("Lamp out"));
        const auto created = s.submit();
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message));
        QCOMPARE(s.outcome(), std::optional(Outcome::RequestCreated));
        QCOMPARE(s.lastNumber(), created.value().number.display());
        const QString first = s.contactId();
        QVERIFY(s.endContact(QStringLiteral("done")).ok());
        QCOMPARE(contact(first)->outcome, std::optional(Outcome::RequestCreated));

        // The next contact does not inherit it.
        QVERIFY(s.startContact().ok());
        QVERIFY(!s.outcome());
        QVERIFY(s.lastNumber().isEmpty());
        // The referral box was shown: "referred elsewhere" ...
        QSignalSpy outcomeSpy(&s, &IntakeSession::outcomeChanged);
        s.referralShown(QStringLiteral("100 Main St, Cambridge"), QStringLiteral("Cambridge"));
        QCOMPARE(s.outcome(), std::optional(Outcome::Referred));
        QCOMPARE(outcomeSpy.count(), 1);
        // ... a suggestion never overrides the agent's own choice.
        s.setOutcome(Outcome::InformationGiven);
        s.suggestOutcome(Outcome::Referred);
        QCOMPARE(s.outcome(), std::optional(Outcome::InformationGiven));
        const QString second = s.contactId();
        QVERIFY(s.endContact(QString()).ok());
        QCOMPARE(contact(second)->outcome, std::optional(Outcome::InformationGiven));

        // An emergency type: a warm transfer to 911, unless the agent typed another line.
        QVERIFY(s.startContact().ok());
        QVERIFY(s.transferTo().isEmpty());
        QVERIFY(s.setTypeByCode(QStringLiteral("FIREFOOD")));
        QCOMPARE(s.outcome(), std::optional(Outcome::WarmTransfer));
        QCOMPARE(s.transferTo(), QStringLiteral("911"));
        const QString third = s.contactId();
        QVERIFY(s.endContact(QString()).ok());
        QCOMPARE(contact(third)->outcome, std::optional(Outcome::WarmTransfer));
        QCOMPARE(contact(third)->transferDestination, QStringLiteral("911"));

        QVERIFY(s.startContact().ok());
        QVERIFY(s.transferTo().isEmpty());
        s.setOutcome(Outcome::ColdTransfer);
        s.setTransferTo(QStringLiteral("Fire dept. 617-343-3550"));
        QVERIFY(s.setTypeByCode(QStringLiteral("FIREFOOD")));
        QCOMPARE(s.outcome(), std::optional(Outcome::ColdTransfer));
        QCOMPARE(s.transferTo(), QStringLiteral("Fire dept. 617-343-3550"));
    }

    void theDuplicateDecisionAttachesTheCaller()
    {
        Desk desk(m_store->db(), &m_now);
        const QString earlier = earlierStreetLight(desk);
        QVERIFY(!earlier.isEmpty());
        const auto before = desk.requests.count();
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        s.setCallerTyped(QStringLiteral("617 555 0142"), QStringLiteral("Rosa Diaz"), QString());
        QVERIFY(s.setTypeByCode(QStringLiteral("STRLGTOUT")));
        s.setLocation(tenASt(), false);
        QSignalSpy shown(&s, &IntakeSession::duplicatesChanged);
        s.refreshDuplicates();
        QCOMPARE(shown.count(), 1);
        QCOMPARE(shown.first().first().toStringList(), QStringList{earlier});
        QCOMPARE(s.duplicates().size(), 1);
        s.recordDuplicateDecision(IntakeSession::DuplicateDecision::Attach, 0, QString());
        QVERIFY(s.attachToDuplicate(0).ok());
        QCOMPARE(s.outcome(), std::optional(Outcome::AttachedToExisting));
        // Read back as the city publishes it, like a number just created (with the hyphen).
        QCOMPARE(s.lastNumber(), RequestNumber::published(desk.requests.byId(earlier)->number));
        QVERIFY(s.lastNumber().contains(u'-'));
        QVERIFY(!s.type());                    // the form is empty again
        QVERIFY(!s.attachToDuplicate(0).ok()); // nothing left to attach to
        const QString id = s.contactId();
        QVERIFY(s.endContact(QString()).ok());

        QCOMPARE(desk.requests.count(), before); // no second request
        QCOMPARE(contact(id)->requestIds, QStringList{earlier});
        const QList<CallerMatch> callers = desk.intake.findCallers(QStringLiteral("6175550142"));
        QCOMPARE(callers.size(), 1);
        QCOMPARE(callers.first().caller.name, QStringLiteral("Rosa Diaz"));
        using K = IntakeStepKind;
        const QList<K> kinds = stepKinds(desk, id);
        QVERIFY(kinds.contains(K::DuplicatesShown));
        QVERIFY(kinds.indexOf(K::DuplicateDecision) < kinds.indexOf(K::CallerAttached));
    }

    void theDuplicateDecisionCreatesAnywayWithTheReason()
    {
        Desk desk(m_store->db(), &m_now);
        const QString earlier = earlierStreetLight(desk);
        QVERIFY(!earlier.isEmpty());
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        QVERIFY(s.setTypeByCode(QStringLiteral("STRLGTOUT")));
        s.setLocation(tenASt(), false);
        s.refreshDuplicates();
        QCOMPARE(s.duplicates().size(), 1);
        const QString reason = QStringLiteral("a different spot from the open requests nearby");
        s.recordDuplicateDecision(IntakeSession::DuplicateDecision::CreateAnyway, 0, reason);
        const auto created = s.submit(reason);
        QVERIFY(created.ok());
        QVERIFY(created.value().id != earlier);
        QCOMPARE(s.outcome(), std::optional(Outcome::RequestCreated));
        const auto request = desk.requests.byId(created.value().id);
        QVERIFY(request);
        const QList<TimelineEntry> timeline =
            RequestTimeline(m_store->db()).forRequest(*request, false);
        const QString earlierNumber = desk.requests.byId(earlier)->number;
        QVERIFY(std::any_of(timeline.cbegin(), timeline.cend(), [&](const TimelineEntry &e) {
            return e.kind == TimelineEntry::Kind::NoteAdded && !e.isPublic &&
                   e.text.contains(reason) && e.text.contains(earlierNumber);
        }));
        const auto steps =
            intakeStepsFromEvents(desk.events.eventsFor(QStringLiteral("contact"), s.contactId()));
        const auto decision =
            std::find_if(steps.cbegin(), steps.cend(), [](const IntakeStep &step) {
                return step.kind == IntakeStepKind::DuplicateDecision;
            });
        QVERIFY(decision != steps.cend());
        QCOMPARE(decision->detail.value(u"decision").toString(), QStringLiteral("create_anyway"));
        QCOMPARE(decision->detail.value(u"reason").toString(), reason);
        QCOMPARE(decision->detail.value(u"request_id").toString(), earlier);
    }

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

    void theCallerIsFoundAndChosen()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        Caller known;
        known.name = QStringLiteral("Maria Lopez");
        known.phone = QStringLiteral("6175550177");
        known.language = QStringLiteral("es");
        const QString id = desk.service.saveCaller(known).value();
        // Two letters of a name are not a search; a phone is.
        s.setCallerTyped(QString(), QStringLiteral("Ma"), QString());
        QVERIFY(s.callerSearchText().isEmpty());
        s.setCallerTyped(QStringLiteral("617 555 0177"), QString(), QString());
        const QList<CallerMatch> matches = s.findCallers();
        QCOMPARE(matches.size(), 1);
        QSignalSpy changed(&s, &IntakeSession::callerChanged);
        QVERIFY(s.chooseCaller(matches.first().caller.id));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(s.callerId(), id);
        QCOMPARE(s.caller().language, QStringLiteral("es"));
        // Typing over a chosen caller makes a new one.
        s.setCallerTyped(QStringLiteral("6175550178"), QStringLiteral("Maria Lopez"), QString());
        QVERIFY(s.callerId().isEmpty());
        QVERIFY(!s.chooseCaller(QStringLiteral("nobody")));
    }

    void anEmergencyTypeIsNeverSubmitted()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        QVERIFY(s.setTypeByCode(QStringLiteral("FIREFOOD")));
        s.setDescription(QString());
        QCOMPARE(s.submitBlocker(), std::optional(QStringLiteral("intake.emergency")));
        QVERIFY(!s.hasUnsubmittedRequest()); // nothing to ask about when finishing
        const qint64 events = desk.events.eventCount();
        const auto refused = s.submit();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("intake.emergency"));
        QCOMPARE(desk.events.eventCount(), events);
    }

    void aConfidentialTypeStoresNobody()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        s.setCallerTyped(QStringLiteral("6175550123"), QStringLiteral("Should Not Stay"),
                         QString());
        QVERIFY(s.setTypeByCode(QStringLiteral("OVRCRWD")));
        s.setDescription(QStringLiteral("Twelve people in two rooms"));
        s.setLocation(acornStreet(), false);
        const auto created = s.submit();
        QVERIFY(created.ok());
        QVERIFY(desk.requests.byId(created.value().id)->callerId.isEmpty());
        QVERIFY(desk.intake.findCallers(QStringLiteral("6175550123")).isEmpty());
        QVERIFY(s.callerId().isEmpty());
    }

    void aPlaceOutsideTheCityIsReferredNotTaken()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        QVERIFY(s.setTypeByCode(QStringLiteral("RODENTACT")));
        IntakeLocation cambridge;
        cambridge.address = QStringLiteral("100 Main St, Cambridge");
        s.setLocation(cambridge, true);
        s.referralShown(cambridge.address, QStringLiteral("City of Cambridge"));
        QCOMPARE(s.submitBlocker(), std::optional(QStringLiteral("intake.outside_city")));
        const auto requests = desk.requests.count();
        QCOMPARE(s.submit().error().code, QStringLiteral("intake.outside_city"));
        QCOMPARE(desk.requests.count(), requests);
        QCOMPARE(s.outcome(), std::optional(Outcome::Referred));
        const QString id = s.contactId();
        QVERIFY(s.endContact(QString()).ok());
        QCOMPARE(contact(id)->outcome, std::optional(Outcome::Referred));
        const auto steps =
            intakeStepsFromEvents(desk.events.eventsFor(QStringLiteral("contact"), id));
        QVERIFY(std::any_of(steps.cbegin(), steps.cend(), [](const IntakeStep &step) {
            return step.kind == IntakeStepKind::Location &&
                   step.detail.value(u"outside_city").toBool() &&
                   step.detail.value(u"referral").toString() == u"City of Cambridge";
        }));
    }

    void badInputIsRefusedAndNothingIsWritten()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QCOMPARE(s.submit().error().code, QStringLiteral("intake.no_type"));
        QVERIFY(!s.endContact(QString()));
        QVERIFY(s.startContact().ok());
        // A required answer missing.
        QVERIFY(s.setTypeByCode(QStringLiteral("MTRECYDBI")));
        s.setLocation(acornStreet(), false);
        QCOMPARE(s.submitBlocker(), std::optional(QStringLiteral("intake.answers")));
        s.setAnswers({{QStringLiteral("SR-MTRECYDBI1"), {QStringLiteral("Trash")}}});
        QVERIFY(!s.submitBlocker());
        // A bad email: the error names the field, and neither caller nor request is written.
        s.setCallerTyped(QString(), QStringLiteral("Sam"), QStringLiteral("sam@"));
        const auto requests = desk.requests.count();
        const auto refused = s.submit();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("intake.email"));
        QVERIFY(!refused.error().message.isEmpty());
        QCOMPARE(desk.requests.count(), requests);
        QVERIFY(desk.intake.findCallers(QStringLiteral("Sam")).isEmpty());
        QVERIFY(s.type()); // the form stays for the agent to correct
        QVERIFY(!s.setTypeByCode(QStringLiteral("NOSUCHTYPE")));
        QCOMPARE(s.type()->code, QStringLiteral("MTRECYDBI"));
    }

    void aTypeChangeKeepsTheEarlierAnswersInTheRecord()
    {
        Desk desk(m_store->db(), &m_now);
        IntakeSession &s = desk.session;
        QVERIFY(s.startContact().ok());
        QVERIFY(s.setTypeByCode(QStringLiteral("MTRECYDBI")));
        s.setAnswers({{QStringLiteral("SR-MTRECYDBI1"), {QStringLiteral("Trash")}}});
        QVERIFY(s.setTypeByCode(QStringLiteral("RODENTACT")));
        QVERIFY(s.answers().isEmpty());
        using K = IntakeStepKind;
        QCOMPARE(stepKinds(desk, s.contactId()),
                 (QList<K>{K::Started, K::TypeChosen, K::Answer, K::TypeChosen}));
        QVERIFY(s.recordArticleOpened(QStringLiteral("kb-1")).ok());
        QVERIFY(stepKinds(desk, s.contactId()).contains(K::ArticleOpened));
    }
};

QTEST_GUILESS_MAIN(TestIntakeSession)
#include "tst_intakesession.moc"

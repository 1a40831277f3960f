// IntakeSession, the call taker's contact without widgets, against a real SQLite store with the
// mini city pack: the outcome follows what happened in this contact, the duplicate decision
// (attach, create anyway with the reason recorded), the caller found and chosen, a type change
// keeping the earlier answers, and the emergency, confidential, referral and bad-input paths
// write nothing they must not.

#include "tests/intake/intakesessiontest.h"

#include <QSignalSpy>

using namespace civicdesk;
using namespace civicdesk::test;

class TestIntakeSession : public IntakeSessionTest
{
    Q_OBJECT

private slots:
    void init() { freshStore(); }

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

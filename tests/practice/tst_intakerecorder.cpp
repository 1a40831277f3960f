// The intake's steps recorded on the contact (contact.step_recorded) and read back in order
// with their times, for replay and practice scoring: only what changed is recorded, a
// corrected answer keeps what it was before, nothing is recorded outside a contact, a role
// that takes no calls is refused, an unknown step is refused, and a practice store marks them.

#include "models/city/cataloguerepository.h"
#include "models/domain/intakestep.h"
#include "models/intake/intakerecorder.h"
#include "models/intake/intakeservice.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QTest>

using namespace civicdesk;

class TestIntakeRecorder : public QObject
{
    Q_OBJECT

    test::TempStore m_store{test::TempStore::MiniCity};
    QDateTime m_now = QDateTime(QDate(2026, 12, 1), QTime(15, 0), Qt::UTC);

    QList<IntakeStep> stepsOf(EventStore &events, const QString &contact)
    {
        return intakeStepsFromEvents(events.eventsFor(QStringLiteral("contact"), contact));
    }

private slots:
    void initTestCase() {}

    void recordsAContactStepByStep()
    {
        EventStore events(m_store.db());
        events.setRole(AgentRole::CallTaker);
        IntakeService service(m_store.db(), events, QStringLiteral("ana"));
        service.setClock([this] { return m_now; });
        IntakeRecorder recorder(service);
        const CatalogueRepository catalogue(m_store.db());
        const auto rodents = catalogue.serviceType(QStringLiteral("RODENTACT"));
        const auto trash = catalogue.serviceType(QStringLiteral("MTRECYDBI"));
        QVERIFY(rodents && trash);

        // Outside a contact nothing is recorded.
        QVERIFY(recorder.typeChosen(*rodents).ok());
        const qint64 before = events.eventCount();
        QCOMPARE(before, events.eventCount());

        const QString contact = service.startContact(Channel::Phone).value();
        recorder.setContact(contact);
        m_now = m_now.addSecs(5);
        QVERIFY(recorder.typeChosen(*rodents).ok());
        QVERIFY(recorder.typeChosen(*rodents).ok()); // the same again: not a step
        m_now = m_now.addSecs(5);
        QVERIFY(recorder.typeChosen(*trash).ok()); // the caller changed their mind
        Answers answers{{QStringLiteral("SR-MTRECYDBI1"), {QStringLiteral("Trash")}}};
        QVERIFY(recorder.answersChanged(*trash, answers).ok());
        QVERIFY(recorder.answersChanged(*trash, answers).ok()); // unchanged: no step
        answers[QStringLiteral("SR-MTRECYDBI1")] = {QStringLiteral("Recycling")};
        m_now = m_now.addSecs(5);
        QVERIFY(recorder.answersChanged(*trash, answers).ok()); // a correction
        IntakeLocation where;
        where.address = QStringLiteral("1 City Hall Plz, 02108");
        where.latitude = 42.3601;
        where.longitude = -71.0579;
        QVERIFY(recorder.locationSet(where, false, {}).ok());
        QVERIFY(recorder.locationSet(where, false, {}).ok());
        QVERIFY(recorder.callerDetailsTaken(true, true, false).ok());
        QVERIFY(recorder.callerDetailsTaken(true, true, false).ok());
        QVERIFY(recorder.duplicatesShown({QStringLiteral("r1")}, {QStringLiteral("N-1")}).ok());
        QVERIFY(recorder
                    .duplicateDecision(QStringLiteral("create_anyway"), QStringLiteral("r1"),
                                       QStringLiteral("N-1"), QStringLiteral("another spot"))
                    .ok());
        QVERIFY(service.recordArticleOpened(contact, QStringLiteral("kb-1")).ok());
        QVERIFY(recorder
                    .requestCreated(QStringLiteral("r2"), QStringLiteral("N-2"),
                                    QStringLiteral("MTRECYDBI"), where.address)
                    .ok());
        QVERIFY(recorder.readBack(QStringLiteral("N-2"), QStringLiteral("r2")).ok());
        m_now = m_now.addSecs(60);
        QVERIFY(service.endContact(contact, Outcome::RequestCreated, {}, {}).ok());

        const QList<IntakeStep> steps = stepsOf(events, contact);
        QList<IntakeStepKind> kinds;
        for (const IntakeStep &s : steps)
            kinds.append(s.kind);
        using K = IntakeStepKind;
        const QList<K> expected = {K::Started,       K::TypeChosen,      K::TypeChosen,
                                   K::Answer,        K::Answer,          K::Location,
                                   K::CallerDetails, K::DuplicatesShown, K::DuplicateDecision,
                                   K::ArticleOpened, K::RequestCreated,  K::ReadBack,
                                   K::Outcome};
        QCOMPARE(kinds, expected);
        QCOMPARE(steps.at(2).detail.value(u"previous").toString(), QStringLiteral("RODENTACT"));
        QCOMPARE(steps.at(4).detail.value(u"values").toArray().first().toString(),
                 QStringLiteral("Recycling"));
        QCOMPARE(steps.at(4).detail.value(u"previous").toArray().first().toString(),
                 QStringLiteral("Trash"));
        QCOMPARE(steps.at(6).detail.value(u"phone").toBool(), true);
        // Only which details were taken, never the details.
        QVERIFY(!steps.at(6).detail.contains(u"number"));
        QCOMPARE(steps.at(9).detail.value(u"article_id").toString(), QStringLiteral("kb-1"));
        QCOMPARE(steps.last().detail.value(u"outcome").toString(),
                 QStringLiteral("request_created"));
        // Each step keeps its time.
        QCOMPARE(steps.first().at.secsTo(steps.at(1).at), 5);
        QCOMPARE(steps.first().at.secsTo(steps.last().at), 75);
        QCOMPARE(steps.at(4).at, steps.at(5).at);
    }

    void aRoleWithoutCallsIsRefused()
    {
        EventStore events(m_store.db());
        IntakeService service(m_store.db(), events, QStringLiteral("tess"));
        const QString contact = service.startContact(Channel::Phone).value();
        events.setRole(AgentRole::Trainer);
        const Status s = service.recordStep(contact, QStringLiteral("read_back"),
                                            {{QStringLiteral("number"), QStringLiteral("N")}});
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("forbidden"));
    }

    void unknownStepsAreRefused()
    {
        EventStore events(m_store.db());
        events.setRole(AgentRole::CallTaker);
        IntakeService service(m_store.db(), events, QStringLiteral("ana"));
        const QString contact = service.startContact(Channel::Phone).value();
        const qint64 before = events.eventCount();
        // Steps that come from the contact's own events are never recorded twice.
        for (const QString &step : {QStringLiteral("deleted"), QStringLiteral("outcome"),
                                    QStringLiteral("started"), QStringLiteral("article_opened")})
            QVERIFY2(!service.recordStep(contact, step, {}).ok(), qPrintable(step));
        QCOMPARE(events.eventCount(), before);
        QVERIFY(isIntakeStepKind(QStringLiteral("read_back")));
    }

    void aPracticeStoreMarksEveryEvent()
    {
        EventStore events(m_store.db());
        events.setRole(AgentRole::CallTaker);
        events.setPracticeMark(true);
        IntakeService service(m_store.db(), events, QStringLiteral("ana"));
        IntakeRecorder recorder(service);
        const QString contact = service.startContact(Channel::Phone).value();
        recorder.setContact(contact);
        QVERIFY(recorder.readBack(QStringLiteral("N-9"), QStringLiteral("r9")).ok());
        const QList<Event> all = events.eventsFor(QStringLiteral("contact"), contact);
        QCOMPARE(all.size(), 2);
        for (const Event &e : all)
            QVERIFY2(e.payload.value(u"practice").toBool(), qPrintable(e.kind));
    }
};

QTEST_GUILESS_MAIN(TestIntakeRecorder)
#include "tst_intakerecorder.moc"

// The intake replay against a contact recorded by the real intake (IntakeService and
// IntakeRecorder with a scripted clock): every step on the time line in order with the time it
// took, changes and corrections marked, the article's title, the request it created, the
// summary counts; an agent replays only their own contacts, an unknown contact is an error.

#include "models/city/cataloguerepository.h"
#include "models/intake/intakerecorder.h"
#include "models/intake/intakeservice.h"
#include "models/knowledge/articlerepository.h"
#include "models/quality/intakereplay.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QTest>

using namespace civicdesk;

class TestIntakeReplay : public QObject
{
    Q_OBJECT

    test::TempStore m_store{test::TempStore::MiniCity};
    QDateTime m_now = QDateTime(QDate(2026, 11, 3), QTime(14, 0), Qt::UTC);
    QString m_contact;
    QString m_requestId;
    QString m_number;
    KnowledgeArticle m_article;

    void advance(int seconds) { m_now = m_now.addSecs(seconds); }

private slots:
    void initTestCase()
    {
        const QList<KnowledgeArticle> articles = ArticleRepository(m_store.db()).list();
        QVERIFY(!articles.isEmpty());
        m_article = articles.first();

        // Ana takes a call: rodents first, then bird infestation; answers one question and
        // corrects it; sets the location twice; is shown a nearby request and creates a new
        // one anyway; opens an article; reads the number back; ends the call.
        EventStore events(m_store.db());
        events.setRole(AgentRole::CallTaker);
        IntakeService service(m_store.db(), events, QStringLiteral("ana"));
        service.setClock([this] { return m_now; });
        IntakeRecorder recorder(service);
        const CatalogueRepository catalogue(m_store.db());
        const auto rodents = catalogue.serviceType(QStringLiteral("RODENTACT"));
        const auto birds = catalogue.serviceType(QStringLiteral("BIRDINFEST"));
        QVERIFY(rodents && birds);

        m_contact = service.startContact(Channel::Phone).value();
        recorder.setContact(m_contact);
        advance(8);
        QVERIFY(recorder.typeChosen(*rodents).ok());
        advance(12);
        QVERIFY(recorder.typeChosen(*birds).ok());
        Answers answers{{QStringLiteral("SR-BIRDINFEST1"), {QStringLiteral("No")}}};
        advance(5);
        QVERIFY(recorder.answersChanged(*birds, answers).ok());
        answers[QStringLiteral("SR-BIRDINFEST1")] = {QStringLiteral("Yes")};
        advance(4);
        QVERIFY(recorder.answersChanged(*birds, answers).ok());
        IntakeLocation where;
        where.address = QStringLiteral("1 City Hall Plz, 02108");
        advance(10);
        QVERIFY(recorder.locationSet(where, false, {}).ok());
        where.address = QStringLiteral("12 S Russell St, 02114");
        where.latitude = 42.3608;
        where.longitude = -71.0659;
        advance(6);
        QVERIFY(recorder.locationSet(where, false, {}).ok());
        advance(3);
        QVERIFY(
            recorder.duplicatesShown({QStringLiteral("r-old")}, {QStringLiteral("N-OLD")}).ok());
        advance(7);
        QVERIFY(recorder
                    .duplicateDecision(QStringLiteral("create_anyway"), QStringLiteral("r-old"),
                                       QStringLiteral("N-OLD"), QStringLiteral("other building"))
                    .ok());
        advance(9);
        QVERIFY(service.recordArticleOpened(m_contact, m_article.id).ok());
        NewRequest request;
        request.type = *birds;
        request.answers = answers;
        request.location = where;
        request.description = QStringLiteral("Pigeons over the door");
        advance(20);
        const auto created = service.createRequest(request);
        QVERIFY2(created, created ? "" : qPrintable(created.error().message));
        m_requestId = created.value().id;
        m_number = created.value().number.compact();
        QVERIFY(recorder.requestCreated(m_requestId, m_number, birds->code, where.address).ok());
        advance(4);
        QVERIFY(recorder.readBack(m_number, m_requestId).ok());
        advance(16);
        QVERIFY(service.endContact(m_contact, Outcome::RequestCreated, {}, {}).ok());
    }

    void replaysEveryStepWithItsTime()
    {
        EventStore events(m_store.db());
        const IntakeReplays replays(m_store.db(), events);
        const auto result =
            replays.forContact(m_contact, AgentRole::Supervisor, QStringLiteral("sam"));
        QVERIFY2(result, result ? "" : qPrintable(result.error().message));
        const IntakeReplay &r = result.value();
        QCOMPARE(r.agent, QStringLiteral("ana"));
        QCOMPARE(r.channel, QStringLiteral("phone"));
        QCOMPARE(r.outcome, QStringLiteral("request_created"));
        QCOMPARE(r.durationMs(), qint64(104000));

        using K = IntakeStepKind;
        QList<K> kinds;
        QList<qint64> took;
        QList<bool> changes;
        for (const ReplayStep &s : r.steps) {
            kinds.append(s.kind);
            took.append(s.tookMs / 1000);
            changes.append(s.change);
        }
        const QList<K> expected = {K::Started,       K::TypeChosen,      K::TypeChosen,
                                   K::Answer,        K::Answer,          K::Location,
                                   K::Location,      K::DuplicatesShown, K::DuplicateDecision,
                                   K::ArticleOpened, K::RequestCreated,  K::ReadBack,
                                   K::Outcome};
        QCOMPARE(kinds, expected);
        QCOMPARE(took, (QList<qint64>{0, 8, 12, 5, 4, 10, 6, 3, 7, 9, 20, 4, 16}));
        QCOMPARE(changes, (QList<bool>{false, false, true, false, true, false, true, false, false,
                                       false, false, false, false}));
        QCOMPARE(r.steps.at(4).sinceStartMs, qint64(29000));
        QCOMPARE(r.steps.last().sinceStartMs, r.durationMs());
        // The type change says what it was before; the correction what the answer was.
        QCOMPARE(r.steps.at(2).detail.value(u"previous").toString(), QStringLiteral("RODENTACT"));
        QCOMPARE(r.steps.at(4).detail.value(u"previous").toArray().first().toString(),
                 QStringLiteral("No"));
        QCOMPARE(r.steps.at(9).articleTitle, m_article.title);

        QCOMPARE(r.typeChanges, 1);
        QCOMPARE(r.answerCorrections, 1);
        QCOMPARE(r.locationChanges, 1);
        QCOMPARE(r.duplicatesShown, 1);
        QCOMPARE(r.duplicateDecisions, QStringList{QStringLiteral("create_anyway")});
        QCOMPARE(r.articlesOpened, 1);
        QVERIFY(r.readBack);
        QCOMPARE(r.requests.size(), 1);
        QCOMPARE(r.requests.first().id, m_requestId);
        QCOMPARE(r.requests.first().number, m_number);
        QVERIFY(r.requests.first().created);
    }

    void agentsReplayOnlyTheirOwnContacts()
    {
        EventStore events(m_store.db());
        const IntakeReplays replays(m_store.db(), events);
        QVERIFY(replays.forContact(m_contact, AgentRole::CallTaker, QStringLiteral("ana")).ok());
        QVERIFY(replays.forContact(m_contact, AgentRole::Admin, QStringLiteral("root")).ok());
        const auto other =
            replays.forContact(m_contact, AgentRole::CallTaker, QStringLiteral("bo"));
        QVERIFY(!other.ok());
        QCOMPARE(other.error().code, QStringLiteral("forbidden"));
        const auto editor = replays.forContact(m_contact, AgentRole::Editor, QString());
        QVERIFY(!editor.ok());
        QVERIFY(!IntakeReplays::mayReplay(AgentRole::Lobby, QString(), QString()));
    }

    void anUnknownContactIsAnError()
    {
        EventStore events(m_store.db());
        const IntakeReplays replays(m_store.db(), events);
        const auto r = replays.forContact(QStringLiteral("no-such-contact"), AgentRole::Supervisor,
                                          QStringLiteral("sam"));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("replay.unknown"));
    }

    void aRunningContactEndsAtItsLastStep()
    {
        EventStore events(m_store.db());
        events.setRole(AgentRole::CallTaker);
        IntakeService service(m_store.db(), events, QStringLiteral("ana"));
        service.setClock([this] { return m_now; });
        IntakeRecorder recorder(service);
        const QString contact = service.startContact(Channel::WalkIn).value();
        recorder.setContact(contact);
        advance(42);
        QVERIFY(recorder.callerDetailsTaken(true, false, false).ok());
        const auto r = IntakeReplays(m_store.db(), events)
                           .forContact(contact, AgentRole::Supervisor, QStringLiteral("sam"));
        QVERIFY(r.ok());
        QVERIFY(!r.value().endedAt.isValid());
        QCOMPARE(r.value().outcome, QString());
        QCOMPARE(r.value().durationMs(), qint64(42000));
        QVERIFY(r.value().requests.isEmpty());
        QVERIFY(!r.value().readBack);
    }
};

QTEST_GUILESS_MAIN(TestIntakeReplay)
#include "tst_intakereplay.moc"

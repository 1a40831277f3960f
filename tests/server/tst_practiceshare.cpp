// Practice shared through the real civicdesk-server, on SQLite or PostgreSQL
// (CIVICDESK_TEST_BACKEND): a trainer writes a scenario on one workstation and a trainee's
// workstation gets it; a trainee's runs, finished on any workstation, reach the trainer's report.
// The server enforces who may (trainers and admins write scenarios; a trainee sends and reads
// only their own runs; trainers, supervisors and admins read every run), checks a scenario with
// the file loader before writing anything, and keeps practice out of live work: every live
// table, the event log included, is unchanged row for row.

#include "models/practice/practiceshare.h"
#include "models/practice/scenarios/scenariolibrary.h"
#include "models/practice/scenarios/scenarioreference.h"
#include "models/practice/trainingrecord.h"
#include "models/store/database.h"
#include "tests/support/recordingnetwork.h"
#include "tests/support/serverfixture.h"
#include "tests/support/storerows.h"

#include <QDir>
#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace civicdesk;
using test::RecordingNetwork;
using test::ServerProcess;

namespace {

// Every row of every table but the practice tables: equal for the same live content.
QString liveContent(const Database &db)
{
    return test::storeRows(db,
                           [](const QString &table) { return !table.startsWith(u"practice_"); });
}

int rowsOf(const Database &db, const QString &table)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.exec(u"SELECT count(*) FROM " + table);
    return q.next() ? q.value(0).toInt() : -1;
}

// A scenario of the fixture city: a general request at an address.
Scenario sharedScenario(const QString &id, const QString &title)
{
    Scenario s;
    s.id = id;
    s.title = title;
    s.language = QStringLiteral("en");
    s.caller.name = QStringLiteral("Pat Doe");
    s.caller.language = QStringLiteral("en");
    s.caller.phone = QStringLiteral("617-555-0100");
    s.opening = QStringLiteral("Hello, I need to report something on my street.");
    s.location = QStringLiteral("It's at 1 City Hall Square.");
    s.expected.serviceCode = QStringLiteral("BOS311GEN");
    s.expected.location = QStringLiteral("1 City Hall Sq");
    s.expected.outcome = Outcome::RequestCreated;
    s.targetSeconds = 120;
    return s;
}

PracticeRun run(const QString &trainee, const QString &scenario, int score, int minutesAgo)
{
    PracticeRun r;
    r.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.trainee = trainee;
    r.scenarioId = scenario;
    r.scenarioTitle = QStringLiteral("A shared scenario");
    r.finishedAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    r.seconds = 95;
    r.score = score;
    r.criteria = {{QStringLiteral("type"), QStringLiteral("Type"), QStringLiteral("BOS311GEN"),
                   QStringLiteral("BOS311GEN"), 30, 30}};
    return r;
}

template <typename T> Result<T> waitFor(std::function<void(std::function<void(Result<T>)>)> start)
{
    std::optional<Result<T>> answer;
    start([&answer](Result<T> r) { answer = std::move(r); });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20000))
        return makeError(QStringLiteral("timeout"), QStringLiteral("no answer in 20 s"));
    return *answer;
}

QString errorCode(const ServerProcess::Reply &r)
{
    return r.json().object().value(u"error").toObject().value(u"code").toString();
}

} // namespace

class TestPracticeShare : public QObject
{
    Q_OBJECT

    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QHash<QString, QString> m_tokens;
    std::unique_ptr<Database> m_store; // the central store, read by the test
    QString m_liveBefore;
    qint64 m_lastSeqBefore = -1;
    QTemporaryDir m_dir;

    ServerProcess &server() { return m_fixture.server(); }

    // A workstation's share, signed in as `user`, on a network that records every request.
    std::unique_ptr<PracticeShare> shareFor(const QString &user, RecordingNetwork &network)
    {
        return std::make_unique<PracticeShare>(network, QUrl(m_fixture.baseUrl()),
                                               [token = m_tokens.value(user)] { return token; });
    }

    static void onlyPracticeAsked(const RecordingNetwork &network)
    {
        QVERIFY(!network.urls.isEmpty());
        for (const QUrl &url : network.urls)
            QVERIFY2(url.path().startsWith(u"/api/v1/practice/"), qPrintable(url.toString()));
    }

    ServerProcess::Reply send(const QByteArray &method, const QString &path,
                              const QJsonObject &body, const QString &user)
    {
        return server().request(method, path, QJsonDocument(body).toJson(),
                                {{"Content-Type", "application/json"},
                                 {"Authorization", "Bearer " + m_tokens.value(user).toUtf8()}});
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QList<test::ServerUser> users = {
            {QStringLiteral("trainer1"), QStringLiteral("trainer")},
            {QStringLiteral("trainee1"), QStringLiteral("call_taker")},
            {QStringLiteral("trainee2"), QStringLiteral("lobby")},
            {QStringLiteral("super1"), QStringLiteral("supervisor")},
            {QStringLiteral("admin1"), QStringLiteral("admin")}};
        QStringList names;
        for (const test::ServerUser &u : users)
            names.append(u.name);
        QVERIFY2(m_fixture.setUp(users, test::ServerFixture::City::Mini, names),
                 qPrintable(m_fixture.error()));
        for (const QString &name : std::as_const(names))
            m_tokens.insert(name, m_fixture.token(name));
        auto store = Database::open(m_fixture.storeUrl());
        QVERIFY2(store.ok(), qPrintable(store ? QString() : store.error().message));
        m_store = std::move(store.value());
        // Every sign-in is written; from here on no live table may change.
        m_liveBefore = liveContent(*m_store);
        QVERIFY(m_liveBefore.size() > 1000);
        m_lastSeqBefore = server().lastSeq(m_tokens.value(QStringLiteral("admin1")));
    }

    // A trainer writes a scenario on one workstation; a trainee's workstation lists it (in the
    // practice list, checked by the same loader), then sees the trainer's edit, then its deletion.
    void aScenarioWrittenOnOnePcReachesAnother()
    {
        RecordingNetwork trainerNetwork;
        RecordingNetwork traineeNetwork;
        auto trainer = shareFor(QStringLiteral("trainer1"), trainerNetwork);
        auto trainee = shareFor(QStringLiteral("trainee1"), traineeNetwork);
        const QString traineeFolder = m_dir.filePath(QStringLiteral("trainee-pc/shared"));
        const QString bundled = m_dir.filePath(QStringLiteral("no-bundled"));
        QDir().mkpath(bundled);
        const ScenarioReference reference(*m_store);

        const Scenario written =
            sharedScenario(QStringLiteral("shared-general"), QStringLiteral("A question from Pat"));
        auto saved = waitFor<Ok>([&](auto done) { trainer->saveScenario(written, {}, done); });
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.error().message));
        QCOMPARE(rowsOf(*m_store, QStringLiteral("practice_scenarios")), 1);

        auto fetched =
            waitFor<int>([&](auto done) { trainee->refreshScenarios(traineeFolder, done); });
        QVERIFY2(fetched.ok(), qPrintable(fetched ? QString() : fetched.error().message));
        QCOMPARE(fetched.value(), 1);
        ScenarioSet set = ScenarioLibrary(bundled, traineeFolder).load(reference.loader());
        QVERIFY2(set.problems.isEmpty(), qPrintable(set.problems.value(0).text()));
        QCOMPARE(set.scenarios.size(), 1);
        QCOMPARE(set.scenarios.first(), written);
        QVERIFY(set.authored.contains(QStringLiteral("shared-general")));

        // The trainer edits it (a new title and id): the trainee's copy follows.
        Scenario edited = written;
        edited.id = QStringLiteral("shared-general-2");
        edited.title = QStringLiteral("A question from Pat, revised");
        saved = waitFor<Ok>([&](auto done) {
            trainer->saveScenario(edited, QStringLiteral("shared-general"), done);
        });
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.error().message));
        fetched = waitFor<int>([&](auto done) { trainee->refreshScenarios(traineeFolder, done); });
        QCOMPARE(fetched.value(), 1);
        set = ScenarioLibrary(bundled, traineeFolder).load(reference.loader());
        QCOMPARE(set.scenarios.size(), 1);
        QCOMPARE(set.scenarios.first(), edited);
        QVERIFY(!QFile::exists(traineeFolder + QStringLiteral("/shared-general.json")));

        // Deleted by the trainer: gone from the trainee's list at the next refresh.
        saved = waitFor<Ok>(
            [&](auto done) { trainer->removeScenario(QStringLiteral("shared-general-2"), done); });
        QVERIFY2(saved.ok(), qPrintable(saved ? QString() : saved.error().message));
        fetched = waitFor<int>([&](auto done) { trainee->refreshScenarios(traineeFolder, done); });
        QCOMPARE(fetched.value(), 0);
        QVERIFY(
            ScenarioLibrary(bundled, traineeFolder).load(reference.loader()).scenarios.isEmpty());
        onlyPracticeAsked(trainerNetwork);
        onlyPracticeAsked(traineeNetwork);
    }

    // The server, not the client, decides: other roles may not write or delete scenarios; a
    // scenario the loader refuses, or an id another scenario has, is refused with the field named;
    // nothing is written then.
    void theServerEnforcesWhoWritesScenarios()
    {
        RecordingNetwork network;
        auto trainer = shareFor(QStringLiteral("trainer1"), network);
        const Scenario kept = sharedScenario(QStringLiteral("kept"), QStringLiteral("Kept"));
        QVERIFY(waitFor<Ok>([&](auto done) { trainer->saveScenario(kept, {}, done); }).ok());
        const QJsonObject body{
            {QStringLiteral("scenario"),
             scenarioToJson(sharedScenario(QStringLiteral("mine"), QStringLiteral("Mine")))}};
        for (const QString &user :
             {QStringLiteral("trainee1"), QStringLiteral("trainee2"), QStringLiteral("super1")}) {
            const auto r = send("POST", QStringLiteral("/api/v1/practice/scenarios"), body, user);
            QCOMPARE(r.status, 403);
            const auto d =
                send("DELETE", QStringLiteral("/api/v1/practice/scenarios?id=kept"), {}, user);
            QCOMPARE(d.status, 403);
        }
        // A trainee's own client is refused as well, with the server's reason.
        RecordingNetwork traineeNetwork;
        auto trainee = shareFor(QStringLiteral("trainee1"), traineeNetwork);
        const auto refused = waitFor<Ok>([&](auto done) {
            trainee->saveScenario(sharedScenario(QStringLiteral("mine"), QStringLiteral("Mine")),
                                  {}, done);
        });
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("http.403"));
        QVERIFY2(refused.error().message.contains(u"trainers and admins"),
                 qPrintable(refused.error().message));

        // A type the catalogue does not have: the loader's problem, its field named.
        Scenario bad = sharedScenario(QStringLiteral("bad-type"), QStringLiteral("Bad"));
        bad.expected.serviceCode = QStringLiteral("NOSUCHTYPE");
        auto r = send("POST", QStringLiteral("/api/v1/practice/scenarios"),
                      QJsonObject{{QStringLiteral("scenario"), scenarioToJson(bad)}},
                      QStringLiteral("trainer1"));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorCode(r), QStringLiteral("validation"));
        QVERIFY2(r.json()[u"error"][u"field"].toString().startsWith(u"scenario.expected"),
                 r.body.constData());
        // Not an object, a bad id, a "replacing" that is not a string.
        r = send("POST", QStringLiteral("/api/v1/practice/scenarios"),
                 QJsonObject{{QStringLiteral("scenario"), QStringLiteral("text")}},
                 QStringLiteral("trainer1"));
        QCOMPARE(r.status, 400);
        QJsonObject badId = scenarioToJson(kept);
        badId.insert(QStringLiteral("id"), QStringLiteral("../../etc"));
        r = send("POST", QStringLiteral("/api/v1/practice/scenarios"),
                 QJsonObject{{QStringLiteral("scenario"), badId}}, QStringLiteral("admin1"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()[u"error"][u"field"].toString(), QStringLiteral("scenario.id"));
        r = send("POST", QStringLiteral("/api/v1/practice/scenarios"),
                 QJsonObject{{QStringLiteral("scenario"), scenarioToJson(kept)},
                             {QStringLiteral("replacing"), 7}},
                 QStringLiteral("trainer1"));
        QCOMPARE(r.status, 400);
        // A new scenario with the id of another: 409, the other one unchanged.
        Scenario clash = sharedScenario(QStringLiteral("kept"), QStringLiteral("Overwritten"));
        r = send("POST", QStringLiteral("/api/v1/practice/scenarios"),
                 QJsonObject{{QStringLiteral("scenario"), scenarioToJson(clash)}},
                 QStringLiteral("admin1"));
        QCOMPARE(r.status, 409);
        const auto list = server().get(QStringLiteral("/api/v1/practice/scenarios"),
                                       m_tokens.value(QStringLiteral("trainee2")));
        QCOMPARE(list.status, 200);
        const QJsonArray scenarios = list.json()[u"scenarios"].toArray();
        QCOMPARE(scenarios.size(), 1);
        QCOMPARE(scenarios.at(0)[u"scenario"][u"title"].toString(), QStringLiteral("Kept"));
        QCOMPARE(scenarios.at(0)[u"author"].toString(), QStringLiteral("trainer1"));
        // Deleting one that is not there.
        QCOMPARE(send("DELETE", QStringLiteral("/api/v1/practice/scenarios?id=nothing"), {},
                      QStringLiteral("trainer1"))
                     .status,
                 404);
        // Without a sign-in nothing is read.
        QCOMPARE(server().get(QStringLiteral("/api/v1/practice/scenarios")).status, 401);
        QVERIFY(waitFor<Ok>([&](auto done) {
                    trainer->removeScenario(QStringLiteral("kept"), done);
                }).ok());
    }

    // A trainee's runs, finished on two workstations, reach the trainer's report on a third; a
    // trainee reads their own only; supervisors read the class; nobody sends a run in
    // another's name.
    void runsReachTheTrainerFromAnyPc()
    {
        auto recordAt = [this](const QString &name) {
            auto record = TrainingRecord::open(m_dir.filePath(name));
            return std::move(record.value());
        };
        auto pcA = recordAt(QStringLiteral("pc-a.sqlite"));
        auto pcB = recordAt(QStringLiteral("pc-b.sqlite"));
        auto trainerPc = recordAt(QStringLiteral("pc-trainer.sqlite"));
        auto otherPc = recordAt(QStringLiteral("pc-other.sqlite"));
        const PracticeRun first =
            run(QStringLiteral("trainee1"), QStringLiteral("pothole-en"), 60, 30);
        const PracticeRun second =
            run(QStringLiteral("trainee1"), QStringLiteral("pothole-en"), 90, 10);
        const PracticeRun others =
            run(QStringLiteral("trainee2"), QStringLiteral("walk-in"), 85, 20);
        QVERIFY(pcA->add(first).ok());
        QVERIFY(pcB->add(second).ok());
        QVERIFY(otherPc->add(others).ok());
        QCOMPARE(pcA->unsent(QStringLiteral("trainee1")).size(), 1);

        RecordingNetwork network;
        auto trainee = shareFor(QStringLiteral("trainee1"), network);
        auto trainee2 = shareFor(QStringLiteral("trainee2"), network);
        QCOMPARE(waitFor<int>([&](auto done) {
                     trainee->sendRuns(*pcA, QStringLiteral("trainee1"), done);
                 }).value(),
                 1);
        QCOMPARE(waitFor<int>([&](auto done) {
                     trainee->sendRuns(*pcB, QStringLiteral("trainee1"), done);
                 }).value(),
                 1);
        QCOMPARE(waitFor<int>([&](auto done) {
                     trainee2->sendRuns(*otherPc, QStringLiteral("trainee2"), done);
                 }).value(),
                 1);
        QVERIFY(pcA->unsent(QStringLiteral("trainee1")).isEmpty());
        // Sent again (a lost answer): kept once.
        const auto again =
            send("POST", QStringLiteral("/api/v1/practice/runs"),
                 QJsonObject{{QStringLiteral("runs"), QJsonArray{practiceRunJson(first)}}},
                 QStringLiteral("trainee1"));
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json()[u"recorded"].toInt(), 0);
        QCOMPARE(rowsOf(*m_store, QStringLiteral("practice_runs")), 3);

        // The trainer's workstation: every run of the class, oldest first.
        auto trainerShare = shareFor(QStringLiteral("trainer1"), network);
        QCOMPARE(
            waitFor<int>([&](auto done) { trainerShare->fetchRuns(*trainerPc, done); }).value(), 3);
        const QList<PracticeRun> all = trainerPc->runs();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.at(0).id, first.id);
        QCOMPARE(all.at(2).id, second.id);
        QCOMPARE(all.at(2).score, 90);
        QCOMPARE(all.at(2).criteria.size(), 1);
        QCOMPARE(all.at(2).criteria.first().points, 30.0);
        QVERIFY(trainerPc->unsent(QStringLiteral("trainee1")).isEmpty()); // fetched, not to send

        // A trainee reads their own runs only; asking for another's is refused.
        QCOMPARE(waitFor<int>([&](auto done) { trainee2->fetchRuns(*otherPc, done); }).value(), 1);
        QCOMPARE(otherPc->trainees(), QStringList{QStringLiteral("trainee2")});
        QCOMPARE(server()
                     .get(QStringLiteral("/api/v1/practice/runs?trainee=trainee1"),
                          m_tokens.value(QStringLiteral("trainee2")))
                     .status,
                 403);
        // Supervisors and admins read the class (or one trainee).
        const auto classRuns = server().get(QStringLiteral("/api/v1/practice/runs"),
                                            m_tokens.value(QStringLiteral("super1")));
        QCOMPARE(classRuns.json()[u"runs"].toArray().size(), 3);
        const auto oneTrainee =
            server().get(QStringLiteral("/api/v1/practice/runs?trainee=trainee1"),
                         m_tokens.value(QStringLiteral("admin1")));
        QCOMPARE(oneTrainee.json()[u"runs"].toArray().size(), 2);

        // In another's name, or damaged: refused, nothing written.
        PracticeRun forged = run(QStringLiteral("trainee2"), QStringLiteral("pothole-en"), 100, 5);
        auto r = send("POST", QStringLiteral("/api/v1/practice/runs"),
                      QJsonObject{{QStringLiteral("runs"), QJsonArray{practiceRunJson(forged)}}},
                      QStringLiteral("trainee1"));
        QCOMPARE(r.status, 403);
        QJsonObject damaged =
            practiceRunJson(run(QStringLiteral("trainee1"), QStringLiteral("x"), 50, 1));
        damaged.insert(QStringLiteral("score"), 140);
        r = send("POST", QStringLiteral("/api/v1/practice/runs"),
                 QJsonObject{{QStringLiteral("runs"), QJsonArray{damaged}}},
                 QStringLiteral("trainee1"));
        QCOMPARE(r.status, 400);
        damaged.insert(QStringLiteral("score"), QStringLiteral("ninety"));
        r = send("POST", QStringLiteral("/api/v1/practice/runs"),
                 QJsonObject{{QStringLiteral("runs"), QJsonArray{damaged}}},
                 QStringLiteral("trainee1"));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json()[u"error"][u"field"].toString(), QStringLiteral("runs[0].score"));
        r = send("POST", QStringLiteral("/api/v1/practice/runs"),
                 QJsonObject{{QStringLiteral("runs"), QJsonArray{}}}, QStringLiteral("trainee1"));
        QCOMPARE(r.status, 400);
        QCOMPARE(rowsOf(*m_store, QStringLiteral("practice_runs")), 3);
        // Weeks of practice kept offline: more runs than one request carries, all sent.
        auto offline = recordAt(QStringLiteral("pc-offline.sqlite"));
        for (int i = 0; i < 25; ++i)
            QVERIFY(
                offline
                    ->add(run(QStringLiteral("trainee2"), QStringLiteral("walk-in"), 70, 100 + i))
                    .ok());
        const auto backlog = waitFor<int>(
            [&](auto done) { trainee2->sendRuns(*offline, QStringLiteral("trainee2"), done); });
        QVERIFY2(backlog.ok(), qPrintable(backlog ? QString() : backlog.error().message));
        QCOMPARE(backlog.value(), 25);
        QVERIFY(offline->unsent(QStringLiteral("trainee2")).isEmpty());
        QCOMPARE(rowsOf(*m_store, QStringLiteral("practice_runs")), 28);
        onlyPracticeAsked(network);
    }

    // Practice never mixes with live work: every live table (events, requests, contacts,
    // callers, sessions...) is as it was, and a pull carries no new event.
    void liveWorkIsUntouched()
    {
        QCOMPARE(liveContent(*m_store), m_liveBefore);
        QCOMPARE(server().lastSeq(m_tokens.value(QStringLiteral("admin1"))), m_lastSeqBefore);
    }
};

QTEST_GUILESS_MAIN(TestPracticeShare)
#include "tst_practiceshare.moc"

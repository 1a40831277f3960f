// The training record and the trainee report: runs kept in their own file across restarts,
// bad runs refused with nothing written, a record from a newer CivicDesk refused; a trainee's
// progress per scenario and per criterion and the scenarios not yet passed, against hand-counted
// runs; the class report; the CSV parsed back.

#include "models/practice/traineereport.h"
#include "models/practice/trainingrecord.h"
#include "tests/support/teststore.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

Q_DECLARE_METATYPE(AgentRole)

namespace {

Scenario scenario(const char *id, const char *title)
{
    Scenario s;
    s.id = QString::fromLatin1(id);
    s.title = QString::fromLatin1(title);
    return s;
}

ScoreCriterion criterion(const char *id, double points, double max)
{
    ScoreCriterion c;
    c.id = QString::fromLatin1(id);
    c.title = QString::fromLatin1(id).toUpper();
    c.points = points;
    c.maxPoints = max;
    return c;
}

PracticeRun run(const char *trainee, const char *scenarioId, int score, int minute,
                QList<ScoreCriterion> criteria, QStringList critical = {})
{
    PracticeRun r;
    r.id = QStringLiteral("%1-%2-%3")
               .arg(QLatin1String(trainee), QLatin1String(scenarioId))
               .arg(minute);
    r.trainee = QString::fromLatin1(trainee);
    r.scenarioId = QString::fromLatin1(scenarioId);
    r.scenarioTitle = r.scenarioId.toUpper();
    r.finishedAt = QDateTime(QDate(2026, 11, 30), QTime(14, 0), Qt::UTC).addSecs(minute * 60);
    r.seconds = 100 + minute;
    r.score = score;
    r.critical = critical;
    r.criteria = criteria;
    return r;
}

// Dana: pothole failed then passed; emergency failed critically; trash never tried.
QList<PracticeRun> danaAndLee()
{
    return {run("dana", "pothole", 60, 1,
                {criterion("type", 20, 20), criterion("location", 0, 15),
                 criterion("answer:SIZE", 10, 10), criterion("answer:DEPTH", 0, 10)}),
            run("dana", "pothole", 90, 5,
                {criterion("type", 20, 20), criterion("location", 15, 15),
                 criterion("answer:SIZE", 10, 10), criterion("answer:DEPTH", 10, 10)}),
            run("dana", "emergency", 85, 3, {criterion("type", 20, 20)},
                {QStringLiteral("emergency_not_transferred")}),
            run("lee, jr.", "trash", 100, 2, {criterion("type", 20, 20)})};
}

const QList<Scenario> bundle = {scenario("pothole", "Pothole"), scenario("trash", "Missed trash"),
                                scenario("emergency", "Gas smell")};

// A small RFC 4180 reader for checking the export.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    const QString text = QString::fromUtf8(bytes);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(field);
            field.clear();
        } else if (c == u'\r') {
        } else if (c == u'\n') {
            row.append(field);
            field.clear();
            rows.append(row);
            row.clear();
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestTraineeReport : public QObject
{
    Q_OBJECT

private slots:
    void theRecordKeepsRunsAcrossRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("training-record.sqlite"));
        {
            auto record = TrainingRecord::open(path);
            QVERIFY2(record.ok(), qPrintable(record.ok() ? QString() : record.error().message));
            for (const PracticeRun &r : danaAndLee())
                QVERIFY(record.value()->add(r).ok());
            QVERIFY(record.value()->add(danaAndLee().first()).ok()); // the same run again
        }
        auto record = TrainingRecord::open(path);
        QVERIFY(record.ok());
        QCOMPARE(record.value()->trainees(),
                 (QStringList{QStringLiteral("dana"), QStringLiteral("lee, jr.")}));
        const QList<PracticeRun> dana = record.value()->runs(QStringLiteral("dana"));
        QCOMPARE(dana.size(), 3);
        QCOMPARE(dana.at(1).scenarioId, QStringLiteral("emergency")); // by time
        QCOMPARE(dana.at(1).critical, QStringList{QStringLiteral("emergency_not_transferred")});
        QCOMPARE(dana.at(2).criteria.size(), 4);
        QCOMPARE(dana.at(2).criteria.at(3).id, QStringLiteral("answer:DEPTH"));
        QCOMPARE(dana.at(2).criteria.at(3).points, 10.0);
        QCOMPARE(dana.at(2).finishedAt, danaAndLee().at(1).finishedAt);
        QCOMPARE(record.value()->runs().size(), 4);
    }

    void badRunsAreRefusedAndNothingIsWritten()
    {
        QTemporaryDir dir;
        auto record = TrainingRecord::open(dir.filePath(QStringLiteral("r.sqlite")));
        QVERIFY(record.ok());
        PracticeRun noTrainee = danaAndLee().first();
        noTrainee.trainee = QStringLiteral("  ");
        QVERIFY(!record.value()->add(noTrainee).ok());
        PracticeRun badScore = danaAndLee().first();
        badScore.score = 130;
        const Status refused = record.value()->add(badScore);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"0 to 100"),
                 qPrintable(refused.error().message));
        QVERIFY(record.value()->runs().isEmpty());
    }

    // Runs wait to be shared with the central store; a version 1 record (before sharing) is
    // upgraded with every run waiting; runs fetched from the central store are not sent back.
    void runsWaitUntilTheCentralStoreHasThem()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        // A record as version 1 wrote it: the runs table only.
        const QString written = test::writeSqliteFile(
            path,
            {QStringLiteral(
                 "CREATE TABLE practice_runs(id TEXT PRIMARY KEY, trainee TEXT NOT NULL, "
                 "scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL, language TEXT NOT NULL, "
                 "finished_at INTEGER NOT NULL, seconds INTEGER NOT NULL, score INTEGER NOT NULL "
                 "CHECK(score BETWEEN 0 AND 100), pass_mark INTEGER NOT NULL, critical TEXT NOT "
                 "NULL, criteria TEXT NOT NULL)"),
             QStringLiteral(
                 "INSERT INTO practice_runs VALUES('old-1', 'dana', 'pothole', 'Pothole', 'en', "
                 "1700000000000, 100, 70, 80, '', '[]')"),
             QStringLiteral("PRAGMA user_version = 1")});
        QVERIFY2(written.isEmpty(), qPrintable(written));
        auto record = TrainingRecord::open(path);
        QVERIFY2(record.ok(), qPrintable(record.ok() ? QString() : record.error().message));
        TrainingRecord &r = *record.value();
        QCOMPARE(r.unsent(QStringLiteral("dana")).size(), 1);
        QCOMPARE(r.unsent(QStringLiteral("dana")).first().id, QStringLiteral("old-1"));

        const QList<PracticeRun> runs = danaAndLee();
        for (const PracticeRun &run : runs)
            QVERIFY(r.add(run).ok());
        QCOMPARE(r.unsent(QStringLiteral("dana")).size(), 4);
        QCOMPARE(r.unsent(QStringLiteral("lee, jr.")).size(), 1);
        QVERIFY(r.markShared({QStringLiteral("old-1"), runs.first().id}).ok());
        QCOMPARE(r.unsent(QStringLiteral("dana")).size(), 2);
        QVERIFY(r.add(runs.first()).ok()); // added again: shared already, it stays so
        QCOMPARE(r.unsent(QStringLiteral("dana")).size(), 2);

        // From the central store: kept, never waiting; a run known already is left as it is.
        PracticeRun elsewhere = runs.first();
        elsewhere.id = QStringLiteral("from-another-pc");
        PracticeRun known = runs.at(1);
        known.score = 0;
        QVERIFY(r.merge({elsewhere, known}).ok());
        QCOMPARE(r.runs(QStringLiteral("dana")).size(), 5);
        QCOMPARE(r.unsent(QStringLiteral("dana")).size(), 2);
        for (const PracticeRun &run : r.runs()) {
            if (run.id == known.id)
                QCOMPARE(run.score, runs.at(1).score);
        }
        // A bad run from the central store: nothing of the batch is kept.
        PracticeRun bad = elsewhere;
        bad.id = QStringLiteral("bad");
        bad.score = 101;
        PracticeRun good = elsewhere;
        good.id = QStringLiteral("good");
        QVERIFY(!r.merge({good, bad}).ok());
        QCOMPARE(r.runs().size(), 6);
        QCOMPARE(TrainingRecord::SchemaVersion, 2);
    }

    // The wire form of a run reads back equal; a damaged one names its field.
    void aRunTravelsAsJson()
    {
        const PracticeRun run = danaAndLee().at(2);
        auto back = practiceRunFromJson(practiceRunJson(run));
        QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().message));
        QCOMPARE(back.value().id, run.id);
        QCOMPARE(back.value().trainee, run.trainee);
        QCOMPARE(back.value().finishedAt, run.finishedAt);
        QCOMPARE(back.value().critical, run.critical);
        QCOMPARE(back.value().criteria.size(), run.criteria.size());
        QCOMPARE(back.value().criteria.last().points, run.criteria.last().points);
        QCOMPARE(back.value().score, run.score);
        QJsonObject damaged = practiceRunJson(run);
        damaged.insert(QStringLiteral("seconds"), 1.5);
        QCOMPARE(practiceRunFromJson(damaged).error().code, QStringLiteral("validation:seconds"));
        damaged = practiceRunJson(run);
        damaged.insert(QStringLiteral("finished_at"), QStringLiteral("yesterday"));
        QCOMPARE(practiceRunFromJson(damaged).error().code,
                 QStringLiteral("validation:finished_at"));
        damaged = practiceRunJson(run);
        damaged.insert(QStringLiteral("criteria"), QJsonArray{QStringLiteral("type")});
        QCOMPARE(practiceRunFromJson(damaged).error().code, QStringLiteral("validation:criteria"));
        damaged = practiceRunJson(run);
        damaged.insert(QStringLiteral("score"), 101);
        QVERIFY(!practiceRunFromJson(damaged).ok());
    }

    // Numbers beyond what the record holds are refused naming the field, never converted: a
    // score of 1e10 passed as a whole number and was read as 0 before.
    void aHugeOrFractionalNumberIsRefusedNamingTheField_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<double>("number");
        QTest::newRow("score 1e10") << QStringLiteral("score") << 1e10;
        QTest::newRow("score 2^32") << QStringLiteral("score") << 4294967296.0;
        QTest::newRow("pass mark 1e10") << QStringLiteral("pass_mark") << 1e10;
        QTest::newRow("pass mark 80.5") << QStringLiteral("pass_mark") << 80.5;
        QTest::newRow("seconds 1e56") << QStringLiteral("seconds") << 1e56;
        QTest::newRow("seconds 2^63") << QStringLiteral("seconds") << 9223372036854775808.0;
        QTest::newRow("seconds -1") << QStringLiteral("seconds") << -1.0;
    }
    void aHugeOrFractionalNumberIsRefusedNamingTheField()
    {
        QFETCH(QString, field);
        QFETCH(double, number);
        QJsonObject damaged = practiceRunJson(danaAndLee().at(2));
        damaged.insert(field, number);
        const auto read = practiceRunFromJson(damaged);
        QVERIFY2(!read.ok(), read.ok() ? qPrintable(QString::number(read.value().score)) : "");
        QCOMPARE(read.error().code, QString(QStringLiteral("validation:") + field));
    }

    void aRecordFromANewerVersionIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("r.sqlite"));
        const QString written =
            test::writeSqliteFile(path, {QStringLiteral("PRAGMA user_version = 9")});
        QVERIFY2(written.isEmpty(), qPrintable(written));
        auto record = TrainingRecord::open(path);
        QVERIFY(!record.ok());
        QVERIFY2(record.error().message.contains(u"newer CivicDesk"),
                 qPrintable(record.error().message));
    }

    void aTraineesProgress()
    {
        const TraineeReport report = traineeReport(QStringLiteral("dana"), danaAndLee(), bundle);
        QCOMPARE(report.runs.size(), 3);
        QCOMPARE(report.averageScore(), 78); // (60 + 85 + 90) / 3 = 78.3
        QCOMPARE(report.scenarios.size(), 3);
        QCOMPARE(report.scenarios.at(0).scores, (QList<int>{60, 90}));
        QVERIFY(report.scenarios.at(0).passed);
        QCOMPARE(report.scenarios.at(0).best(), 90);
        QVERIFY(report.scenarios.at(1).scores.isEmpty());
        QVERIFY(!report.scenarios.at(2).passed); // 85 but a critical failure
        QVERIFY(report.scenarios.at(2).criticalFailure);
        QVERIFY(!report.scenarios.at(0).criticalFailure);
        QCOMPARE(report.passedScenarios(), 1);
        QCOMPARE(report.notYetPassed,
                 (QStringList{QStringLiteral("Missed trash"), QStringLiteral("Gas smell")}));
        // type applied 3 times, met 3; location 1 of 2; the answers (per question) 3 of 4.
        QCOMPARE(report.criteria.size(), 3);
        QCOMPARE(report.criteria.at(0).id, QStringLiteral("type"));
        QCOMPARE(report.criteria.at(0).applied, 3);
        QCOMPARE(report.criteria.at(0).met, 3);
        QCOMPARE(report.criteria.at(1).id, QStringLiteral("location"));
        QCOMPARE(report.criteria.at(1).met, 1);
        QCOMPARE(report.criteria.at(1).applied, 2);
        QCOMPARE(report.criteria.at(2).id, QStringLiteral("answers"));
        QCOMPARE(report.criteria.at(2).applied, 4);
        QCOMPARE(report.criteria.at(2).met, 3);
        QCOMPARE(report.criteria.at(2).recentApplied, 4);
    }

    void theLastFiveRunsShowProgress()
    {
        QList<PracticeRun> runs;
        for (int i = 0; i < 8; ++i) // missed the location the first three times, then met it
            runs.append(run("kim", "pothole", i < 3 ? 70 : 95, i,
                            {criterion("location", i < 3 ? 0 : 15, 15)}));
        const TraineeReport report = traineeReport(QStringLiteral("kim"), runs, bundle);
        QCOMPARE(report.criteria.at(0).applied, 8);
        QCOMPARE(report.criteria.at(0).met, 5);
        QCOMPARE(report.criteria.at(0).recentApplied, 5);
        QCOMPARE(report.criteria.at(0).recentMet, 5);
    }

    void theClassReport()
    {
        const QList<ClassRow> rows = classReport(danaAndLee(), bundle);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).trainee, QStringLiteral("dana"));
        QCOMPARE(rows.at(0).runs, 3);
        QCOMPARE(rows.at(0).passedScenarios, 1);
        QCOMPARE(rows.at(0).scenarioCount, 3);
        QCOMPARE(rows.at(0).lastRun, danaAndLee().at(1).finishedAt);
        QCOMPARE(rows.at(1).trainee, QStringLiteral("lee, jr."));
        QCOMPARE(rows.at(1).passedScenarios, 1);
        QCOMPARE(rows.at(1).averageScore, 100);
    }

    // Trainers, supervisors and admins read every trainee's calls (the class report); a call
    // taker or a lobby agent reads their own only, and an agent with no name reads nothing.
    void eachRoleReadsWhatItMay_data()
    {
        QTest::addColumn<QString>("agent");
        QTest::addColumn<AgentRole>("role");
        QTest::addColumn<QStringList>("trainees");
        QTest::addColumn<int>("runs");
        const QStringList both{QStringLiteral("dana"), QStringLiteral("lee, jr.")};
        QTest::newRow("trainer") << QStringLiteral("tina") << AgentRole::Trainer << both << 4;
        QTest::newRow("supervisor") << QStringLiteral("sam") << AgentRole::Supervisor << both << 4;
        QTest::newRow("admin") << QStringLiteral("root") << AgentRole::Admin << both << 4;
        QTest::newRow("call taker") << QStringLiteral("dana") << AgentRole::CallTaker
                                    << QStringList{QStringLiteral("dana")} << 3;
        QTest::newRow("lobby") << QStringLiteral("lee, jr.") << AgentRole::Lobby
                               << QStringList{QStringLiteral("lee, jr.")} << 1;
        QTest::newRow("no runs yet")
            << QStringLiteral("newbie") << AgentRole::CallTaker << QStringList() << 0;
        QTest::newRow("no name") << QString() << AgentRole::CallTaker << QStringList() << 0;
    }

    void eachRoleReadsWhatItMay()
    {
        QFETCH(QString, agent);
        QFETCH(AgentRole, role);
        QFETCH(QStringList, trainees);
        QFETCH(int, runs);
        QTemporaryDir dir;
        auto record = TrainingRecord::open(dir.filePath(QStringLiteral("training-record.sqlite")));
        QVERIFY(record.ok());
        for (const PracticeRun &r : danaAndLee())
            QVERIFY(record.value()->add(r).ok());
        QCOMPARE(readableTrainees(*record.value(), agent, role), trainees);
        const QList<PracticeRun> readable = readableRuns(*record.value(), agent, role);
        QCOMPARE(readable.size(), runs);
        for (const PracticeRun &r : readable)
            QVERIFY(trainees.contains(r.trainee));
        // The class report is built from what may be read: a trainee's has one row, their own.
        QCOMPARE(classReport(readable, bundle).size(), trainees.size());
    }

    void theCsvParsesBack()
    {
        const QList<QStringList> rows =
            parseCsv(practiceRunsCsv(danaAndLee(), QTimeZone("America/New_York")));
        QCOMPARE(rows.size(), 5);
        const QStringList header = rows.at(0);
        QCOMPARE(header.mid(0, 10),
                 (QStringList{QStringLiteral("trainee"), QStringLiteral("finished_at"),
                              QStringLiteral("scenario_id"), QStringLiteral("scenario_title"),
                              QStringLiteral("language"), QStringLiteral("score"),
                              QStringLiteral("pass_mark"), QStringLiteral("passed"),
                              QStringLiteral("seconds"), QStringLiteral("critical_failures")}));
        QCOMPARE(header.mid(10),
                 (QStringList{QStringLiteral("type"), QStringLiteral("location"),
                              QStringLiteral("answer:SIZE"), QStringLiteral("answer:DEPTH")}));
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), header.size());
        QCOMPARE(rows.at(1).at(1), QStringLiteral("2026-11-30T09:01:00-05:00")); // city time
        QCOMPARE(rows.at(1).at(7), QStringLiteral("no"));
        QCOMPARE(rows.at(1).at(11), QStringLiteral("0/15"));
        QCOMPARE(rows.at(3).at(9), QStringLiteral("emergency_not_transferred"));
        QCOMPARE(rows.at(3).at(11), QString());                 // location did not apply
        QCOMPARE(rows.at(4).at(0), QStringLiteral("lee, jr.")); // quoted, read back whole
        QCOMPARE(rows.at(4).at(7), QStringLiteral("yes"));
    }
};

QTEST_GUILESS_MAIN(TestTraineeReport)
#include "tst_traineereport.moc"

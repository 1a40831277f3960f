#include "models/practice/trainingrecord.h"

#include "models/store/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace civicdesk {

namespace {

class RecordText
{
    Q_DECLARE_TR_FUNCTIONS(TrainingRecord)
};

Error recordError(const QString &path, const QString &problem)
{
    return makeError(QStringLiteral("training.record"),
                     RecordText::tr("Training record %1: %2").arg(path, problem));
}

QByteArray criteriaJson(const QList<ScoreCriterion> &criteria)
{
    QJsonArray list;
    for (const ScoreCriterion &c : criteria)
        list.append(QJsonObject{{QStringLiteral("id"), c.id},
                                {QStringLiteral("title"), c.title},
                                {QStringLiteral("expected"), c.expected},
                                {QStringLiteral("done"), c.done},
                                {QStringLiteral("points"), c.points},
                                {QStringLiteral("max"), c.maxPoints}});
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

QList<ScoreCriterion> criteriaFrom(const QByteArray &json)
{
    QList<ScoreCriterion> criteria;
    const QJsonArray list = QJsonDocument::fromJson(json).array();
    for (const QJsonValue &v : list) {
        const QJsonObject o = v.toObject();
        ScoreCriterion c;
        c.id = o.value(u"id").toString();
        c.title = o.value(u"title").toString();
        c.expected = o.value(u"expected").toString();
        c.done = o.value(u"done").toString();
        c.points = o.value(u"points").toDouble();
        c.maxPoints = o.value(u"max").toDouble();
        criteria.append(c);
    }
    return criteria;
}

} // namespace

PracticeRun practiceRun(const QString &trainee, const Scenario &scenario,
                        const PracticeResult &result, const QDateTime &finishedAt)
{
    PracticeRun run;
    run.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    run.trainee = trainee;
    run.scenarioId = scenario.id;
    run.scenarioTitle = scenario.title;
    run.language = scenario.language;
    run.finishedAt = finishedAt;
    run.seconds = result.seconds;
    run.score = result.score;
    run.passMark = result.passMark;
    for (const CriticalFailure &f : result.critical)
        run.critical.append(f.id);
    run.criteria = result.criteria;
    return run;
}

TrainingRecord::TrainingRecord(QString path, QString connection)
    : m_path(std::move(path)), m_connection(std::move(connection))
{
}

TrainingRecord::~TrainingRecord()
{
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

Result<std::unique_ptr<TrainingRecord>> TrainingRecord::open(const QString &path)
{
    const QString connection =
        u"training-record-" + QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<TrainingRecord> record(new TrainingRecord(path, connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(path);
    if (!db.open())
        return recordError(path, db.lastError().text());
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return recordError(path, q.lastError().text());
    const int version = q.value(0).toInt();
    if (version > SchemaVersion)
        return recordError(path, RecordText::tr("it was written by a newer CivicDesk (record "
                                                "version %1; this one reads %2): update "
                                                "CivicDesk on this workstation")
                                     .arg(version)
                                     .arg(SchemaVersion));
    if (version < SchemaVersion) {
        const bool made =
            q.exec(QStringLiteral(
                "CREATE TABLE IF NOT EXISTS practice_runs(id TEXT PRIMARY KEY, trainee TEXT NOT "
                "NULL, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL, language TEXT "
                "NOT NULL, finished_at INTEGER NOT NULL, seconds INTEGER NOT NULL, score "
                "INTEGER NOT NULL CHECK(score BETWEEN 0 AND 100), pass_mark INTEGER NOT NULL, "
                "critical TEXT NOT NULL, criteria TEXT NOT NULL)")) &&
            q.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS practice_runs_by_trainee ON "
                                  "practice_runs(trainee, finished_at)")) &&
            q.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion));
        if (!made)
            return recordError(path, q.lastError().text());
    }
    return record;
}

Status TrainingRecord::add(const PracticeRun &run)
{
    if (run.id.isEmpty() || run.trainee.trimmed().isEmpty() || run.scenarioId.isEmpty() ||
        !run.finishedAt.isValid())
        return recordError(m_path, RecordText::tr("a practice run needs an id, a trainee, a "
                                                  "scenario and the time it ended"));
    if (run.score < 0 || run.score > 100 || run.passMark < 0 || run.passMark > 100 ||
        run.seconds < 0)
        return recordError(m_path, RecordText::tr("a practice run's score and pass mark are 0 "
                                                  "to 100, its time 0 seconds or more"));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT INTO practice_runs(id, trainee, scenario_id, "
                             "scenario_title, language, finished_at, seconds, score, pass_mark, "
                             "critical, criteria) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
                             "CONFLICT(id) DO NOTHING"));
    for (const QVariant &v :
         {QVariant(run.id), QVariant(run.trainee.trimmed()), QVariant(run.scenarioId),
          QVariant(sql::text(run.scenarioTitle)), QVariant(sql::text(run.language)),
          QVariant(run.finishedAt.toMSecsSinceEpoch()), QVariant(run.seconds), QVariant(run.score),
          QVariant(run.passMark), QVariant(sql::text(run.critical.join(u' '))),
          QVariant(criteriaJson(run.criteria))})
        q.addBindValue(v);
    if (!q.exec())
        return recordError(m_path, q.lastError().text());
    return Ok{};
}

QList<PracticeRun> TrainingRecord::runs(const QString &trainee) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, trainee, scenario_id, scenario_title, language, "
                             "finished_at, seconds, score, pass_mark, critical, criteria FROM "
                             "practice_runs WHERE ? = '' OR trainee = ? ORDER BY finished_at, "
                             "id"));
    q.addBindValue(sql::text(trainee)); // '' for everyone's, never NULL
    q.addBindValue(sql::text(trainee));
    QList<PracticeRun> runs;
    if (!q.exec())
        return runs;
    while (q.next()) {
        PracticeRun run;
        run.id = q.value(0).toString();
        run.trainee = q.value(1).toString();
        run.scenarioId = q.value(2).toString();
        run.scenarioTitle = q.value(3).toString();
        run.language = q.value(4).toString();
        run.finishedAt = QDateTime::fromMSecsSinceEpoch(q.value(5).toLongLong(), Qt::UTC);
        run.seconds = q.value(6).toLongLong();
        run.score = q.value(7).toInt();
        run.passMark = q.value(8).toInt();
        run.critical = q.value(9).toString().split(u' ', Qt::SkipEmptyParts);
        run.criteria = criteriaFrom(q.value(10).toByteArray());
        runs.append(run);
    }
    return runs;
}

QStringList TrainingRecord::trainees() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QStringList names;
    if (!q.exec(QStringLiteral("SELECT DISTINCT trainee FROM practice_runs ORDER BY trainee")))
        return names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

} // namespace civicdesk

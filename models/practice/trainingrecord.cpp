#include "models/practice/trainingrecord.h"

#include "models/domain/text/jsonnumber.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
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
        // One transaction: the record is at the new version or as it was.
        bool made = db.transaction();
        if (made && version < 1)
            made = q.exec(QStringLiteral(
                       "CREATE TABLE IF NOT EXISTS practice_runs(id TEXT PRIMARY KEY, trainee "
                       "TEXT NOT NULL, scenario_id TEXT NOT NULL, scenario_title TEXT NOT NULL, "
                       "language TEXT NOT NULL, finished_at INTEGER NOT NULL, seconds INTEGER "
                       "NOT NULL, score INTEGER NOT NULL CHECK(score BETWEEN 0 AND 100), "
                       "pass_mark INTEGER NOT NULL, critical TEXT NOT NULL, criteria TEXT NOT "
                       "NULL)")) &&
                   q.exec(QStringLiteral("CREATE INDEX IF NOT EXISTS practice_runs_by_trainee ON "
                                         "practice_runs(trainee, finished_at)"));
        // Version 2: runs wait in practice_unsent until the central store has them; the runs
        // of a version 1 record were never shared, so they all wait.
        if (made)
            made = q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS practice_unsent(id TEXT "
                                         "PRIMARY KEY REFERENCES practice_runs(id))")) &&
                   q.exec(QStringLiteral("INSERT OR IGNORE INTO practice_unsent(id) SELECT id "
                                         "FROM practice_runs")) &&
                   q.exec(QStringLiteral("PRAGMA user_version = %1").arg(SchemaVersion)) &&
                   db.commit();
        if (!made) {
            const QString why =
                q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
            db.rollback();
            return recordError(path, why);
        }
    }
    return record;
}

Status checkPracticeRun(const PracticeRun &run)
{
    if (run.id.isEmpty() || run.trainee.trimmed().isEmpty() || run.scenarioId.isEmpty() ||
        !run.finishedAt.isValid())
        return makeError(QStringLiteral("validation"),
                         RecordText::tr("a practice run needs an id, a trainee, a scenario and the "
                                        "time it ended"));
    if (run.score < 0 || run.score > 100 || run.passMark < 0 || run.passMark > 100 ||
        run.seconds < 0)
        return makeError(QStringLiteral("validation"),
                         RecordText::tr("a practice run's score and pass mark are 0 to 100, its "
                                        "time 0 seconds or more"));
    return Ok{};
}

QJsonObject practiceRunJson(const PracticeRun &run)
{
    return QJsonObject{
        {QStringLiteral("id"), run.id},
        {QStringLiteral("trainee"), run.trainee},
        {QStringLiteral("scenario_id"), run.scenarioId},
        {QStringLiteral("scenario_title"), run.scenarioTitle},
        {QStringLiteral("language"), run.language},
        {QStringLiteral("finished_at"), run.finishedAt.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("seconds"), double(run.seconds)},
        {QStringLiteral("score"), run.score},
        {QStringLiteral("pass_mark"), run.passMark},
        {QStringLiteral("critical"), QJsonArray::fromStringList(run.critical)},
        {QStringLiteral("criteria"), QJsonDocument::fromJson(criteriaJson(run.criteria)).array()}};
}

Result<PracticeRun> practiceRunFromJson(const QJsonObject &json)
{
    const auto bad = [](const QString &field, const QString &what) {
        // The code names the field: "validation:score".
        return makeError(QStringLiteral("validation:") + field,
                         RecordText::tr("\"%1\" must be %2.").arg(field, what));
    };
    for (const char *name :
         {"id", "trainee", "scenario_id", "scenario_title", "language", "finished_at"}) {
        if (!json.value(QLatin1String(name)).isString())
            return bad(QLatin1String(name), RecordText::tr("a string"));
    }
    // Read through the checked reader: a huge or fractional number is refused naming the field,
    // never converted (a double beyond qint64 has no integer).
    const auto seconds = jsonWholeNumber(json.value(u"seconds"), 0);
    if (!seconds)
        return bad(QStringLiteral("seconds"), RecordText::tr("a whole number"));
    const auto score = jsonWholeNumber(json.value(u"score"), 0, 100);
    if (!score)
        return bad(QStringLiteral("score"), RecordText::tr("a whole number from 0 to 100"));
    const auto passMark = jsonWholeNumber(json.value(u"pass_mark"), 0, 100);
    if (!passMark)
        return bad(QStringLiteral("pass_mark"), RecordText::tr("a whole number from 0 to 100"));
    if (!json.value(u"critical").isArray())
        return bad(QStringLiteral("critical"), RecordText::tr("a list of failure ids"));
    if (!json.value(u"criteria").isArray())
        return bad(QStringLiteral("criteria"), RecordText::tr("a list of criteria"));
    PracticeRun run;
    run.id = json.value(u"id").toString();
    run.trainee = json.value(u"trainee").toString();
    run.scenarioId = json.value(u"scenario_id").toString();
    run.scenarioTitle = json.value(u"scenario_title").toString();
    run.language = json.value(u"language").toString();
    run.finishedAt =
        QDateTime::fromString(json.value(u"finished_at").toString(), Qt::ISODateWithMs);
    if (!run.finishedAt.isValid())
        return bad(QStringLiteral("finished_at"), RecordText::tr("a time in ISO 8601"));
    run.seconds = *seconds;
    run.score = int(*score);
    run.passMark = int(*passMark);
    for (const QJsonValue &v : json.value(u"critical").toArray()) {
        if (!v.isString())
            return bad(QStringLiteral("critical"), RecordText::tr("a list of failure ids"));
        run.critical.append(v.toString());
    }
    for (const QJsonValue &v : json.value(u"criteria").toArray()) {
        const QJsonObject c = v.toObject();
        if (!v.isObject() || !c.value(u"id").isString() || !c.value(u"points").isDouble() ||
            !c.value(u"max").isDouble())
            return bad(QStringLiteral("criteria"),
                       RecordText::tr("a list of {id, title, expected, done, points, max}"));
    }
    run.criteria = criteriaFrom(QJsonDocument(json.value(u"criteria").toArray()).toJson());
    if (auto s = checkPracticeRun(run); !s)
        return s.error();
    return run;
}

namespace {

Status insertRun(QSqlQuery &q, const PracticeRun &run)
{
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
        return makeError(QStringLiteral("training.record"), q.lastError().text());
    return Ok{};
}

} // namespace

Status TrainingRecord::add(const PracticeRun &run)
{
    if (auto s = checkPracticeRun(run); !s)
        return recordError(m_path, s.error().message);
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    db.transaction();
    Status s = insertRun(q, run);
    // A run added again is not sent again when the central store has it.
    if (s && q.numRowsAffected() > 0) {
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO practice_unsent(id) VALUES(?)"));
        q.addBindValue(run.id);
        if (!q.exec())
            s = makeError(QStringLiteral("training.record"), q.lastError().text());
    }
    if (!s || !db.commit()) {
        db.rollback();
        return recordError(m_path, s ? db.lastError().text() : s.error().message);
    }
    return Ok{};
}

QList<PracticeRun> TrainingRecord::unsent(const QString &trainee) const
{
    QList<PracticeRun> waiting;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id FROM practice_unsent"));
    QSet<QString> ids;
    if (q.exec()) {
        while (q.next())
            ids.insert(q.value(0).toString());
    }
    for (const PracticeRun &run : runs(trainee)) {
        if (ids.contains(run.id))
            waiting.append(run);
    }
    return waiting;
}

Status TrainingRecord::markShared(const QStringList &ids)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    db.transaction();
    q.prepare(QStringLiteral("DELETE FROM practice_unsent WHERE id = ?"));
    for (const QString &id : ids) {
        q.addBindValue(id);
        if (!q.exec()) {
            db.rollback();
            return recordError(m_path, q.lastError().text());
        }
    }
    if (!db.commit())
        return recordError(m_path, db.lastError().text());
    return Ok{};
}

Status TrainingRecord::merge(const QList<PracticeRun> &runs)
{
    for (const PracticeRun &run : runs) {
        if (auto s = checkPracticeRun(run); !s)
            return recordError(m_path, s.error().message);
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    db.transaction();
    for (const PracticeRun &run : runs) {
        if (auto s = insertRun(q, run); !s) {
            db.rollback();
            return recordError(m_path, s.error().message);
        }
    }
    if (!db.commit())
        return recordError(m_path, db.lastError().text());
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

#pragma once

#include "models/domain/result.h"
#include "models/practice/practicescore.h"

#include <QDateTime>
#include <memory>

namespace civicdesk {

// One scored practice run as the training record keeps it: who, which scenario, when, the score
// and each criterion's points, the critical failures. Nothing of the scripted caller is kept.
struct PracticeRun
{
    QString id;
    QString trainee;
    QString scenarioId;
    QString scenarioTitle;
    QString language = QStringLiteral("en");
    QDateTime finishedAt;
    qint64 seconds = 0;
    int score = 0;
    int passMark = 80;
    QStringList critical; // CriticalFailure ids
    QList<ScoreCriterion> criteria;
    bool passed() const { return critical.isEmpty() && score >= passMark; }
};

// The run a scored practice call gives.
PracticeRun practiceRun(const QString &trainee, const Scenario &scenario,
                        const PracticeResult &result, const QDateTime &finishedAt);

// What is wrong with a run (no id, trainee, scenario or time; a score or pass mark outside
// 0..100; a negative time); nothing when it may be kept.
Status checkPracticeRun(const PracticeRun &run);
// A run as the central store carries it (app/server/API.md, "Shared practice"): id, trainee,
// scenario_id, scenario_title, language, finished_at (ISO 8601 UTC), seconds, score, pass_mark,
// critical [ids], criteria [{id, title, expected, done, points, max}].
QJsonObject practiceRunJson(const PracticeRun &run);
// The run of practiceRunJson, checked (checkPracticeRun, and every field of its type).
Result<PracticeRun> practiceRunFromJson(const QJsonObject &json);

// The workstation's training record: every scored practice run, kept in its own SQLite file
// beside the live store (never in it — a practice run writes nothing to live work), so that
// trainees and trainers see progress over weeks of practice.
class TrainingRecord
{
public:
    // 2: the runs not yet shared with the central store (practice_unsent).
    static constexpr int SchemaVersion = 2;

    // Opens (or creates) the record at `path`. A record written by a newer CivicDesk is refused.
    static Result<std::unique_ptr<TrainingRecord>> open(const QString &path);
    ~TrainingRecord();
    TrainingRecord(const TrainingRecord &) = delete;
    TrainingRecord &operator=(const TrainingRecord &) = delete;

    QString path() const { return m_path; }
    // Adds a run; a run without a trainee, scenario or time, or with a score outside 0..100, is
    // refused and nothing is written. Adding the same run id again changes nothing.
    Status add(const PracticeRun &run);
    // The runs of one trainee (every trainee's when empty), oldest first.
    QList<PracticeRun> runs(const QString &trainee = QString()) const;
    QStringList trainees() const;

    // ---- Sharing with the central store (PracticeShare): the record is then a copy of what
    // the central store holds for this workstation's agents, plus the runs not sent yet.
    // Runs added by add() wait to be sent; those of `trainee`, oldest first.
    QList<PracticeRun> unsent(const QString &trainee) const;
    // The central store has these runs now.
    Status markShared(const QStringList &ids);
    // Runs the central store holds (finished on any workstation): kept as shared; runs this
    // record has already are left as they are. Each is checked; nothing is written if one is bad.
    Status merge(const QList<PracticeRun> &runs);

private:
    TrainingRecord(QString path, QString connection);
    QString m_path;
    QString m_connection;
};

} // namespace civicdesk

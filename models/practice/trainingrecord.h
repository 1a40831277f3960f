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

// The workstation's training record: every scored practice run, kept in its own SQLite file
// beside the live store (never in it — a practice run writes nothing to live work), so that
// trainees and trainers see progress over weeks of practice.
class TrainingRecord
{
public:
    static constexpr int SchemaVersion = 1;

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

private:
    TrainingRecord(QString path, QString connection);
    QString m_path;
    QString m_connection;
};

} // namespace civicdesk

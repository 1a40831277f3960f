#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/practice/trainingrecord.h"

#include <QTimeZone>

namespace civicdesk {

// One scenario in a trainee's report: every try's score, oldest first.
struct ScenarioProgress
{
    QString scenarioId;
    QString title;
    QList<int> scores;
    bool passed = false;          // passed at least once
    bool criticalFailure = false; // some try failed critically (shown while not passed)
    int best() const;
};

// One criterion across a trainee's runs: how often it was met where it applied, over all runs
// and over the last `Recent` runs it applied to (progress shows as the second beside the first).
struct CriterionProgress
{
    QString id;
    QString title;
    int applied = 0;
    int met = 0;
    int recentApplied = 0;
    int recentMet = 0;
    static constexpr int Recent = 5;
};

// What a trainee and their trainer look at: every run, progress per scenario and per criterion,
// and the scenarios not passed yet (of the bundled set, tried or not).
struct TraineeReport
{
    QString trainee;
    QList<PracticeRun> runs;
    QList<ScenarioProgress> scenarios; // every bundled scenario, in the bundle's order
    QList<CriterionProgress> criteria;
    QStringList notYetPassed; // scenario titles
    int passedScenarios() const;
    int averageScore() const; // of all runs, 0 without runs
};

// One trainee's line in the class report.
struct ClassRow
{
    QString trainee;
    int runs = 0;
    int passedScenarios = 0;
    int scenarioCount = 0;
    int averageScore = 0;
    QDateTime lastRun;
};

// The training record: trainers, supervisors and admins read every trainee's practice calls and
// the class report; everyone else reads their own only.
bool mayReadEveryTraineeReport(AgentRole role);
// What `agent`, working as `role`, may read of the training record (mayReadEveryTraineeReport):
// every trainee and every run, or their own only (nothing without a name).
QStringList readableTrainees(const TrainingRecord &record, const QString &agent, AgentRole role);
QList<PracticeRun> readableRuns(const TrainingRecord &record, const QString &agent, AgentRole role);

// `runs` may hold every trainee's: the report takes `trainee`'s.
TraineeReport traineeReport(const QString &trainee, const QList<PracticeRun> &runs,
                            const QList<Scenario> &scenarios);
QList<ClassRow> classReport(const QList<PracticeRun> &runs, const QList<Scenario> &scenarios);

// One row per run (RFC 4180; times in `zone`): trainee, finished_at, scenario_id,
// scenario_title, language, score, pass_mark, passed (yes/no), seconds, critical_failures
// (space separated ids), then one column per criterion id seen ("points/max", empty where it
// did not apply).
QByteArray practiceRunsCsv(const QList<PracticeRun> &runs, const QTimeZone &zone);

} // namespace civicdesk

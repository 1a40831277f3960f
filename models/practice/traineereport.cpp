#include "models/practice/traineereport.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace civicdesk {

namespace {

class ReportText
{
    Q_DECLARE_TR_FUNCTIONS(TraineeReport)
};

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') ||
        bytes.contains('\r')) {
        bytes.replace('"', "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

QByteArray csvLine(const QStringList &fields)
{
    QList<QByteArray> encoded;
    for (const QString &f : fields)
        encoded.append(csvField(f));
    return encoded.join(',') + "\r\n";
}

QString number(double value)
{
    return QString::number(value, 'g', 6);
}

} // namespace

int ScenarioProgress::best() const
{
    return scores.isEmpty() ? 0 : *std::max_element(scores.cbegin(), scores.cend());
}

int TraineeReport::passedScenarios() const
{
    return int(std::count_if(scenarios.cbegin(), scenarios.cend(),
                             [](const ScenarioProgress &s) { return s.passed; }));
}

int TraineeReport::averageScore() const
{
    if (runs.isEmpty())
        return 0;
    const int sum =
        std::accumulate(runs.cbegin(), runs.cend(), 0,
                        [](int total, const PracticeRun &r) { return total + r.score; });
    return int(std::lround(double(sum) / double(runs.size())));
}

TraineeReport traineeReport(const QString &trainee, const QList<PracticeRun> &runs,
                            const QList<Scenario> &scenarios)
{
    TraineeReport report;
    report.trainee = trainee;
    for (const PracticeRun &run : runs) {
        if (run.trainee == trainee)
            report.runs.append(run);
    }
    std::stable_sort(
        report.runs.begin(), report.runs.end(),
        [](const PracticeRun &a, const PracticeRun &b) { return a.finishedAt < b.finishedAt; });
    for (const Scenario &s : scenarios)
        report.scenarios.append({s.id, s.title, {}, false, false});
    QList<QList<bool>> metByCriterion; // per criterion, met or not in each run it applied to
    for (const PracticeRun &run : std::as_const(report.runs)) {
        auto scenario = std::find_if(
            report.scenarios.begin(), report.scenarios.end(),
            [&run](const ScenarioProgress &p) { return p.scenarioId == run.scenarioId; });
        if (scenario == report.scenarios.end()) // a scenario no longer bundled keeps its runs
            scenario = report.scenarios.insert(
                report.scenarios.end(), {run.scenarioId, run.scenarioTitle, {}, false, false});
        scenario->scores.append(run.score);
        scenario->passed = scenario->passed || run.passed();
        scenario->criticalFailure = scenario->criticalFailure || !run.critical.isEmpty();
        for (const ScoreCriterion &c : run.criteria) {
            // Answers are one criterion per question; progress is read per kind.
            const QString id = c.id.startsWith(u"answer:") ? QStringLiteral("answers") : c.id;
            auto it = std::find_if(report.criteria.begin(), report.criteria.end(),
                                   [&id](const CriterionProgress &p) { return p.id == id; });
            if (it == report.criteria.end()) {
                it = report.criteria.insert(report.criteria.end(), CriterionProgress{});
                it->id = id;
                it->title =
                    id == u"answers" ? ReportText::tr("Answers to the type's questions") : c.title;
                metByCriterion.append(QList<bool>());
            }
            metByCriterion[it - report.criteria.begin()].append(c.met());
        }
    }
    for (qsizetype i = 0; i < report.criteria.size(); ++i) {
        CriterionProgress &p = report.criteria[i];
        const QList<bool> &met = metByCriterion.at(i);
        p.applied = int(met.size());
        p.met = int(met.count(true));
        const QList<bool> recent = met.mid(std::max<qsizetype>(0, met.size() - p.Recent));
        p.recentApplied = int(recent.size());
        p.recentMet = int(recent.count(true));
    }
    for (const ScenarioProgress &s : std::as_const(report.scenarios)) {
        if (!s.passed)
            report.notYetPassed.append(s.title);
    }
    return report;
}

QList<ClassRow> classReport(const QList<PracticeRun> &runs, const QList<Scenario> &scenarios)
{
    QStringList trainees;
    for (const PracticeRun &run : runs) {
        if (!trainees.contains(run.trainee))
            trainees.append(run.trainee);
    }
    trainees.sort(Qt::CaseInsensitive);
    QList<ClassRow> rows;
    for (const QString &trainee : std::as_const(trainees)) {
        const TraineeReport report = traineeReport(trainee, runs, scenarios);
        ClassRow row;
        row.trainee = trainee;
        row.runs = int(report.runs.size());
        row.passedScenarios = report.passedScenarios();
        row.scenarioCount = int(report.scenarios.size());
        row.averageScore = report.averageScore();
        row.lastRun = report.runs.isEmpty() ? QDateTime() : report.runs.last().finishedAt;
        rows.append(row);
    }
    return rows;
}

QByteArray practiceRunsCsv(const QList<PracticeRun> &runs, const QTimeZone &zone)
{
    QStringList criteria;
    for (const PracticeRun &run : runs) {
        for (const ScoreCriterion &c : run.criteria) {
            if (!criteria.contains(c.id))
                criteria.append(c.id);
        }
    }
    QStringList header = {QStringLiteral("trainee"),     QStringLiteral("finished_at"),
                          QStringLiteral("scenario_id"), QStringLiteral("scenario_title"),
                          QStringLiteral("language"),    QStringLiteral("score"),
                          QStringLiteral("pass_mark"),   QStringLiteral("passed"),
                          QStringLiteral("seconds"),     QStringLiteral("critical_failures")};
    header += criteria;
    QByteArray csv = csvLine(header);
    for (const PracticeRun &run : runs) {
        QStringList fields = {run.trainee,
                              run.finishedAt.toTimeZone(zone).toString(Qt::ISODate),
                              run.scenarioId,
                              run.scenarioTitle,
                              run.language,
                              QString::number(run.score),
                              QString::number(run.passMark),
                              run.passed() ? QStringLiteral("yes") : QStringLiteral("no"),
                              QString::number(run.seconds),
                              run.critical.join(u' ')};
        for (const QString &id : std::as_const(criteria)) {
            const auto it = std::find_if(run.criteria.cbegin(), run.criteria.cend(),
                                         [&id](const ScoreCriterion &c) { return c.id == id; });
            fields.append(it == run.criteria.cend()
                              ? QString()
                              : number(it->points) + u'/' + number(it->maxPoints));
        }
        csv += csvLine(fields);
    }
    return csv;
}

bool mayReadEveryTraineeReport(AgentRole role)
{
    return role == AgentRole::Trainer || role == AgentRole::Supervisor || role == AgentRole::Admin;
}

QStringList readableTrainees(const TrainingRecord &record, const QString &agent, AgentRole role)
{
    if (mayReadEveryTraineeReport(role))
        return record.trainees();
    if (agent.isEmpty() || !record.trainees().contains(agent))
        return {};
    return {agent};
}

QList<PracticeRun> readableRuns(const TrainingRecord &record, const QString &agent, AgentRole role)
{
    if (mayReadEveryTraineeReport(role))
        return record.runs();
    // runs() with an empty name is everyone's: never for a reader without one.
    return agent.isEmpty() ? QList<PracticeRun>() : record.runs(agent);
}

} // namespace civicdesk

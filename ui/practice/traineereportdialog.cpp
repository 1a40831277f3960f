#include "ui/practice/traineereportdialog.h"

#include "ui/practice/practicetables.h"
#include "ui/practice/traineereportpdf.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

bool TraineeReportDialog::seesEveryTrainee(AgentRole role)
{
    return mayReadEveryTraineeReport(role);
}

TraineeReportDialog::TraineeReportDialog(const TrainingRecord &record, QList<Scenario> scenarios,
                                         QString agent, AgentRole role, QTimeZone zone,
                                         QWidget *parent)
    : QDialog(parent), m_record(record), m_scenarios(std::move(scenarios)),
      m_agent(std::move(agent)), m_role(role), m_zone(std::move(zone)),
      m_trainee(new QComboBox(this)), m_summary(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_runs(practicetables::table({tr("Ended"), tr("Scenario"), tr("Score"), tr("Result"),
                                    tr("Time"), tr("Critical failures")},
                                   QStringLiteral("traineeRunsTable"), this)),
      m_scenarioTable(practicetables::table(
          {tr("Scenario"), tr("Tries"), tr("Scores"), tr("Best"), tr("Passed")},
          QStringLiteral("traineeScenariosTable"), this)),
      m_criteria(practicetables::table({tr("Criterion"), tr("Met, all calls"),
                                        tr("Met, last %1").arg(CriterionProgress::Recent)},
                                       QStringLiteral("traineeCriteriaTable"), this)),
      m_csv(new QPushButton(tr("Export &CSV…"), this)),
      m_pdf(new QPushButton(tr("Save &PDF…"), this)), m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("traineeReportDialog"));
    setWindowTitle(tr("Trainee report"));
    m_trainee->setObjectName(QStringLiteral("traineeComboBox"));
    m_trainee->setAccessibleName(tr("Trainee"));
    QStringList names = readableTrainees(m_record, m_agent, m_role);
    if (!names.contains(m_agent))
        names.prepend(m_agent);
    m_trainee->addItems(names);
    m_trainee->setCurrentText(m_agent);
    m_trainee->setEnabled(seesEveryTrainee(m_role));
    m_summary->setObjectName(QStringLiteral("traineeSummaryLabel"));
    m_summary->setWordWrap(true);
    m_message->setObjectName(QStringLiteral("traineeReportMessageLabel"));
    m_message->setWordWrap(true);
    m_runs->setAccessibleName(tr("Practice calls"));
    m_scenarioTable->setAccessibleName(tr("Progress by scenario"));
    m_criteria->setAccessibleName(tr("Progress by criterion"));
    m_tabs->setObjectName(QStringLiteral("traineeReportTabs"));
    m_tabs->setAccessibleName(tr("Report parts"));
    m_tabs->tabBar()->setAccessibleName(tr("Report parts"));
    m_tabs->addTab(m_scenarioTable, tr("&Scenarios"));
    m_tabs->addTab(m_criteria, tr("C&riteria"));
    m_tabs->addTab(m_runs, tr("&Every call"));
    if (seesEveryTrainee(m_role)) {
        m_class = practicetables::table({tr("Trainee"), tr("Calls"), tr("Scenarios passed"),
                                         tr("Average score"), tr("Last call")},
                                        QStringLiteral("traineeClassTable"), this);
        m_class->setAccessibleName(tr("The whole class"));
        m_tabs->addTab(m_class, tr("Cl&ass"));
        const QLocale locale;
        for (const ClassRow &row :
             classReport(readableRuns(m_record, m_agent, m_role), m_scenarios))
            practicetables::addRow(
                m_class, {row.trainee, QString::number(row.runs),
                          tr("%1 of %2").arg(row.passedScenarios).arg(row.scenarioCount),
                          QString::number(row.averageScore),
                          locale.toString(row.lastRun.toTimeZone(m_zone), QLocale::ShortFormat)});
    }
    m_csv->setObjectName(QStringLiteral("traineeCsvButton"));
    m_csv->setAccessibleName(tr("Export the calls as CSV"));
    m_pdf->setObjectName(QStringLiteral("traineePdfButton"));
    m_pdf->setAccessibleName(tr("Save the report as PDF"));
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("traineeCloseButton"));
    close->setAccessibleName(tr("Close the report"));
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_csv);
    buttons->addWidget(m_pdf);
    buttons->addStretch(1);
    buttons->addWidget(close);
    connect(m_csv, &QPushButton::clicked, this, &TraineeReportDialog::chooseCsv);
    connect(m_pdf, &QPushButton::clicked, this, &TraineeReportDialog::choosePdf);
    connect(m_trainee, &QComboBox::currentTextChanged, this, &TraineeReportDialog::showTrainee);

    auto *form = new QFormLayout;
    auto *label = new QLabel(tr("&Trainee:"), this);
    label->setBuddy(m_trainee);
    form->addRow(label, m_trainee);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);
    // One order: trainee, the parts, the shown part, export, print, close.
    setTabOrder(m_trainee, m_tabs->tabBar());
    setTabOrder(m_tabs->tabBar(), m_scenarioTable);
    setTabOrder(m_scenarioTable, m_criteria);
    setTabOrder(m_criteria, m_runs);
    QWidget *last = m_runs;
    if (m_class) {
        setTabOrder(m_runs, m_class);
        last = m_class;
    }
    setTabOrder(last, m_csv);
    setTabOrder(m_csv, m_pdf);
    setTabOrder(m_pdf, close);
    resize(900, 560);
    showTrainee();
}

QString TraineeReportDialog::trainee() const
{
    return m_trainee->currentText();
}

void TraineeReportDialog::showTrainee()
{
    // Only what this agent may read: another trainee's name gives nothing to a trainee.
    m_report = traineeReport(trainee(), readableRuns(m_record, m_agent, m_role), m_scenarios);
    m_summary->setText(tr("Practice calls: %1 · scenarios passed: %2 of %3 · average score: %4 · "
                          "not passed yet: %5")
                           .arg(m_report.runs.size())
                           .arg(m_report.passedScenarios())
                           .arg(m_report.scenarios.size())
                           .arg(m_report.averageScore())
                           .arg(m_report.notYetPassed.size()));
    for (QTableWidget *t : {m_runs, m_scenarioTable, m_criteria})
        t->setRowCount(0);
    const QLocale locale;
    for (const ScenarioProgress &s : std::as_const(m_report.scenarios)) {
        QStringList scores;
        for (int score : s.scores)
            scores.append(QString::number(score));
        practicetables::addRow(m_scenarioTable,
                               {s.title, QString::number(s.scores.size()),
                                scores.join(QStringLiteral(" → ")),
                                s.scores.isEmpty() ? QString() : QString::number(s.best()),
                                s.passed            ? tr("yes")
                                : s.criticalFailure ? tr("not yet (critical failure)")
                                                    : tr("not yet")},
                               !s.scores.isEmpty() && !s.passed);
    }
    for (const CriterionProgress &c : std::as_const(m_report.criteria))
        practicetables::addRow(m_criteria, {c.title, metShare(c.met, c.applied),
                                            metShare(c.recentMet, c.recentApplied)});
    for (auto run = m_report.runs.crbegin(); run != m_report.runs.crend(); ++run) // newest first
        practicetables::addRow(
            m_runs,
            {locale.toString(run->finishedAt.toTimeZone(m_zone), QLocale::ShortFormat),
             run->scenarioTitle, tr("%1 (pass %2)").arg(run->score).arg(run->passMark),
             run->passed() ? tr("passed") : tr("not passed"),
             tr("%1:%2").arg(run->seconds / 60).arg(run->seconds % 60, 2, 10, QLatin1Char('0')),
             run->critical.join(QStringLiteral(", "))},
            !run->passed());
    m_message->clear();
}

Status TraineeReportDialog::exportCsv(const QString &path) const
{
    const bool wholeClass = m_class && m_tabs->currentWidget() == m_class;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return makeError(QStringLiteral("report.path"),
                         tr("The CSV cannot be written to %1: %2").arg(path, file.errorString()));
    file.write(practiceRunsCsv(wholeClass ? readableRuns(m_record, m_agent, m_role) : m_report.runs,
                               m_zone));
    if (!file.flush())
        return makeError(
            QStringLiteral("report.write"),
            tr("The CSV could not be written to %1: %2").arg(path, file.errorString()));
    return Ok{};
}

Status TraineeReportDialog::savePdf(const QString &path) const
{
    return writeTraineeReportPdf(m_report, m_zone, path);
}

void TraineeReportDialog::chooseCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export practice calls"),
        QDir::home().filePath(tr("practice-%1.csv").arg(trainee())), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        tell(exportCsv(path), path);
}

void TraineeReportDialog::choosePdf()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save practice report"),
        QDir::home().filePath(tr("practice-report-%1.pdf").arg(trainee())),
        tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        tell(savePdf(path), path);
}

void TraineeReportDialog::tell(const Status &status, const QString &path)
{
    m_message->setText(status ? tr("Saved to %1.").arg(QDir::toNativeSeparators(path))
                              : status.error().message);
}

} // namespace civicdesk

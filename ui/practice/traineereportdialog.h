#pragma once

#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"
#include "models/practice/traineereport.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;

namespace civicdesk {

// Practice ▸ Trainee report (Ctrl+Alt+T): a trainee's practice calls from the training record —
// every call with its score, progress per scenario and per criterion, the scenarios not passed
// yet — with a CSV of the calls and a printable PDF. Trainers, supervisors and admins choose any
// trainee and see the whole class; everyone else sees their own report only.
class TraineeReportDialog : public QDialog
{
    Q_OBJECT

public:
    TraineeReportDialog(const TrainingRecord &record, QList<Scenario> scenarios, QString agent,
                        AgentRole role, QTimeZone zone, QWidget *parent = nullptr);

    static bool seesEveryTrainee(AgentRole role);
    QString trainee() const;
    const TraineeReport &report() const { return m_report; }
    // The shown trainee's calls (or, on the class tab, every trainee's) as CSV.
    Status exportCsv(const QString &path) const;
    Status savePdf(const QString &path) const;

private:
    void showTrainee();
    void chooseCsv();
    void choosePdf();
    void tell(const Status &status, const QString &path);

    const TrainingRecord &m_record;
    QList<Scenario> m_scenarios;
    QString m_agent;
    AgentRole m_role;
    QTimeZone m_zone;
    TraineeReport m_report;
    QComboBox *m_trainee;
    QLabel *m_summary;
    QTabWidget *m_tabs;
    QTableWidget *m_runs;
    QTableWidget *m_scenarioTable;
    QTableWidget *m_criteria;
    QTableWidget *m_class = nullptr;
    QPushButton *m_csv;
    QPushButton *m_pdf;
    QLabel *m_message;
};

} // namespace civicdesk

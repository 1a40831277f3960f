#pragma once

#include "models/domain/intakestep.h"
#include "models/practice/practicescore.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace civicdesk {

// The result of a practice run, for the trainee and the trainer coaching them: the score
// against the pass mark, any critical failure, what was expected beside what was done
// criterion by criterion, and the intake's recorded steps with their times.
class PracticeResultDialog : public QDialog
{
    Q_OBJECT

public:
    enum Choice
    {
        Close = 0,
        TryAgain = 2,
        Leave = 3
    };

    PracticeResultDialog(const Scenario &scenario, const PracticeResult &result,
                         const QList<IntakeStep> &steps, QWidget *parent = nullptr);

    QTableWidget *criteriaTable() const { return m_criteria; }
    QString verdictText() const;

private:
    QLabel *m_verdict;
    QTableWidget *m_criteria;
    QTableWidget *m_steps;
};

// One recorded step as a line a trainer reads ("Type chosen: REQPOTHL").
QString describeIntakeStep(const IntakeStep &step);

} // namespace civicdesk

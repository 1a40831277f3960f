#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace civicdesk {

// The workspace's "Answers" tab (issue 16, item 1): what callers asked in the period (of the
// workspace's agent, team and channel) — the answers opened during contacts, most calls closed
// first (a call an answer closed ended with information given), and the searches that found no
// answer. Enter on an answer lists the contacts it was opened in (on "Calls closed", only
// those), on a search the contacts it was made in; each contact replays its intake (R).
class AnswersPanel : public QWidget
{
    Q_OBJECT

public:
    AnswersPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    void refresh(const KpiFilter &filter);
    const AnswerReport &report() const { return m_report; }

signals:
    void drill(const KpiCell &cell, const QString &title);

private:
    void showReport(const QString &error);

    SupervisorContext m_context;
    AnswerReport m_report;
    QLabel *m_summary;
    QTableWidget *m_answers;
    QTableWidget *m_unanswered;
};

} // namespace civicdesk

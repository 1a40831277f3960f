#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "models/supervision/own/ownfigures.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QTimer;

namespace civicdesk {

class DrillWindows;
class FiguresTree;
class RequestDetailDialog;
class DrillDownDialog;

// An agent's own figures (issue 16, item 8), Ctrl+Shift+K: the KPIs of the contacts they took
// and the requests they created, today, this week or any days, in the city's time zone, with
// the same definitions as the supervisor workspace; Enter on a figure lists what is behind it
// (their own contacts and requests only) and from there a request's timeline. Nobody else's
// figures can be asked for here: the model (OwnFigures) fixes the agent and refuses any other.
class MyFiguresDialog : public QDialog
{
    Q_OBJECT

public:
    MyFiguresDialog(const SupervisorContext &context, QWidget *parent = nullptr);

    void refresh();
    const KpiReport &report() const { return m_report; }
    KpiFilter filter() const;
    DrillDownDialog *drillDown() const;
    RequestDetailDialog *requestDetail() const;

private:
    void drill(const KpiCell &cell, const QString &title);

    SupervisorContext m_context;
    OwnFigures m_own;
    KpiReport m_report;
    QComboBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QLabel *m_error;
    FiguresTree *m_figures;
    DrillWindows *m_drills;
    QTimer *m_changes;
};

} // namespace civicdesk

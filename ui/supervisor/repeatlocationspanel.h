#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace civicdesk {

// The workspace's "Repeat locations" tab (issue 16, item 1): the addresses at which two or more
// requests were opened in the period (of the workspace's agent, team and channel), most first,
// with their types, how many are still open, and the first and last. The first line is the
// total. Enter on a line lists its requests (each opens its timeline).
class RepeatLocationsPanel : public QWidget
{
    Q_OBJECT

public:
    RepeatLocationsPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    void refresh(const KpiFilter &filter);
    const RepeatLocationReport &report() const { return m_report; }

signals:
    // The requests behind a line, to list in a drill-down.
    void drill(const KpiCell &cell, const QString &title);

private:
    void showReport(const QString &error);

    SupervisorContext m_context;
    RepeatLocationReport m_report;
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace civicdesk

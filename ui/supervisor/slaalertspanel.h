#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableWidget;

namespace civicdesk {

// The workspace's "SLA alerts" tab (issue 16, items 1 and 4): every open request that is past
// its due time or due within the workspace's "Due within" hours, most urgent first, with how
// long it is overdue or how long is left, and the counts per department (from the workspace's
// SLA backlog, so they are whole even when the list is not). The requests are those of the
// workspace's filter (agent, team, channel and queue: department and type); "Show" narrows them
// to the overdue or the due soon. Enter on a request opens its detail and timeline.
class SlaAlertsPanel : public QWidget
{
    Q_OBJECT

public:
    SlaAlertsPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    // Reads the alerts again for the workspace's filter at `now`; `report` is the workspace's
    // report of that filter (its backlog gives the departments, types and counts).
    void refresh(const KpiFilter &filter, const QDateTime &now, const KpiReport &report);
    // The requests listed as the queue filter shows them (tests read them).
    QStringList shownRequests() const;
    QString summary() const;

signals:
    void requestChosen(const QString &requestId);

private:
    struct Alert
    {
        KpiRequestLine line;
        bool overdue = false;
    };
    void query(); // the requests of the queue filter
    void showAlerts();
    QString summaryText() const;

    SupervisorContext m_context;
    KpiFilter m_filter;
    QDateTime m_now;
    QList<KpiBacklogRow> m_backlog;
    QList<Alert> m_alerts; // most urgent (earliest due) first
    bool m_cut = false;    // more alerts than a list holds
    QString m_error;
    QComboBox *m_which;
    QLabel *m_summary;
    QTableWidget *m_table;
};

} // namespace civicdesk

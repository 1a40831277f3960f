#pragma once

#include "models/alerts/clusterwatch.h"
#include "models/intake/knownissues.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace civicdesk {

class KnownIssueDialog;

// The supervisor's cluster alerts: N requests of one type within R metres in the last T hours
// (models/alerts/clusterdetector.h), updated as request events reach this store. The list
// shows each cluster (type, area, count, first and last, parent request); below it, the
// selected cluster's requests (Enter opens one). From a cluster, "Post a known issue" (Alt+K)
// tells every agent about it; the rule of a type (or the city-wide default) is changed here.
// The known issues in force are listed last; "Withdraw" (Alt+W) takes the selected one back.
class ClustersPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ClustersPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    QTableWidget *clusterList() const { return m_list; }
    QTableWidget *requestList() const { return m_requests; }
    QPushButton *postButton() const { return m_post; }
    QTableWidget *knownIssueList() const { return m_issues; }
    const QList<Cluster> &clusters() const { return m_clusters; }
    // The dialog opened last by "Post a known issue" (tests follow it).
    KnownIssueDialog *knownIssueDialog() const { return m_dialog; }
    // Reads the new request events (also called on every store change).
    void update();

signals:
    void requestChosen(const QString &requestId);

private:
    void buildUi();
    void showClusters();
    void showRequests();
    void showRule();
    void saveRule();
    void postKnownIssue();
    void showKnownIssues();
    void withdrawKnownIssue();
    const Cluster *selected() const;

    SupervisorContext m_context;
    ClusterWatch m_watch;
    KnownIssues m_knownIssues;
    QList<Cluster> m_clusters;
    QLabel *m_status;
    QTableWidget *m_list;
    QTableWidget *m_requests;
    QPushButton *m_post;
    QComboBox *m_ruleType;
    QSpinBox *m_count;
    QSpinBox *m_metres;
    QSpinBox *m_hours;
    QPushButton *m_saveRule;
    QLabel *m_ruleMessage;
    QTableWidget *m_issues;
    QPushButton *m_withdraw;
    QTimer *m_tick;
    KnownIssueDialog *m_dialog = nullptr;
};

} // namespace civicdesk

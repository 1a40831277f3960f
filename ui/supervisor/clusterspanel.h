#pragma once

#include "models/alerts/clusterrulelog.h"
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

class ClusterRuleHistory;
class KnownIssueDialog;

// The supervisor's cluster alerts: N requests of one type within R metres in the last T hours
// (models/alerts/clusterdetector.h), updated as request events reach this store. The list
// shows each cluster (type, area, count, first and last, parent request); below it, the
// selected cluster's requests (Enter opens one). From a cluster, "Post a known issue" (Alt+K)
// tells every agent about it, "Show on the map" (Alt+M) shows its area on the main window's
// map; the rule of a type (or the city-wide default) is changed here by supervisors and admins,
// an event that every workstation follows, listed with who changed it when (the audit trail).
// The known issues in force are listed last; "Withdraw" (Alt+W) takes the selected one back.
class ClustersPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ClustersPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    QTableWidget *clusterList() const { return m_list; }
    QTableWidget *requestList() const { return m_requests; }
    QPushButton *postButton() const { return m_post; }
    QPushButton *showOnMapButton() const { return m_showOnMap; }
    // Selects the cluster whose parent request is `parentRequestId` (chosen on the map) and
    // puts the focus on the list; false when there is no such cluster now.
    bool selectCluster(const QString &parentRequestId);
    QTableWidget *knownIssueList() const { return m_issues; }
    ClusterRuleHistory *ruleHistory() const { return m_ruleHistory; }
    const QList<Cluster> &clusters() const { return m_clusters; }
    // The dialog opened last by "Post a known issue" (tests follow it).
    KnownIssueDialog *knownIssueDialog() const { return m_dialog; }
    // Reads the new request events (also called on every store change).
    void update();

signals:
    void requestChosen(const QString &requestId);
    // "Show on the map" (Alt+M): the selected cluster, by its parent request's id.
    void shownOnMap(const QString &parentRequestId);

private:
    void buildUi();
    void showClusters();
    void showRequests();
    void showRule();
    void saveRule();
    void rulesChanged(); // a cluster.rules_set event, from here or the central store
    void postKnownIssue();
    void showKnownIssues();
    void withdrawKnownIssue();
    const Cluster *selected() const;

    SupervisorContext m_context;
    ClusterWatch m_watch;
    KnownIssues m_knownIssues;
    ClusterRuleLog m_ruleLog;
    QList<Cluster> m_clusters;
    QLabel *m_status;
    QTableWidget *m_list;
    QTableWidget *m_requests;
    QPushButton *m_post;
    QPushButton *m_showOnMap;
    QComboBox *m_ruleType;
    QSpinBox *m_count;
    QSpinBox *m_metres;
    QSpinBox *m_hours;
    QPushButton *m_saveRule;
    QLabel *m_ruleMessage;
    ClusterRuleHistory *m_ruleHistory;
    QTableWidget *m_issues;
    QPushButton *m_withdraw;
    QTimer *m_tick;
    KnownIssueDialog *m_dialog = nullptr;
};

} // namespace civicdesk

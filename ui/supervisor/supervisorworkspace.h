#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QDialog>
#include <memory>

class QComboBox;
class QDateEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTabWidget;
class QTimer;

namespace civicdesk {

class AnswersPanel;
class AuditTrailPanel;
class ClustersPanel;
class RepeatLocationsPanel;
class SlaAlertsPanel;
class DrillDownDialog;
class DrillWindows;
class FiguresTree;
class LobbyFiguresPanel;
class PhoneFiguresPanel;
class TeamsPanel;
class TodayFigures;
class BacklogFigures;
class ReviewPanel;
class RequestDetailDialog;

// The supervisor's window: today's, this week's or any range's figures in the city's time
// zone (per agent, team, channel), the phone system's service level beside them, the
// service-request SLA backlog by type and department, and the agents' open help flags. Every number
// opens the contacts or requests behind it (Enter), and a request there opens its detail and
// timeline. Only supervisors and admins open it. Figures follow the store: an event written here or
// pulled from the central store updates them.
class SupervisorWorkspace : public QDialog
{
    Q_OBJECT

public:
    static bool mayOpen(AgentRole role);

    explicit SupervisorWorkspace(const SupervisorContext &context, QWidget *parent = nullptr);
    ~SupervisorWorkspace() override;

    // Counts again with the filter as shown.
    void refresh();
    const KpiReport &report() const { return m_report; }
    KpiFilter filter() const;
    // The drill-down or request detail opened last (tests follow them).
    DrillDownDialog *drillDown() const;
    RequestDetailDialog *requestDetail() const;
    ReviewPanel *reviewPanel() const { return m_reviews; }
    LobbyFiguresPanel *lobbyPanel() const { return m_lobby; }
    ClustersPanel *clustersPanel() const { return m_clusters; }
    // The Clusters tab with the cluster of that parent request selected (chosen on the map).
    void showCluster(const QString &parentRequestId);
    PhoneFiguresPanel *phonePanel() const { return m_phone; }
    TeamsPanel *teamsPanel() const { return m_teams; }
    SlaAlertsPanel *slaAlertsPanel() const { return m_slaAlerts; }
    RepeatLocationsPanel *repeatLocationsPanel() const { return m_repeats; }
    AnswersPanel *answersPanel() const { return m_answers; }
    AuditTrailPanel *auditTrailPanel() const { return m_audit; }

private:
    void buildUi();
    void buildTeamAndPhone(); // the team filter, the phone system's line and tabs
    void fillTeams();
    // The filters and the headline figures are shown on the tabs they apply to (figures and
    // lists), hidden on the others (help flags, quality review, clusters, teams, audit trail),
    // which get the room, and whose controls take the Alt letters the filters use.
    void showFilterBarFor(QWidget *page);
    // The SLA alerts, repeat locations and answers tabs (workspacelists.cpp); a list is read
    // again only while its tab is shown, and when its tab is chosen.
    void buildLists();
    void fillQueues();
    void refreshShownList();
    void showReport();
    // m_historyLine from the store's imported history.
    void showHistory();
    void showBacklog();
    void showHelpFlags();
    void drill(const KpiCell &cell, const QString &title);
    void drillBacklogCell(int row, int column);
    void answerHelpFlag();
    void openRequest(const QString &requestId);

    SupervisorContext m_context;
    DrillWindows *m_drills;
    KpiReport m_report;
    QComboBox *m_period;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_agent;
    QComboBox *m_channel;
    // The queue: a department and a type (of requests), offered from the open requests.
    QComboBox *m_department = nullptr;
    QComboBox *m_queueType = nullptr;
    QComboBox *m_team;
    QWidget *m_filterBar = nullptr;
    QWidget *m_headline = nullptr;
    QLabel *m_phoneLine;
    // What imported history this replica holds (its figures count only that; the central
    // store's count all); hidden on the central store.
    QLabel *m_historyLine = nullptr;
    PhoneFiguresPanel *m_phone = nullptr;
    TeamsPanel *m_teams = nullptr;
    // Today's contact figures, updated by the arriving events (no full recount).
    std::unique_ptr<TodayFigures> m_today;
    std::unique_ptr<BacklogFigures> m_backlogFigures;
    QSpinBox *m_dueSoon;
    QPushButton *m_refresh;
    QLabel *m_error;
    QList<QLabel *> m_tiles;
    QTabWidget *m_tabs;
    FiguresTree *m_figures;
    QTableWidget *m_backlog;
    QTableWidget *m_flags;
    QPushButton *m_answer;
    ReviewPanel *m_reviews;
    LobbyFiguresPanel *m_lobby;
    ClustersPanel *m_clusters = nullptr;
    QWidget *m_flagsPage = nullptr;
    SlaAlertsPanel *m_slaAlerts = nullptr;
    RepeatLocationsPanel *m_repeats = nullptr;
    AnswersPanel *m_answers = nullptr;
    AuditTrailPanel *m_audit = nullptr;
    QTimer *m_changes;
};

} // namespace civicdesk

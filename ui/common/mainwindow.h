#pragma once

#include <QMainWindow>
#include <QSet>

class QTimer;

class QDockWidget;
class QLabel;
class QMenu;

namespace civicdesk {

class CounterPanel;
class DockBody;
class HistoryPanel;
class IntakePanel;
class KnowledgePanel;
class MapOverviewPanel;
class Settings;
class MyEvaluationsDialog;
class MyFiguresDialog;
class SupervisorWorkspace;
class ClusterMapFeed;
struct StoreContext;

// The workstation window: intake, knowledge, map and history as dock widgets the agent can
// rearrange (the layout is remembered), a shortcut to jump to each, and a status bar with the
// agent, the sync state and the store.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(StoreContext &store, Settings &settings, QWidget *parent = nullptr);

    IntakePanel *intakePanel() const { return m_intake; }
    KnowledgePanel *knowledgePanel() const { return m_knowledge; }
    MapOverviewPanel *mapPanel() const { return m_map; }
    HistoryPanel *historyPanel() const { return m_history; }
    // The lobby counter, made the first time its area is shown or it is asked for.
    CounterPanel *counterPanel();
    QList<std::pair<QString, QKeySequence>> shortcuts() const;
    // The supervisor workspace (supervisors and admins only; null until opened).
    SupervisorWorkspace *supervisorWorkspace() const { return m_supervisor; }
    // The cluster alerts on the map (supervisors and admins; null for anyone else).
    ClusterMapFeed *clusterMap() const { return m_clusterMap; }
    void openSupervisorWorkspace();
    MyEvaluationsDialog *myEvaluations() const { return m_myEvaluations; }
    void openMyEvaluations();
    // The agent's own KPIs (Ctrl+Shift+K).
    MyFiguresDialog *myFigures() const { return m_myFigures; }
    void openMyFigures();
    // The agent's silent "need a supervisor" (Ctrl+Shift+F1).
    void raiseHelpFlag();

    // Another agent signed in (StoreContext::switchAgent): the menus and offers follow their
    // role, history their contacts, the status bar their name and role. The window, the lobby
    // counter and what they show stay.
    void agentSwitched();

    void showArea(QDockWidget *dock);
    // Shows the window as it was left, or on a screen smaller than its first size (1366x768),
    // maximized: a window taller than the screen hides the bottom of every area.
    void showFitted();
    void resetLayout();
    // A practice window (ui/practice): never saves the live window's layout, offers no
    // practice of its own, and says PRACTICE in its status bar.
    void setPractice(bool practice);
    bool isPractice() const { return m_practice; }

signals:
    // Practice ▸ Start a practice call (Ctrl+Alt+P).
    void practiceRequested();
    // Practice ▸ Trainee report (Ctrl+Alt+T).
    void traineeReportRequested();
    // Practice ▸ Write a scenario (Ctrl+Alt+W).
    void scenarioEditorRequested();
    // File ▸ Switch agent (Ctrl+Shift+U): the composition root signs the next agent in.
    void switchAgentRequested();
    // Practice ▸ Play the caller live (Ctrl+Alt+C): a trainer opens a live practice call.
    void liveTrainerRequested();
    // Practice ▸ Join a trainer's live call (Ctrl+Alt+J): the trainee's side.
    void liveJoinRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    QDockWidget *addArea(QWidget *panel, const QString &objectName);
    QDockWidget *addArea(DockBody *body, const QString &objectName);
    void applyDefaultLayout();
    // The default split in pixels of the window's present size (only a shown window honours it).
    void sizeDefaultDocks();
    // The dock above History in the right column (knowledge or the map, whichever is in front),
    // or null when the agent arranged the areas otherwise.
    QDockWidget *aboveHistory() const;
    // History's share of the right column's height as the agent left it, given back after the
    // restored state was fitted to this window.
    void restoreHistoryShare();
    void createMenus();
    // What the role allows: article editing, the help flag and reviews, the supervisor menu.
    void addRoleActions();
    void updateStatus();
    void showAbout();
    // Changes made elsewhere (pulled, imported) reach every view, once per burst.
    void applyOutsideChanges();
    // The lobby counter area, tabbed behind history (in front for the lobby role); its panel is
    // made when the area is first shown. Its walk-in contact starts in intake, whose requests
    // then belong to the visit.
    void addLobbyCounter();
    CounterPanel *makeCounter(QWidget *parent);

    // Before any widget: combo boxes are announced by their names (see accessiblecombobox.h).
    struct AccessibleNames
    {
        AccessibleNames();
    } m_accessibleNames;
    StoreContext &m_store;
    Settings &m_settings;
    IntakePanel *m_intake;
    KnowledgePanel *m_knowledge;
    MapOverviewPanel *m_map;
    HistoryPanel *m_history;
    QDockWidget *m_intakeDock;
    QDockWidget *m_knowledgeDock;
    QDockWidget *m_mapDock;
    QDockWidget *m_historyDock;
    CounterPanel *m_counter = nullptr;
    QDockWidget *m_lobbyDock = nullptr;
    QLabel *m_agentLabel;
    QLabel *m_syncLabel;
    QLabel *m_storeLabel;
    QList<QAction *> m_shortcutActions;
    QAction *m_practiceAction = nullptr;
    QAction *m_switchAgentAction = nullptr;
    QMenu *m_contactMenu = nullptr;
    QMenu *m_knowledgeMenu = nullptr;
    QList<QAction *> m_articleEditActions;
    QList<QAction *> m_roleActions;  // made by addRoleActions, gone on a switch
    QMenu *m_practiceMenu = nullptr; // hidden in a practice window (its own menu is there)
    bool m_practice = false;
    QTimer *m_outsideChanges;
    QSet<QString> m_outsideTypes;
    bool m_docksSized = false;
    SupervisorWorkspace *m_supervisor = nullptr;
    ClusterMapFeed *m_clusterMap = nullptr;
    MyEvaluationsDialog *m_myEvaluations = nullptr;
    MyFiguresDialog *m_myFigures = nullptr;
};

} // namespace civicdesk

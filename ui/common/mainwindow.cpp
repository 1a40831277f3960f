#include "ui/common/mainwindow.h"

#include "models/itemmodels/requestlistmodel.h"
#include "ui/common/accessiblecombobox.h"
#include "ui/common/dockbody.h"
#include "ui/common/roletext.h"
#include "ui/common/settings.h"
#include "ui/common/shortcutguard.h"
#include "ui/common/shortcutsdialog.h"
#include "ui/common/storecontext.h"
#include "ui/history/historycontext.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/lobby/counterpanel.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/pickedlocation.h"
#include "ui/supervisor/myevaluationsdialog.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTimeZone>
#include <QTimer>
#include <algorithm>
#include <functional>
#include <utility>

namespace civicdesk {

MainWindow::AccessibleNames::AccessibleNames()
{
    installAccessibleComboBox();
}

MainWindow::MainWindow(StoreContext &store, Settings &settings, QWidget *parent)
    : QMainWindow(parent), m_accessibleNames(), m_store(store), m_settings(settings),
      m_intake(new IntakePanel({store.catalogue, store.requests, store.intake, store.service,
                                store.addresses, store.districts},
                               this)),
      m_knowledge(new KnowledgePanel(store.articles, this)),
      m_map(new MapOverviewPanel(store, this)),
      m_history(new HistoryPanel(
          HistoryContext{store.database, store.events, store.agent,
                         QTimeZone(store.database.meta(QStringLiteral("city_timezone")).toUtf8()),
                         store.role, store.centralStore},
          this)),
      m_agentLabel(new QLabel(this)), m_syncLabel(new QLabel(this)), m_storeLabel(new QLabel(this)),
      m_outsideChanges(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    const QString city = store.database.meta(QStringLiteral("city_name"));
    // The window system adds the application's name ("Mini Boston — CivicDesk"): the title
    // itself names the city only, so "CivicDesk" is never shown twice.
    setWindowTitle(city.isEmpty() ? QGuiApplication::applicationDisplayName() : city);
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    m_intakeDock = addArea(m_intake, QStringLiteral("intakeDock"));
    m_knowledgeDock = addArea(m_knowledge, QStringLiteral("knowledgeDock"));
    m_mapDock = addArea(m_map, QStringLiteral("mapDock"));
    m_historyDock = addArea(m_history, QStringLiteral("historyDock"));
    m_knowledge->setService(&store.knowledge);
    connect(m_knowledge, &KnowledgePanel::articleOpened, m_intake,
            &IntakePanel::recordArticleOpened);
    connect(m_knowledge, &KnowledgePanel::searchUnanswered, m_intake,
            &IntakePanel::recordUnansweredSearch);
    connect(m_intake, &IntakePanel::callerLanguageChanged, m_knowledge,
            &KnowledgePanel::setCallerLanguage);
    connect(m_knowledge, &KnowledgePanel::startRequest, m_intake, [this](const QString &code) {
        m_intakeDock->show();
        m_intakeDock->raise();
        m_intake->startRequestOfType(code);
    });
    // The map and intake work together, and each works without the other.
    connect(m_map, &MapOverviewPanel::locationPicked, m_intake,
            [this](const PickedLocation &picked) {
                IntakeLocation where;
                where.latitude = picked.latitude;
                where.longitude = picked.longitude;
                // A point beyond the city's boundary stays that point: it is not moved to an
                // address inside the city unless it is on that address (a few of the city's own
                // address points lie just outside its drawn boundary).
                const bool beyondBoundary =
                    m_store.districts.hasBoundary() &&
                    !m_store.districts.locate(picked.latitude, picked.longitude).insideCity;
                if (picked.address && (!beyondBoundary || picked.distanceMeters <= 25)) {
                    const AddressPoint &a = *picked.address;
                    where.address = a.label() + u", " + a.zip;
                    where.latitude = a.latitude.value_or(picked.latitude);
                    where.longitude = a.longitude.value_or(picked.longitude);
                    where.neighborhood = a.neighborhood;
                    where.ward = a.ward;
                    where.precinct = a.precinct;
                    where.zip = a.zip;
                } else {
                    where.landmark = tr("Point picked on the map (%1, %2)")
                                         .arg(picked.latitude, 0, 'f', 5)
                                         .arg(picked.longitude, 0, 'f', 5);
                }
                m_intake->setPickedLocation(where);
            });
    connect(m_intake, &IntakePanel::locationChosen, m_map, &MapOverviewPanel::setIntakeLocation);
    connect(m_intake, &IntakePanel::locationCleared, m_map, &MapOverviewPanel::clearIntakeLocation);
    connect(m_intake, &IntakePanel::duplicatesChanged, m_map,
            &MapOverviewPanel::setDuplicateCandidates);
    // History follows the contact: who is calling, and where the request is.
    connect(m_intake, &IntakePanel::callerChanged, m_history, &HistoryPanel::setCaller);
    connect(m_intake, &IntakePanel::locationEntered, m_history, &HistoryPanel::setLocation);
    connect(m_intake, &IntakePanel::locationCleared, m_history, &HistoryPanel::clearLocation);
    connect(m_intake, &IntakePanel::requestCreated, m_history, &HistoryPanel::refresh);
    // A new contact starts clean: no read-back or place picked for the previous caller.
    connect(m_intake, &IntakePanel::contactReset, m_history, &HistoryPanel::clearContact);
    connect(m_intake, &IntakePanel::contactReset, m_map, &MapOverviewPanel::clearPick);
    // A marker clicked on the map opens the request; a request opened in history is shown on
    // the map.
    connect(m_map, &MapOverviewPanel::requestActivated, m_history, &HistoryPanel::openRequest);
    connect(m_history, &HistoryPanel::requestOpened, m_map, &MapOverviewPanel::showRequest);
    // A status read back to the caller is a step of the contact (replay, practice scoring).
    connect(m_history, &HistoryPanel::readBackShown, m_intake, [this](const QString &id) {
        if (const auto request = m_store.requests.byId(id))
            m_intake->recordReadBack(request->number, id);
    });
    // What others changed (a pull from the central store, a re-import) reaches every view:
    // one store signal, gathered for a moment so a burst of events reloads each view once.
    // The agent's own changes update their views where they are made.
    m_outsideChanges->setSingleShot(true);
    m_outsideChanges->setInterval(250);
    connect(m_outsideChanges, &QTimer::timeout, this, &MainWindow::applyOutsideChanges);
    connect(&store.database.changes(), &StoreChanges::applied, this,
            [this](const StoreChanges::Applied &what) {
                if (what.origin == StoreChanges::Origin::Local)
                    return;
                m_outsideTypes.unite(what.entityTypes);
                m_outsideChanges->start();
            });
    m_intakeDock->setWindowTitle(tr("Intake"));
    m_knowledgeDock->setWindowTitle(tr("Knowledge"));
    m_mapDock->setWindowTitle(tr("Map"));
    m_historyDock->setWindowTitle(tr("History"));
    addLobbyCounter();
    applyDefaultLayout();

    m_agentLabel->setObjectName(QStringLiteral("agentStatusLabel"));
    m_syncLabel->setObjectName(QStringLiteral("syncStatusLabel"));
    m_storeLabel->setObjectName(QStringLiteral("storeStatusLabel"));
    statusBar()->addWidget(m_agentLabel);
    statusBar()->addWidget(m_syncLabel);
    statusBar()->addPermanentWidget(m_storeLabel);
    createMenus();
    new ShortcutGuard(this);
    updateStatus();

    resize(1400, 900);
    if (!m_settings.windowGeometry().isEmpty())
        restoreGeometry(m_settings.windowGeometry());
    if (!m_settings.windowState().isEmpty())
        restoreState(m_settings.windowState());
}

void MainWindow::showFitted()
{
    const QScreen *where = screen();
    const QSize room = where ? where->availableGeometry().size() : QSize();
    // The frame (title bar, borders) is not known before the window is shown: leave room for it.
    const QSize needed = size() + QSize(16, 48);
    if (m_settings.windowGeometry().isEmpty() && room.isValid() &&
        (needed.width() > room.width() || needed.height() > room.height())) {
        // Sized to fit first (not every window manager maximizes a window before it is mapped).
        resize(room - QSize(16, 48));
        move(where->availableGeometry().topLeft());
        showMaximized();
    } else {
        show();
    }
}

void MainWindow::applyDefaultLayout()
{
    // Intake on the left at full height; knowledge and map tabbed on the right above history.
    addDockWidget(Qt::LeftDockWidgetArea, m_intakeDock);
    addDockWidget(Qt::RightDockWidgetArea, m_knowledgeDock);
    splitDockWidget(m_knowledgeDock, m_historyDock, Qt::Vertical);
    tabifyDockWidget(m_knowledgeDock, m_mapDock);
    for (QDockWidget *dock : {m_intakeDock, m_knowledgeDock, m_mapDock, m_historyDock}) {
        dock->setFloating(false);
        dock->show();
    }
    m_knowledgeDock->raise();
    // The counter is open by default only at a lobby desk, tabbed with history; elsewhere
    // Ctrl+Alt+L opens it there. (A tab, even behind history, keeps its minimum height: on a
    // small screen the counter's would leave the article pane too short to read the script.)
    m_lobbyDock->setFloating(false);
    if (m_store.role == AgentRole::Lobby) {
        tabifyDockWidget(m_historyDock, m_lobbyDock);
        m_lobbyDock->show();
        m_lobbyDock->raise();
    } else {
        addDockWidget(Qt::RightDockWidgetArea, m_lobbyDock);
        m_lobbyDock->hide();
        m_historyDock->raise();
    }
    if (isVisible())
        sizeDefaultDocks();
}

void MainWindow::sizeDefaultDocks()
{
    // The intake form needs a little less than half the width; on the right the article pane
    // (with the script read to the caller) gets three fifths of the height, history the rest.
    const int width = std::max(1, this->width());
    const int height = std::max(1, this->height() - menuBar()->sizeHint().height() -
                                       statusBar()->sizeHint().height());
    const int intake = std::clamp(width * 9 / 20, std::min(520, width / 2), width / 2);
    resizeDocks({m_intakeDock, m_knowledgeDock}, {intake, width - intake}, Qt::Horizontal);
    const int knowledge = height * 3 / 5;
    resizeDocks({m_knowledgeDock, m_historyDock}, {knowledge, height - knowledge}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized)
        return;
    m_docksSized = true;
    // An agent's own layout (restored from the settings) is kept as it was left.
    if (m_settings.windowState().isEmpty())
        QTimer::singleShot(0, this, &MainWindow::sizeDefaultDocks);
}

QDockWidget *MainWindow::addArea(QWidget *panel, const QString &objectName)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    auto *body = new DockBody(panel, dock);
    dock->setWidget(body);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    // A dock tabbed behind another stays "visible" off screen: its panel is hidden with it, so
    // Tab and Shift+Tab never land in an area the agent cannot see.
    connect(dock, &QDockWidget::visibilityChanged, body,
            [body](bool visible) { body->showPanel(visible); });
    return dock;
}

void MainWindow::showArea(QDockWidget *dock)
{
    if (dock == m_lobbyDock && !dock->isVisible() && !dock->isFloating() &&
        tabifiedDockWidgets(m_historyDock).isEmpty())
        tabifyDockWidget(m_historyDock, m_lobbyDock);
    dock->show();
    dock->raise();
    static_cast<DockBody *>(dock->widget())->showPanel(true);
    if (dock == m_intakeDock)
        m_intake->focusSearch();
    else if (dock == m_knowledgeDock)
        m_knowledge->focusSearch();
    else if (dock == m_historyDock && !m_history->callerId().isEmpty())
        m_history->focusCaller(); // during a call: the caller's past contacts and requests
    else if (dock == m_historyDock)
        m_history->focusFilter();
    else if (dock == m_lobbyDock)
        m_counter->focusQueue();
    else
        dock->widget()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::resetLayout()
{
    applyDefaultLayout();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    // A shared PC: the next agent signs in without closing the window (app/workstation).
    QAction *switchAgent =
        file->addAction(tr("S&witch agent…"), this, &MainWindow::switchAgentRequested);
    switchAgent->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    switchAgent->setObjectName(QStringLiteral("switchAgentAction"));
    m_switchAgentAction = switchAgent;
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // the same on every platform
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu *contact = menuBar()->addMenu(tr("&Contact"));
    QAction *start = contact->addAction(tr("&Start contact"), m_intake, [this] {
        showArea(m_intakeDock);
        m_intake->startContact();
    });
    start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    start->setObjectName(QStringLiteral("startContactAction"));
    QAction *end = contact->addAction(tr("&End contact"), m_intake, [this] {
        showArea(m_intakeDock);
        m_intake->beginWrapUp();
    });
    end->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    end->setObjectName(QStringLiteral("endContactAction"));
    m_shortcutActions << start << end;
    m_contactMenu = contact;

    QMenu *knowledge = menuBar()->addMenu(tr("&Knowledge"));
    m_knowledgeMenu = knowledge;
    const QList<std::tuple<QString, QKeySequence, std::function<void()>, QString>> articles = {
        {tr("&New article"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N),
         [this] { m_knowledge->newArticle(); }, QStringLiteral("newArticleAction")},
        {tr("&Edit article"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E),
         [this] { m_knowledge->editCurrentArticle(); }, QStringLiteral("editArticleAction")},
        {tr("Article &history"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_H),
         [this] { m_knowledge->showHistory(); }, QStringLiteral("articleHistoryAction")},
        {tr("&Review due"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
         [this] { m_knowledge->showReviewDue(); }, QStringLiteral("reviewDueAction")},
        {tr("&Usage: answers and gaps"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_U),
         [this] { m_knowledge->showUsage(); }, QStringLiteral("knowledgeUsageAction")}};
    for (const auto &[text, key, slot, name] : articles) {
        QAction *action = knowledge->addAction(text, this, slot);
        action->setShortcut(key);
        action->setObjectName(name);
        if (name != u"articleHistoryAction")
            m_articleEditActions.append(action);
        m_shortcutActions.append(action);
    }
    addRoleActions();

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::tuple<QDockWidget *, QString, QKeySequence>> areas = {
        {m_intakeDock, tr("Go to &Intake"), QKeySequence(Qt::CTRL | Qt::Key_1)},
        {m_knowledgeDock, tr("Go to &Knowledge"), QKeySequence(Qt::CTRL | Qt::Key_2)},
        {m_mapDock, tr("Go to &Map"), QKeySequence(Qt::CTRL | Qt::Key_3)},
        {m_historyDock, tr("Go to &History"), QKeySequence(Qt::CTRL | Qt::Key_4)},
        {m_lobbyDock, tr("Go to the &lobby counter"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L)},
    };
    for (const auto &[dock, text, key] : areas) {
        QAction *action = view->addAction(text, this, [this, d = dock] { showArea(d); });
        action->setShortcut(key);
        action->setObjectName(dock->objectName() + u"Action");
        m_shortcutActions.append(action);
    }
    view->addSeparator();
    QMenu *panels = view->addMenu(tr("&Panels"));
    for (QDockWidget *dock : {m_intakeDock, m_knowledgeDock, m_mapDock, m_historyDock, m_lobbyDock})
        panels->addAction(dock->toggleViewAction());
    QAction *readback = view->addAction(tr("Status read-&back"), this, [this] {
        showArea(m_historyDock);
        m_history->focusReadback();
    });
    readback->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    readback->setObjectName(QStringLiteral("readbackAction"));
    m_shortcutActions.append(readback);
    QAction *reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    reset->setObjectName(QStringLiteral("resetLayoutAction"));
    m_shortcutActions.append(reset);
    m_shortcutActions.append(switchAgent);
    m_shortcutActions.append(quit);

    // Practice: scripted calls in a practice workspace that never reaches a resident.
    QMenu *practice = menuBar()->addMenu(tr("P&ractice"));
    m_practiceMenu = practice;
    m_practiceAction =
        practice->addAction(tr("&Start a practice call…"), this, &MainWindow::practiceRequested);
    m_practiceAction->setObjectName(QStringLiteral("startPracticeAction"));
    m_practiceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    m_shortcutActions.append(m_practiceAction);
    QAction *report =
        practice->addAction(tr("Trainee &report…"), this, &MainWindow::traineeReportRequested);
    report->setObjectName(QStringLiteral("traineeReportAction"));
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_T));
    m_shortcutActions.append(report);
    // Trainers and admins write scenarios; others are told why not.
    QAction *author = practice->addAction(tr("&Write a practice scenario…"), this,
                                          &MainWindow::scenarioEditorRequested);
    author->setObjectName(QStringLiteral("writeScenarioAction"));
    author->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_W));
    m_shortcutActions.append(author);
    // A trainer plays the caller live from this workstation; a trainee joins from another.
    QAction *playLive =
        practice->addAction(tr("Play the &caller live…"), this, &MainWindow::liveTrainerRequested);
    playLive->setObjectName(QStringLiteral("playCallerLiveAction"));
    playLive->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
    m_shortcutActions.append(playLive);
    QAction *joinLive = practice->addAction(tr("&Join a trainer's live call…"), this,
                                            &MainWindow::liveJoinRequested);
    joinLive->setObjectName(QStringLiteral("joinLiveCallAction"));
    joinLive->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J));
    m_shortcutActions.append(joinLive);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *keys = help->addAction(tr("&Keyboard shortcuts"), this, [this] {
        ShortcutsDialog dialog(shortcuts(), this);
        dialog.exec();
    });
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    keys->setObjectName(QStringLiteral("shortcutsAction"));
    m_shortcutActions.prepend(keys);
    help->addAction(tr("&About CivicDesk"), this, &MainWindow::showAbout);
}

QList<std::pair<QString, QKeySequence>> MainWindow::shortcuts() const
{
    QList<std::pair<QString, QKeySequence>> result;
    for (const QAction *action : m_shortcutActions)
        result.append({action->text(), action->shortcut()});
    result.append({tr("Move through the list while typing"), QKeySequence(Qt::Key_Down)});
    result.append({tr("Submit the request"), QKeySequence(Qt::CTRL | Qt::Key_Return)});
    result.append({tr("Attach the caller to the selected nearby request"),
                   QKeySequence(Qt::CTRL | Qt::Key_D)});
    result.append({tr("Next field"), QKeySequence(Qt::Key_Tab)});
    if (m_intake->telephonyShown()) {
        result.append(
            {tr("Answer the ringing call"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)});
        result.append({tr("Hang up the call"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H)});
        result.append({tr("Transfer the call"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T)});
        result.append({tr("Dial a number"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)});
    }
    return result;
}

void MainWindow::applyOutsideChanges()
{
    const QSet<QString> types = std::exchange(m_outsideTypes, {});
    if (types.contains(QStringLiteral("request")) || types.contains(QStringLiteral("contact")) ||
        types.contains(QStringLiteral("caller"))) {
        m_history->refresh();
        m_map->refreshRequests();
    }
    if (types.contains(QStringLiteral("article")))
        m_knowledge->refreshArticles();
    updateStatus();
}

void MainWindow::setPractice(bool practice)
{
    m_practice = practice;
    if (m_practiceAction)
        m_practiceAction->setEnabled(!practice);
    if (m_switchAgentAction)
        m_switchAgentAction->setEnabled(!practice);
    // A practice window has its own "Practice run" menu, on the same Alt letter.
    if (m_practiceMenu)
        m_practiceMenu->menuAction()->setVisible(!practice);
    updateStatus();
}

void MainWindow::updateStatus()
{
    const QString agent = m_settings.agentName();
    if (agent.isEmpty()) {
        // No sign-in yet (that comes with the central store): name the desktop user.
        m_agentLabel->setText(tr("Agent: %1 (not signed in)").arg(Settings::desktopUser()));
    } else {
        m_agentLabel->setText(tr("Agent: %1 · %2").arg(agent, roleText(m_store.role)));
    }
    m_syncLabel->setText(m_practice ? tr("PRACTICE — nothing here reaches residents")
                                    : tr("Standalone: working on this workstation's store (no "
                                         "server configured)"));
    const QLocale locale;
    m_storeLabel->setText(tr("Store: %1 · %2 requests")
                              .arg(QDir::toNativeSeparators(m_store.database.path()),
                                   locale.toString(m_store.requests.count())));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About CivicDesk"),
                       tr("<h3>CivicDesk %1</h3><p>The 311 contact-center workstation: intake, "
                          "knowledge, map and history in one window.</p><p>Demo city data: "
                          "City of Boston (ODC-PDDL and CC0). See ATTRIBUTION.md in the city "
                          "pack.</p>")
                           .arg(QStringLiteral(CIVICDESK_VERSION)));
}

void MainWindow::openSupervisorWorkspace()
{
    if (!SupervisorWorkspace::mayOpen(m_store.role))
        return;
    if (!m_supervisor) {
        m_supervisor = new SupervisorWorkspace(supervisorContextOf(m_store), this);
    }
    m_supervisor->refresh();
    m_supervisor->show();
    m_supervisor->raise();
    m_supervisor->activateWindow();
}

void MainWindow::openMyEvaluations()
{
    if (!m_myEvaluations)
        m_myEvaluations =
            new MyEvaluationsDialog(m_store.database, m_store.events, m_store.agent,
                                    supervisorContextOf(m_store).cityZone, Clock(), this);
    m_myEvaluations->refresh();
    m_myEvaluations->show();
    m_myEvaluations->raise();
    m_myEvaluations->activateWindow();
}

void MainWindow::addRoleActions()
{
    // Agents read; editors and supervisors edit (history is for everyone).
    for (QAction *action : std::as_const(m_articleEditActions))
        action->setEnabled(m_knowledge->canEdit());
    // In the shortcut list after Start and End contact, as they always were.
    qsizetype at =
        m_shortcutActions.indexOf(findChild<QAction *>(QStringLiteral("endContactAction"))) + 1;
    if (HelpFlags::mayRaise(m_store.role)) {
        // Silent: nothing the caller could notice, only a line in the status bar.
        QAction *help = m_contactMenu->addAction(tr("Ask a supervisor for &help"), this,
                                                 &MainWindow::raiseHelpFlag);
        help->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F1));
        help->setObjectName(QStringLiteral("raiseHelpFlagAction"));
        // Quality review: the agent's own evaluations, to acknowledge or dispute.
        QAction *reviews = m_contactMenu->addAction(tr("My &quality reviews"), this,
                                                    &MainWindow::openMyEvaluations);
        reviews->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q));
        reviews->setObjectName(QStringLiteral("myEvaluationsAction"));
        m_roleActions << help << reviews;
        m_shortcutActions.insert(at++, help);
        m_shortcutActions.insert(at++, reviews);
    }
    if (SupervisorWorkspace::mayOpen(m_store.role)) {
        auto *supervisor = new QMenu(tr("S&upervisor"), this);
        menuBar()->insertMenu(m_knowledgeMenu->menuAction(), supervisor);
        QAction *workspace = supervisor->addAction(tr("Supervisor &workspace"), this,
                                                   &MainWindow::openSupervisorWorkspace);
        workspace->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
        workspace->setObjectName(QStringLiteral("supervisorWorkspaceAction"));
        m_roleActions << supervisor->menuAction();
        m_shortcutActions.insert(at, workspace);
    }
}

void MainWindow::agentSwitched()
{
    // What the previous agent's role offered goes with them (a call taker after a supervisor
    // keeps no supervisor menu); the new agent's role decides afresh.
    for (QAction *action : std::exchange(m_roleActions, {})) {
        m_shortcutActions.removeAll(action);
        if (QMenu *menu = action->menu()) {
            for (QAction *inside : menu->actions())
                m_shortcutActions.removeAll(inside);
            delete menu;
        } else {
            delete action;
        }
    }
    for (QWidget *window :
         {static_cast<QWidget *>(m_supervisor), static_cast<QWidget *>(m_myEvaluations)}) {
        if (window) {
            window->close();
            window->deleteLater();
        }
    }
    m_supervisor = nullptr;
    m_myEvaluations = nullptr;
    m_knowledge->setService(&m_store.knowledge);
    addRoleActions();
    m_history->setAgent(m_store.agent, m_store.role);
    updateStatus();
}

void MainWindow::raiseHelpFlag()
{
    if (auto r = m_store.helpFlags.raise(m_intake->contactId()); !r)
        statusBar()->showMessage(r.error().message, 10000);
    else
        statusBar()->showMessage(tr("A supervisor has been asked to come to you."), 10000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Never lose what the agent typed: a running call or an unsubmitted request asks first.
    if (m_intake->hasUnfinishedWork()) {
        QMessageBox box(QMessageBox::Question, tr("Quit CivicDesk"),
                        tr("A contact or an unsubmitted request is still open. Keep it as a "
                           "draft (it comes back when CivicDesk starts again), discard it, or "
                           "go back to it?"),
                        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
        box.setObjectName(QStringLiteral("quitWithWorkMessageBox"));
        box.button(QMessageBox::Save)->setText(tr("&Keep as draft"));
        box.button(QMessageBox::Discard)->setText(tr("&Discard"));
        box.button(QMessageBox::Cancel)->setText(tr("&Go back"));
        box.setDefaultButton(QMessageBox::Cancel);
        box.setEscapeButton(QMessageBox::Cancel);
        const int choice = box.exec();
        if (choice == QMessageBox::Cancel) {
            event->ignore();
            return;
        }
        if (choice == QMessageBox::Save)
            m_intake->keepAsDraft();
        else
            m_intake->discardUnfinishedWork();
    }
    // A practice window leaves the live window's layout as it was.
    if (!m_practice) {
        m_settings.setWindowGeometry(saveGeometry());
        m_settings.setWindowState(saveState());
    }
    event->accept();
}

void MainWindow::addLobbyCounter()
{
    const Database &db = m_store.database;
    Receipt city;
    city.cityName = db.meta(QStringLiteral("city_name"));
    city.phone = db.meta(QStringLiteral("city_phone"));
    city.web = db.meta(QStringLiteral("city_web"));
    city.statusUrl = db.meta(QStringLiteral("city_status_url"));
    city.timeZone = db.meta(QStringLiteral("city_timezone"));
    m_counter = new CounterPanel(
        CounterContext{m_store.lobby, m_store.requests, m_store.database.changes(), city}, this);
    m_lobbyDock = addArea(m_counter, QStringLiteral("lobbyDock"));
    m_lobbyDock->setWindowTitle(tr("Lobby counter"));
    connect(m_counter, &CounterPanel::walkInRequested, this, [this](const QString &language) {
        showArea(m_intakeDock);
        if (m_intake->startWalkIn(language))
            m_counter->setContact(m_intake->contactId());
    });
    connect(m_intake, &IntakePanel::requestCreated, m_counter, &CounterPanel::addRequest);
}

} // namespace civicdesk

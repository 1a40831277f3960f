#include "ui/common/mainwindow.h"

#include "models/itemmodels/requestlistmodel.h"
#include "models/workstation/storecontext.h"
#include "ui/common/accessiblecombobox.h"
#include "ui/common/dockbody.h"
#include "ui/common/roletext.h"
#include "ui/common/settings.h"
#include "ui/common/shortcutguard.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/lobby/counterpanel.h"
#include "ui/map/mapoverviewpanel.h"
#include "ui/map/mapview.h"
#include "ui/map/pickedlocation.h"
#include "ui/supervisor/clustermapfeed.h"
#include "ui/supervisor/clusterspanel.h"
#include "ui/supervisor/myevaluationsdialog.h"
#include "ui/supervisor/myfiguresdialog.h"
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
#include <QStatusBar>
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
      m_history(new HistoryPanel(store.history, store.requestList(), this)),
      m_agentLabel(new QLabel(this)), m_syncLabel(new QLabel(this)), m_storeLabel(new QLabel(this)),
      m_outsideChanges(new QTimer(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    const QString city = store.meta(QStringLiteral("city_name"));
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
    // A supervisor's cluster alerts are drawn on the map; a click on one opens it in the
    // workspace, whose "Show on the map" brings the map to it.
    if (SupervisorWorkspace::mayOpen(store.role)) {
        m_clusterMap = new ClusterMapFeed(supervisorContextOf(m_store), m_map->mapView(), this);
        connect(m_clusterMap, &ClusterMapFeed::clusterChosen, this, [this](const QString &id) {
            openSupervisorWorkspace();
            m_supervisor->showCluster(id);
        });
    }
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
    connect(&store.changes(), &StoreChanges::applied, this,
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
    if (m_counter)
        m_counter->setTraining(practice);
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
                              .arg(QDir::toNativeSeparators(m_store.storePath()),
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
        connect(m_supervisor->clustersPanel(), &ClustersPanel::shownOnMap, this,
                [this](const QString &id) {
                    if (m_clusterMap)
                        m_clusterMap->select(id);
                    // The workspace stays above its main window: where it covers the map, the
                    // map comes out as a window of its own in front of it (View > Reset
                    // layout docks it again).
                    m_mapDock->show();
                    m_mapDock->raise();
                    const QRect map(m_mapDock->mapToGlobal(QPoint()), m_mapDock->size());
                    if (!m_mapDock->isFloating() && m_supervisor->frameGeometry().intersects(map)) {
                        m_mapDock->setFloating(true);
                        m_mapDock->resize(std::max(map.width(), 640), std::max(map.height(), 480));
                    }
                    if (m_mapDock->isFloating()) {
                        m_mapDock->raise();
                        m_mapDock->activateWindow();
                    }
                });
    }
    m_supervisor->refresh();
    m_supervisor->show();
    m_supervisor->raise();
    m_supervisor->activateWindow();
}

void MainWindow::openMyEvaluations()
{
    if (!m_myEvaluations)
        m_myEvaluations = new MyEvaluationsDialog(m_store.supervision, m_store.agent,
                                                  m_store.supervision.cityZone(), Clock(), this);
    m_myEvaluations->refresh();
    m_myEvaluations->show();
    m_myEvaluations->raise();
    m_myEvaluations->activateWindow();
}

void MainWindow::openMyFigures()
{
    if (!m_myFigures)
        m_myFigures = new MyFiguresDialog(supervisorContextOf(m_store), this);
    m_myFigures->refresh();
    m_myFigures->show();
    m_myFigures->raise();
    m_myFigures->activateWindow();
}

void MainWindow::raiseHelpFlag()
{
    // At a lobby counter the supervisor is told which counter to go to.
    const QString counter = m_counter ? m_counter->counterName() : QString();
    if (auto r = m_store.helpFlags.raise(m_intake->contactId(), counter); !r)
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
        const QDockWidget *above = aboveHistory();
        const int column = above ? above->height() + m_historyDock->height() : 0;
        m_settings.setHistoryShare(column > 0 ? double(m_historyDock->height()) / column : 0.0);
    }
    event->accept();
}

void MainWindow::addLobbyCounter()
{
    m_lobbyDock = addArea(new DockBody([this](QWidget *parent) { return makeCounter(parent); }),
                          QStringLiteral("lobbyDock"));
    m_lobbyDock->setWindowTitle(tr("Lobby counter"));
}

CounterPanel *MainWindow::counterPanel()
{
    return static_cast<CounterPanel *>(static_cast<DockBody *>(m_lobbyDock->widget())->panel());
}

CounterPanel *MainWindow::makeCounter(QWidget *parent)
{
    Receipt city;
    city.cityName = m_store.meta(QStringLiteral("city_name"));
    city.phone = m_store.meta(QStringLiteral("city_phone"));
    city.web = m_store.meta(QStringLiteral("city_web"));
    city.statusUrl = m_store.meta(QStringLiteral("city_status_url"));
    city.timeZone = m_store.meta(QStringLiteral("city_timezone"));
    m_counter = new CounterPanel(
        CounterContext{m_store.lobby, m_store.requests, m_store.changes(), city}, parent);
    m_counter->setTraining(m_practice);
    connect(m_counter, &CounterPanel::walkInRequested, this, [this](const QString &language) {
        showArea(m_intakeDock);
        if (m_intake->startWalkIn(language))
            m_counter->setContact(m_intake->contactId());
    });
    connect(m_intake, &IntakePanel::requestCreated, m_counter, &CounterPanel::addRequest);
    return m_counter;
}

} // namespace civicdesk

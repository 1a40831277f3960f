// The main window's menus and actions: File, Contact, Knowledge, View, Practice and Help, the
// actions a role adds (the help flag, quality reviews, the supervisor workspace), the shortcut
// list shown by F1, and what changes when another agent signs in.

#include "models/workstation/storecontext.h"
#include "ui/common/mainwindow.h"
#include "ui/common/shortcutsdialog.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/supervisor/myevaluationsdialog.h"
#include "ui/supervisor/myfiguresdialog.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QAction>
#include <QDockWidget>
#include <QMenuBar>
#include <functional>
#include <tuple>
#include <utility>

namespace civicdesk {

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
        // The agent's own KPIs, nobody else's.
        QAction *figures =
            m_contactMenu->addAction(tr("My &figures"), this, &MainWindow::openMyFigures);
        figures->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
        figures->setObjectName(QStringLiteral("myFiguresAction"));
        m_roleActions << help << reviews << figures;
        m_shortcutActions.insert(at++, help);
        m_shortcutActions.insert(at++, reviews);
        m_shortcutActions.insert(at++, figures);
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
         {static_cast<QWidget *>(m_supervisor), static_cast<QWidget *>(m_myEvaluations),
          static_cast<QWidget *>(m_myFigures)}) {
        if (window) {
            window->close();
            window->deleteLater();
        }
    }
    m_supervisor = nullptr;
    m_myEvaluations = nullptr;
    m_myFigures = nullptr;
    m_knowledge->setService(&m_store.knowledge);
    addRoleActions();
    m_history->setAgent(m_store.agent, m_store.role);
    updateStatus();
}

} // namespace civicdesk

// The main window's areas as dock widgets: the default layout (intake on the left at full
// height; knowledge and map tabbed on the right above history) sized to the window, fitting a
// small screen, and going to an area with its shortcut.

#include "models/workstation/storecontext.h"
#include "ui/common/dockbody.h"
#include "ui/common/mainwindow.h"
#include "ui/common/settings.h"
#include "ui/history/historypanel.h"
#include "ui/intake/intakepanel.h"
#include "ui/knowledge/knowledgepanel.h"
#include "ui/lobby/counterpanel.h"

#include <QDockWidget>
#include <QMenuBar>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <algorithm>

namespace civicdesk {

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
    const int knowledge = height / 2;
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
    else
        QTimer::singleShot(0, this, &MainWindow::restoreHistoryShare);
}

QDockWidget *MainWindow::aboveHistory() const
{
    const auto inRightColumn = [this](QDockWidget *dock) {
        return dock->isVisible() && !dock->isFloating() &&
               dockWidgetArea(dock) == Qt::RightDockWidgetArea;
    };
    if (!inRightColumn(m_historyDock) || !tabifiedDockWidgets(m_historyDock).isEmpty())
        return nullptr;
    for (QDockWidget *dock : {m_knowledgeDock, m_mapDock}) {
        if (inRightColumn(dock) && !dock->visibleRegion().isEmpty() &&
            dock->geometry().bottom() < m_historyDock->geometry().top() &&
            dock->geometry().left() == m_historyDock->geometry().left())
            return dock;
    }
    return nullptr;
}

void MainWindow::restoreHistoryShare()
{
    const double share = m_settings.historyShare();
    QDockWidget *above = aboveHistory();
    if (share <= 0.0 || share >= 1.0 || !above)
        return;
    const int total = above->height() + m_historyDock->height();
    const int history = int(total * share + 0.5);
    resizeDocks({above, m_historyDock}, {total - history, history}, Qt::Vertical);
}

QDockWidget *MainWindow::addArea(QWidget *panel, const QString &objectName)
{
    return addArea(new DockBody(panel), objectName);
}

QDockWidget *MainWindow::addArea(DockBody *body, const QString &objectName)
{
    auto *dock = new QDockWidget(this);
    dock->setObjectName(objectName);
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
        counterPanel()->focusQueue();
    else
        dock->widget()->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::resetLayout()
{
    applyDefaultLayout();
}

} // namespace civicdesk

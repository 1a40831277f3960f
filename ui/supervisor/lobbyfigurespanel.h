#pragma once

#include "models/supervision/kpi/kpireport.h"
#include "models/supervision/lobbyfigures.h"

#include <QWidget>

class QDialog;
class QLabel;
class QTableWidget;
class QTreeWidget;

namespace civicdesk {

// The supervisor workspace's "Lobby" tab: the walk-in lobby's figures for the workspace's
// period and agent (LobbyFigures) — visitors, served, no-shows, waits and service times
// (average and 90th percentile) in total, by local hour of arrival, by category and by
// counter. Enter on a line lists the visits behind it (ticket, times, counter, agent, wait,
// service, state), never a visitor's name.
class LobbyFiguresPanel : public QWidget
{
    Q_OBJECT

public:
    // `figures`: the composition root's (SupervisorContext::lobbyFigures).
    LobbyFiguresPanel(const LobbyFigures &figures, QWidget *parent = nullptr);

    // Counts again for the filter's period and agent.
    void refresh(const KpiFilter &filter);
    const LobbyFiguresReport &report() const { return m_report; }
    QTreeWidget *tree() const { return m_tree; }
    // The list of visits opened last (null when closed).
    QDialog *visitsDialog() const { return m_dialog; }
    QTableWidget *visitsTable() const { return m_visitsTable; }

private:
    void show(const LobbyFiguresReport &report);
    void drill(int cellIndex, const QString &title);

    const LobbyFigures &m_figures;
    KpiPeriod m_period;
    QList<LobbyVisit> m_visits;
    LobbyFiguresReport m_report;
    QList<LobbyCell> m_cells;
    QLabel *m_error;
    QTreeWidget *m_tree;
    QDialog *m_dialog = nullptr;
    QTableWidget *m_visitsTable = nullptr;
};

} // namespace civicdesk

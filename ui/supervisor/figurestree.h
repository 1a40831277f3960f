#pragma once

#include "models/supervision/kpi/kpireport.h"

#include <QTreeWidget>

namespace civicdesk {

// The figures of a KPI report as a tree (contacts by channel, outcome and hour; handling;
// first-contact resolution; requests opened by type; the SLA), each line knowing the number it
// shows: Enter (or a double click) on a line asks for what is behind it. The workspace shows
// every agent's figures in it, an agent's "My figures" their own.
class FiguresTree : public QTreeWidget
{
    Q_OBJECT

public:
    explicit FiguresTree(QWidget *parent = nullptr);

    // Shows `report` (dueSoonHours: the look-ahead it was counted with), keeping the current
    // line across a refresh.
    void showReport(const KpiReport &report, int dueSoonHours);

signals:
    void cellActivated(const KpiCell &cell, const QString &title);

private:
    QTreeWidgetItem *section(const QString &title);
    void addFigure(QTreeWidgetItem *section, const QString &name, const QString &value,
                   const KpiCell &cell);

    QList<KpiCell> m_cells; // by the index each item keeps
};

} // namespace civicdesk

#pragma once

#include "ui/supervisor/supervisorcontext.h"

#include <QWidget>

class QCompleter;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace civicdesk {

// The workspace's "Teams" tab: every agent with their team now, and the form that puts an
// agent into a team (or, with the team left empty, out of every team). Each change is a
// team.member_set event (AgentTeams): it syncs, and only supervisors and admins may make it.
class TeamsPanel : public QWidget
{
    Q_OBJECT

public:
    TeamsPanel(const SupervisorContext &context, QWidget *parent = nullptr);

    void refresh();
    QString status() const;

signals:
    void teamsChanged();

private:
    void rowChosen();
    void assign();

    SupervisorContext m_context;
    QTableWidget *m_table;
    QLineEdit *m_agent;
    QLineEdit *m_team;
    QPushButton *m_set;
    QLabel *m_status;
    QCompleter *m_agents;
    QCompleter *m_teams;
};

} // namespace civicdesk

#include "ui/supervisor/teamspanel.h"

#include "models/domain/supervision/teammembership.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/drilldowndialog.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace civicdesk {

namespace {
int teamMaxLength()
{
    return teammembership::MaxTeamLength;
}
} // namespace

TeamsPanel::TeamsPanel(const SupervisorContext &context, QWidget *parent)
    : QWidget(parent), m_context(context), m_table(new QTableWidget(this)),
      m_agent(new QLineEdit(this)), m_team(new QLineEdit(this)),
      m_set(new QPushButton(tr("Set &team"), this)), m_status(new QLabel(this)),
      m_agents(new QCompleter(new QStringListModel(this), this)),
      m_teams(new QCompleter(new QStringListModel(this), this))
{
    setObjectName(QStringLiteral("teamsPanel"));
    m_table->setObjectName(QStringLiteral("teamsTable"));
    m_table->setAccessibleName(tr("Agents and their teams; Enter edits the selected agent's"));
    setUpRowList(m_table);
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Agent"), tr("Team")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_agent->setObjectName(QStringLiteral("teamAgentLineEdit"));
    m_agent->setAccessibleName(tr("Agent to put into a team"));
    m_agent->setCompleter(m_agents);
    m_team->setObjectName(QStringLiteral("teamNameLineEdit"));
    m_team->setAccessibleName(tr("Team (empty: no team)"));
    m_team->setPlaceholderText(tr("no team"));
    m_team->setMaxLength(teamMaxLength());
    m_team->setCompleter(m_teams);
    for (QCompleter *c : {m_agents, m_teams})
        c->setCaseSensitivity(Qt::CaseInsensitive);
    m_set->setObjectName(QStringLiteral("setTeamButton"));
    m_set->setAccessibleName(tr("Put the agent into the team"));
    m_set->setAutoDefault(false);
    m_set->setEnabled(AgentTeams::mayManage(m_context.role));
    m_status->setObjectName(QStringLiteral("teamStatusLabel"));
    m_status->setWordWrap(true);

    auto *agentLabel = new QLabel(tr("A&gent:"), this);
    agentLabel->setBuddy(m_agent);
    auto *teamLabel = new QLabel(tr("T&eam:"), this);
    teamLabel->setBuddy(m_team);
    auto *form = new QHBoxLayout;
    form->addWidget(agentLabel);
    form->addWidget(m_agent, 1);
    form->addWidget(teamLabel);
    form->addWidget(m_team, 1);
    form->addWidget(m_set);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(form);
    layout->addWidget(m_status);
    setFocusProxy(m_table);
    setTabOrder(m_table, m_agent);
    setTabOrder(m_agent, m_team);
    setTabOrder(m_team, m_set);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TeamsPanel::rowChosen);
    connect(m_table, &QTableWidget::activated, this, [this] {
        rowChosen();
        m_team->setFocus(Qt::OtherFocusReason);
        m_team->selectAll();
    });
    connect(m_set, &QPushButton::clicked, this, &TeamsPanel::assign);
    connect(m_team, &QLineEdit::returnPressed, this, &TeamsPanel::assign);
    refresh();
}

void TeamsPanel::refresh()
{
    const QMap<QString, QString> teamOf = m_context.services.teamMemberships();
    QStringList agents = m_context.kpis.agents();
    for (auto it = teamOf.cbegin(); it != teamOf.cend(); ++it) {
        if (!agents.contains(it.key()))
            agents.append(it.key());
    }
    agents.sort(Qt::CaseInsensitive);
    const int current = m_table->currentRow();
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(int(agents.size()));
        for (int r = 0; r < agents.size(); ++r) {
            m_table->setItem(r, 0, new QTableWidgetItem(agents.at(r)));
            m_table->setItem(r, 1, new QTableWidgetItem(teamOf.value(agents.at(r))));
        }
        if (!agents.isEmpty())
            m_table->setCurrentCell(std::clamp(current, 0, int(agents.size()) - 1), 0);
    }
    static_cast<QStringListModel *>(m_agents->model())->setStringList(agents);
    static_cast<QStringListModel *>(m_teams->model())->setStringList(m_context.services.teams());
}

QString TeamsPanel::status() const
{
    return m_status->text();
}

void TeamsPanel::rowChosen()
{
    const int row = m_table->currentRow();
    if (row < 0 || !m_table->item(row, 0))
        return;
    m_agent->setText(m_table->item(row, 0)->text());
    m_team->setText(m_table->item(row, 1)->text());
}

void TeamsPanel::assign()
{
    const QString agent = m_agent->text().trimmed();
    const QString team = m_team->text().trimmed();
    AgentTeams teams = m_context.services.agentTeams(m_context.agent, m_context.clock);
    if (auto s = teams.assign(agent, team); !s) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        m_status->setText(s.error().message);
        return;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(team.isEmpty() ? tr("%1 is in no team now.").arg(agent)
                                     : tr("%1 is in the team %2 now.").arg(agent, team));
    refresh();
    emit teamsChanged();
}

} // namespace civicdesk

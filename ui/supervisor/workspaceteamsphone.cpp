// The supervisor workspace's team and queue filters (and on which tabs the filters show), the
// phone system's line beside the figures, and the "Phone system" and "Teams" tabs (issue 16),
// kept apart from supervisorworkspace.cpp.

#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "models/supervision/kpi/todayfigures.h"
#include "models/workstation/supervisionservices.h"
#include "ui/supervisor/answerspanel.h"
#include "ui/supervisor/figurestree.h"
#include "ui/supervisor/lobbyfigurespanel.h"
#include "ui/supervisor/phonefigurespanel.h"
#include "ui/supervisor/repeatlocationspanel.h"
#include "ui/supervisor/slaalertspanel.h"
#include "ui/supervisor/supervisorworkspace.h"
#include "ui/supervisor/teamspanel.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <algorithm>

namespace civicdesk {

void SupervisorWorkspace::buildTeamAndPhone()
{
    m_today = m_context.services.todayFigures(m_context.cityZone);
    m_backlogFigures = m_context.services.backlogFigures();
    m_team = new QComboBox(this);
    m_team->setObjectName(QStringLiteral("kpiTeamComboBox"));
    m_team->setAccessibleName(tr("Team"));
    fillTeams();
    m_department = new QComboBox(this);
    m_department->setObjectName(QStringLiteral("kpiDepartmentComboBox"));
    m_department->setAccessibleName(tr("Department of the requests"));
    m_queueType = new QComboBox(this);
    m_queueType->setObjectName(QStringLiteral("kpiTypeComboBox"));
    m_queueType->setAccessibleName(tr("Type of the requests"));
    // A city's longest type or department name must not widen the workspace past the screen;
    // "All departments" is shown whole in every language.
    for (QComboBox *box : {m_department, m_queueType}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        const QString all = box == m_queueType ? tr("All types") : tr("All departments");
        box->setMinimumContentsLength(std::max(int(all.size()), box == m_queueType ? 28 : 14));
    }
    m_phoneLine = new QLabel(this);
    m_phoneLine->setObjectName(QStringLiteral("phoneSummaryLabel"));
    m_phoneLine->setWordWrap(true);
    m_phone = new PhoneFiguresPanel(m_context, this);
    m_teams = new TeamsPanel(m_context, this);
    connect(m_teams, &TeamsPanel::teamsChanged, this, &SupervisorWorkspace::fillTeams);
}

void SupervisorWorkspace::showFilterBarFor(QWidget *page)
{
    const QList<QWidget *> filtered = {m_figures, m_backlog, m_slaAlerts, m_lobby,
                                       m_phone,   m_repeats, m_answers};
    m_filterBar->setVisible(filtered.contains(page));
    m_headline->setVisible(filtered.contains(page));
}

void SupervisorWorkspace::fillTeams()
{
    const QString current = m_team->currentData().toString();
    const QSignalBlocker block(m_team);
    m_team->clear();
    m_team->addItem(tr("All teams"), QString());
    for (const QString &team : m_context.services.teams())
        m_team->addItem(team, team);
    m_team->setCurrentIndex(std::max(0, m_team->findData(current)));
}

} // namespace civicdesk

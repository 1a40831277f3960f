// The supervisor workspace's lists (issue 16, item 1): the SLA alerts, the repeat locations and
// the answers, kept apart from supervisorworkspace.cpp. Each reads the store for the filter as
// shown, but only while its tab is shown (a refresh after every burst of events would otherwise
// count lists nobody looks at).

#include "ui/supervisor/answerspanel.h"
#include "ui/supervisor/repeatlocationspanel.h"
#include "ui/supervisor/slaalertspanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QTabWidget>

namespace civicdesk {

void SupervisorWorkspace::buildLists()
{
    m_slaAlerts = new SlaAlertsPanel(m_context, this);
    m_tabs->addTab(m_slaAlerts, tr("SLA alerts"));
    connect(m_slaAlerts, &SlaAlertsPanel::requestChosen, this, &SupervisorWorkspace::openRequest);
    m_repeats = new RepeatLocationsPanel(m_context, this);
    connect(m_repeats, &RepeatLocationsPanel::drill, this,
            [this](const KpiCell &cell, const QString &title) { drill(cell, title); });
    m_answers = new AnswersPanel(m_context, this);
    connect(m_answers, &AnswersPanel::drill, this,
            [this](const KpiCell &cell, const QString &title) { drill(cell, title); });
}

void SupervisorWorkspace::refreshShownList()
{
    QWidget *shown = m_tabs->currentWidget();
    if (shown == m_slaAlerts)
        m_slaAlerts->refresh(filter(), m_context.clock.now(), m_report);
    else if (shown == m_repeats)
        m_repeats->refresh(filter());
    else if (shown == m_answers)
        m_answers->refresh(filter());
}

} // namespace civicdesk

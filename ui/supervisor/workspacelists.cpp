// The supervisor workspace's lists (issue 16, item 1): the SLA alerts, the repeat locations and
// the answers, kept apart from supervisorworkspace.cpp. Each reads the store for the filter as
// shown, but only while its tab is shown (a refresh after every burst of events would otherwise
// count lists nobody looks at).

#include "models/requests/historyservices.h"
#include "models/supervision/kpi/backlogfigures.h"
#include "ui/supervisor/answerspanel.h"
#include "ui/supervisor/repeatlocationspanel.h"
#include "ui/supervisor/slaalertspanel.h"
#include "ui/supervisor/supervisorworkspace.h"

#include <QComboBox>
#include <QMap>
#include <QTabWidget>

namespace civicdesk {

void SupervisorWorkspace::buildLists()
{
    m_slaAlerts = new SlaAlertsPanel(m_context, this);
    m_tabs->addTab(m_slaAlerts, tr("SLA a&lerts"));
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

void SupervisorWorkspace::fillQueues()
{
    // The departments and types of the open requests, by name; a choice stays while it has some.
    QMap<QString, QString> departments; // shown -> "-" for none, or the code
    QMap<QString, QString> types;       // shown -> service code (or type name)
    const ServiceNames names = m_context.history.catalogue.serviceNames();
    for (const KpiRequestTypeRow &queue : m_backlogFigures->queues()) {
        departments.insert(queue.department.isEmpty() ? tr("(none)") : queue.department,
                           queue.department.isEmpty() ? QStringLiteral("-") : queue.department);
        types.insert(names.shown(queue.serviceCode, queue.typeName), queue.serviceCode);
    }
    const auto fill = [](QComboBox *box, const QString &all, const QMap<QString, QString> &items) {
        const QString current = box->currentData().toString();
        const QSignalBlocker block(box);
        box->clear();
        box->addItem(all, QString());
        for (auto it = items.cbegin(); it != items.cend(); ++it)
            box->addItem(it.key(), it.value());
        if (!current.isEmpty() && box->findData(current) < 0)
            box->addItem(current, current); // chosen before: kept, though nothing is open now
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    fill(m_department, tr("All departments"), departments);
    fill(m_queueType, tr("All types"), types);
}

} // namespace civicdesk

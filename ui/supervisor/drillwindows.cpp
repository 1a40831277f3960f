#include "ui/supervisor/drillwindows.h"

#include "models/requests/historyservices.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "ui/history/requestdetaildialog.h"
#include "ui/supervisor/drilldowndialog.h"
#include "ui/supervisor/replaypanel.h"

#include <QTableWidget>

namespace civicdesk {

DrillWindows::DrillWindows(const SupervisorContext &context, QWidget *owner)
    : QObject(owner), m_context(context), m_owner(owner), m_history(context.history)
{
}

DrillWindows::~DrillWindows() = default;

DrillDownDialog *DrillWindows::drillDown() const
{
    return m_drill;
}

RequestDetailDialog *DrillWindows::requestDetail() const
{
    return m_detail;
}

DrillDownDialog *DrillWindows::newDrill(const QString &title)
{
    if (m_drill)
        m_drill->close(); // deleted on close
    m_drill = new DrillDownDialog(title, m_context.cityZone, m_owner);
    connect(m_drill, &DrillDownDialog::requestActivated, this, &DrillWindows::openRequest);
    // R on a contact replays its intake beside the list.
    m_drill->setReplayPanel(new ReplayPanel(m_context, m_history, m_drill));
    connect(m_drill, &QDialog::finished, this, &DrillWindows::drillClosed);
    return m_drill;
}

void DrillWindows::present()
{
    m_drill->show();
    m_drill->raise();
    m_drill->activateWindow();
    m_drill->table()->setFocus();
}

void DrillWindows::showContacts(const QString &title, const Result<QList<KpiContactLine>> &lines)
{
    DrillDownDialog *drill = newDrill(title);
    if (lines)
        drill->showContacts(lines.value(), SupervisionKpis::DrillLimit);
    else
        drill->showError(lines.error().message);
    present();
}

void DrillWindows::showRequests(const QString &title, const Result<QList<KpiRequestLine>> &lines)
{
    DrillDownDialog *drill = newDrill(title);
    if (lines) {
        // The types in the window's language.
        const ServiceNames names = m_history.catalogue.serviceNames();
        QList<KpiRequestLine> shown = lines.value();
        for (KpiRequestLine &line : shown)
            line.typeName = names.shown(line.serviceCode, line.typeName);
        drill->showRequests(shown, SupervisionKpis::DrillLimit);
    } else
        drill->showError(lines.error().message);
    present();
}

void DrillWindows::openRequest(const QString &requestId)
{
    // A detail closed earlier has deleted itself (the pointer is then null); another request's
    // is closed (and so deleted) for this one.
    if (m_detail && m_detail->requestId() != requestId)
        m_detail->close();
    if (!m_detail) {
        m_detail = new RequestDetailDialog(m_history, requestId, m_owner);
        connect(m_detail, &RequestDetailDialog::requestChanged, this,
                &DrillWindows::requestChanged);
        connect(m_detail, &QDialog::finished, this, [this] {
            if (m_drill && m_drill->isVisible()) {
                m_drill->activateWindow();
                m_drill->table()->setFocus(Qt::OtherFocusReason);
            } else {
                m_owner->activateWindow();
            }
        });
    }
    m_detail->show();
    m_detail->raise();
    m_detail->activateWindow();
}

} // namespace civicdesk

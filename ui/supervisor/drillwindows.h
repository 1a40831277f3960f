#pragma once

#include "models/domain/result.h"
#include "models/supervision/kpi/kpireport.h"
#include "ui/supervisor/supervisorcontext.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QWidget;

namespace civicdesk {

class DrillDownDialog;
class HistoryServices;
class RequestDetailDialog;

// What is behind a number, for the window that shows the number (the supervisor workspace, an
// agent's "My figures"): one drill-down list at a time (contacts, whose intake R replays beside
// the list, or requests), and one request's detail and timeline (Enter on a request there).
// When the list closes, drillClosed() lets the owner take the keyboard back; when a request's
// detail closes, the list (if still open) or the owner gets it.
class DrillWindows : public QObject
{
    Q_OBJECT

public:
    DrillWindows(const SupervisorContext &context, QWidget *owner);
    ~DrillWindows() override;

    void showContacts(const QString &title, const Result<QList<KpiContactLine>> &lines);
    void showRequests(const QString &title, const Result<QList<KpiRequestLine>> &lines);
    void openRequest(const QString &requestId);

    DrillDownDialog *drillDown() const;
    RequestDetailDialog *requestDetail() const;

signals:
    void drillClosed();
    void requestChanged();

private:
    DrillDownDialog *newDrill(const QString &title);
    void present();

    SupervisorContext m_context;
    QWidget *m_owner;
    HistoryServices &m_history; // the composition root's (SupervisorContext::history)
    QPointer<DrillDownDialog> m_drill;
    // Both delete themselves when closed.
    QPointer<RequestDetailDialog> m_detail;
};

} // namespace civicdesk

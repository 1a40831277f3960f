#include "ui/history/historypanel.h"

#include "models/itemmodels/callbacklistmodel.h"
#include "models/itemmodels/historyentrymodel.h"
#include "models/itemmodels/requestlistmodel.h"
#include "models/requests/historyservices.h"
#include "ui/history/callbacklistview.h"
#include "ui/history/historylistview.h"
#include "ui/history/historysearchview.h"
#include "ui/history/requestdetaildialog.h"
#include "ui/history/statusreadbackbox.h"

#include <QEvent>
#include <QSet>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace civicdesk {

HistoryPanel::HistoryPanel(HistoryServices &services, RequestListModel &requests, QWidget *parent)
    : QWidget(parent), m_services(services), m_model(&requests)
{
    build(services.cityZone);
}

HistoryPanel::~HistoryPanel()
{
    // Detail windows (and any still closing) use the services: they go first.
    qDeleteAll(findChildren<RequestDetailDialog *>(Qt::FindDirectChildrenOnly));
}

void HistoryPanel::build(const QTimeZone &cityZone)
{
    m_model->setDisplayTimeZone(cityZone);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("historyTabWidget"));
    // Every tab stays readable: the dock takes the width the tabs need (in Spanish too)
    // instead of hiding the first ones behind scroll arrows.
    m_tabs->tabBar()->setUsesScrollButtons(false);
    m_tabs->tabBar()->setElideMode(Qt::ElideNone);
    m_search = new HistorySearchView(m_model, this);
    m_readback = new StatusReadbackBox(m_services.readback, cityZone, this);
    m_callerView = new HistoryListView(QStringLiteral("caller"), cityZone, this);
    m_locationView = new HistoryListView(QStringLiteral("location"), cityZone, this);
    m_agentView = new HistoryListView(QStringLiteral("agent"), cityZone, this);
    m_callbacksView = new CallbackListView(cityZone, this);
    m_tabs->addTab(m_callerView, {});
    m_tabs->addTab(m_locationView, {});
    m_tabs->addTab(m_agentView, {});
    m_tabs->addTab(m_callbacksView, {});
    m_tabs->addTab(m_search, {});
    // Every table names the types in the window's language.
    const ServiceNames names = m_services.catalogue.serviceNames();
    m_model->setTypeNames(names);
    m_readback->setTypeNames(names);
    m_callbacksView->model()->setTypeNames(names);
    for (HistoryListView *view : {m_callerView, m_locationView, m_agentView}) {
        view->model()->setTypeNames(names);
        connect(view, &HistoryListView::requestActivated, this, &HistoryPanel::openRequest);
    }
    connect(m_callbacksView, &CallbackListView::requestActivated, this, &HistoryPanel::openRequest);
    connect(m_search, &HistorySearchView::requestActivated, this, &HistoryPanel::openRequest);
    connect(m_readback, &StatusReadbackBox::detailRequested, this, &HistoryPanel::openRequest);
    connect(m_readback, &StatusReadbackBox::requestFound, this, &HistoryPanel::readBackShown);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_readback);
    layout->addWidget(m_tabs, 1);
    m_tabs->setCurrentWidget(m_search);
    m_callbackClock = new QTimer(this);
    m_callbackClock->setInterval(60 * 1000);
    connect(m_callbackClock, &QTimer::timeout, this, &HistoryPanel::refreshCallbacks);
    m_callbackClock->start();
    refreshViews();
}

void HistoryPanel::retranslate()
{
    m_tabs->setAccessibleName(tr("History views"));
    m_tabs->setTabText(m_tabs->indexOf(m_callerView),
                       tr("C&aller (%1)").arg(m_callerView->model()->rowCount()));
    m_tabs->setTabText(m_tabs->indexOf(m_locationView),
                       tr("Locat&ion (%1)").arg(m_locationView->model()->rowCount()));
    m_tabs->setTabText(m_tabs->indexOf(m_agentView),
                       tr("&My contacts (%1)").arg(m_agentView->model()->rowCount()));
    m_tabs->setTabText(m_tabs->indexOf(m_callbacksView),
                       tr("Call&backs (%1 due)").arg(m_callbacksView->model()->dueCount()));
    m_tabs->setTabText(m_tabs->indexOf(m_search), tr("&Search"));
}

void HistoryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_tabs)
        refreshViews();
    QWidget::changeEvent(event);
}

RequestDetailDialog *HistoryPanel::detailDialog() const
{
    return m_detail;
}

void HistoryPanel::focusFilter()
{
    m_tabs->setCurrentWidget(m_search);
    m_search->focusFilter();
}

void HistoryPanel::focusReadback()
{
    m_readback->focusNumber();
}

void HistoryPanel::focusCaller()
{
    m_tabs->setCurrentWidget(m_callerView);
    m_callerView->setFocus(Qt::ShortcutFocusReason);
}

void HistoryPanel::clearContact()
{
    m_readback->clear();
}

void HistoryPanel::showTab(Tab tab)
{
    QWidget *pages[] = {m_callerView, m_locationView, m_agentView, m_search, m_callbacksView};
    m_tabs->setCurrentWidget(pages[tab]);
}

void HistoryPanel::setClock(Clock clock)
{
    m_model->setClock(clock);
    m_services.setClock(clock);
    m_readback->setClock(clock);
    m_callbacksView->model()->setClock(clock);
    for (HistoryListView *view : {m_callerView, m_locationView, m_agentView})
        view->model()->setClock(clock);
    refreshCallbacks();
}

void HistoryPanel::setCaller(const QString &callerId)
{
    m_callerId = callerId;
    refreshCaller();
}

void HistoryPanel::setLocation(double latitude, double longitude, const QString &address)
{
    m_point = std::pair{latitude, longitude};
    m_address = address;
    refreshLocation();
}

void HistoryPanel::clearLocation()
{
    m_point.reset();
    m_address.clear();
    refreshLocation();
}

void HistoryPanel::setAgentRole(AgentRole role)
{
    m_services.actions.setRole(role);
    if (m_detail)
        m_detail->reload();
}

void HistoryPanel::setAgent(const QString &agent, AgentRole role)
{
    m_services.switchAgent(agent, role);
    setAgentRole(role);
    setCaller(QString());
    clearLocation();
    clearContact();
    refreshAgent();
}

void HistoryPanel::refresh()
{
    m_model->reload();
    refreshViews();
    if (m_detail)
        m_detail->reload();
}

void HistoryPanel::refreshViews()
{
    refreshCaller();
    refreshLocation();
    refreshAgent();
    refreshCallbacks();
}

void HistoryPanel::setCentralQuery(CentralQuery query)
{
    m_central = std::move(query);
    refreshCaller();
    refreshLocation();
}

void HistoryPanel::askCentral(HistoryListView *view, CentralKey key, const QString &value,
                              const QString &caption, int *generation)
{
    const int asked = ++*generation;
    if (!m_central || value.isEmpty())
        return;
    QPointer<HistoryPanel> self(this);
    m_central(key, value, [self, view, caption, generation, asked](const CentralAnswer &answer) {
        if (!self || *generation != asked)
            return; // the panel is gone, or the contact moved on
        QList<HistoryEntry> entries;
        QSet<QString> local;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            entries.append(view->model()->entry(row));
            local.insert(entries.last().request.id);
        }
        int added = 0;
        for (const ServiceRequest &request : answer.requests) {
            if (local.contains(request.id))
                continue;
            HistoryEntry entry;
            entry.request = request;
            entries.append(entry);
            ++added;
        }
        std::stable_sort(
            entries.begin(), entries.end(),
            [](const HistoryEntry &a, const HistoryEntry &b) { return a.when() > b.when(); });
        const QString note = !answer.central ? answer.note
                             : added > 0     ? tr("%n more from the central store.", nullptr, added)
                                             : tr("The central store has nothing more.");
        view->setEntries(entries, caption + u' ' + note);
        self->retranslate();
    });
}

void HistoryPanel::refreshCaller()
{
    const QString caption = tr("The caller's past contacts and requests, newest first.");
    if (m_callerId.isEmpty())
        m_callerView->setEntries({}, tr("No caller yet: find or enter the caller in intake, and "
                                        "their past contacts and requests show here."));
    else
        m_callerView->setEntries(m_services.history.forCaller(m_callerId), caption);
    retranslate();
    askCentral(m_callerView, CentralKey::Phone,
               m_callerId.isEmpty() ? QString() : m_services.history.phoneOf(m_callerId), caption,
               &m_callerGeneration);
}

void HistoryPanel::refreshLocation()
{
    const QString caption =
        tr("Requests at %1 first, then within %2 m; open before closed, newest first.")
            .arg(m_address.isEmpty() ? tr("this point") : m_address)
            .arg(HistoryRepository::DefaultRadiusMeters);
    if (!m_point)
        m_locationView->setEntries({}, tr("No location yet: as intake finds the address, the "
                                          "requests there and nearby show here."));
    else
        m_locationView->setEntries(
            m_services.history.nearLocation(m_point->first, m_point->second, m_address), caption);
    retranslate();
    askCentral(m_locationView, CentralKey::Address, m_point ? m_address : QString(), caption,
               &m_locationGeneration);
}

void HistoryPanel::refreshAgent()
{
    m_agentView->setEntries(m_services.history.forAgent(m_services.agent),
                            tr("Your recent contacts (%1), newest first.").arg(m_services.agent));
    retranslate();
}

void HistoryPanel::refreshCallbacks()
{
    m_callbacksView->setEntries(m_services.callbacks.pending());
    retranslate();
}

void HistoryPanel::openRequest(const QString &requestId)
{
    if (requestId.isEmpty())
        return;
    emit requestOpened(requestId);
    if (m_detail && m_detail->requestId() != requestId) {
        m_detail->close(); // deleted later
        m_detail = nullptr;
    }
    if (!m_detail) {
        m_detail = new RequestDetailDialog(m_services, requestId, this);
        connect(m_detail, &RequestDetailDialog::requestChanged, this, [this] {
            m_model->reload();
            refreshViews();
        });
        connect(m_detail, &RequestDetailDialog::requestLinkActivated, this,
                &HistoryPanel::openRequest, Qt::QueuedConnection);
    }
    m_detail->show();
    m_detail->raise();
    m_detail->activateWindow();
}

} // namespace civicdesk

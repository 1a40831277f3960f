#pragma once

#include "models/domain/clock.h"
#include "models/requests/requestactions.h"
#include "ui/history/centralquery.h"

#include <QDateTime>
#include <QPointer>
#include <QTimeZone>
#include <QWidget>
#include <functional>

class QTabWidget;
class QTimer;

namespace civicdesk {

class CallbackListView;
class HistoryListView;
class HistorySearchView;
class HistoryServices;
class RequestDetailDialog;
class RequestListModel;
class StatusReadbackBox;

// The history area. Three views follow the current contact — the caller's past contacts and
// requests, requests at and near the location being entered, the agent's own recent contacts —
// beside the callbacks waiting (overdue and due soon first) and a search across all history
// (run on a search thread); a status read-back box answers "what happened to my request?" from
// a number; Enter on any request opens its detail and timeline.
//
// Intake tells the panel who is calling and where (setCaller, setLocation); the composition
// root connects them.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    enum Tab
    {
        CallerTab,
        LocationTab,
        AgentTab,
        SearchTab,
        CallbacksTab
    };

    // `services` and `requests` (the search's list): built by the composition root
    // (StoreContext::history, StoreContext::requestList); they outlive the panel.
    HistoryPanel(HistoryServices &services, RequestListModel &requests, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    void focusFilter();
    void focusReadback();
    // Shows the Caller tab with the focus in its list.
    void focusCaller();
    void showTab(Tab tab);
    RequestListModel *model() const { return m_model; }
    CallbackListView *callbacksView() const { return m_callbacksView; }
    RequestDetailDialog *detailDialog() const;
    QString callerId() const { return m_callerId; }
    // Seam for tests: the time of SLA states and of the agent's actions.
    void setClock(Clock clock);
    // With a central store: the caller and location views also ask it (by phone, by address)
    // and add what this workstation does not hold, or say why they could not.
    void setCentralQuery(CentralQuery query);

signals:
    // The agent opened a request (the map pans to it).
    void requestOpened(const QString &requestId);
    // The status read-back shows a request: its status is being read to the caller.
    void readBackShown(const QString &requestId);

public slots:
    void setCaller(const QString &callerId);
    void setLocation(double latitude, double longitude, const QString &address);
    void clearLocation();
    // A contact started or ended: the read-back of the previous caller's request goes.
    void clearContact();
    void setAgentRole(civicdesk::AgentRole role);
    // Another agent signed in at this workstation: their contacts, their name on changes, their
    // role's actions; the previous caller's views are cleared.
    void setAgent(const QString &agent, civicdesk::AgentRole role);
    // Reads every view again (after a request is made or changed, or a contact ends).
    void refresh();
    void openRequest(const QString &requestId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build(const QTimeZone &cityZone);
    void retranslate();
    void refreshViews();
    void refreshCaller();
    void refreshLocation();
    void refreshAgent();
    void refreshCallbacks();
    // Adds the central store's answer to a view's local entries (stale answers are dropped).
    void askCentral(HistoryListView *view, CentralKey key, const QString &value,
                    const QString &caption, int *generation);

    HistoryServices &m_services;
    RequestListModel *m_model = nullptr;
    QTabWidget *m_tabs = nullptr;
    StatusReadbackBox *m_readback = nullptr;
    HistoryListView *m_callerView = nullptr;
    HistoryListView *m_locationView = nullptr;
    HistoryListView *m_agentView = nullptr;
    CallbackListView *m_callbacksView = nullptr;
    QTimer *m_callbackClock = nullptr; // due states move with time
    HistorySearchView *m_search = nullptr;
    QPointer<RequestDetailDialog> m_detail;
    QString m_callerId;
    std::optional<std::pair<double, double>> m_point;
    QString m_address;
    CentralQuery m_central;
    int m_callerGeneration = 0;
    int m_locationGeneration = 0;
};

} // namespace civicdesk

#pragma once

#include "models/city/cataloguerepository.h"
#include "models/domain/clock.h"
#include "models/requests/callbackrepository.h"
#include "models/requests/historyrepository.h"
#include "models/requests/requestactions.h"
#include "models/requests/requestduplicates.h"
#include "models/requests/requestsearchrepository.h"
#include "models/requests/requesttimeline.h"
#include "models/requests/statusreadback.h"
#include "models/store/delivery.h"

#include <QTimeZone>
#include <functional>

namespace civicdesk {

struct HistoryContext;

// The history area's readers and actions over one store, built once from a HistoryContext by the
// composition root (StoreContext) and handed to the widgets; the widgets build no reader.
class HistoryServices
{
public:
    explicit HistoryServices(const HistoryContext &context);

    // Another agent signed in (StoreContext::switchAgent): their contacts, their name on changes,
    // their role's checks.
    void switchAgent(const QString &agentName, AgentRole role);

    // Seam for tests: the time of actions and of SLA states.
    void setClock(Clock clock);
    QDateTime now() const { return m_clock.now(); }

    Database &database;
    RequestSearchRepository search;
    HistoryRepository history;
    RequestTimeline timeline;
    RequestActions actions;
    StatusReadback readback;
    RequestDuplicates duplicates;
    CallbackRepository callbacks;
    CatalogueRepository catalogue;
    DeliveryReader delivery; // where a request's changes are (shown with a central store)
    bool centralStore;
    QString agent;
    QTimeZone cityZone;

private:
    Clock m_clock;
};

} // namespace civicdesk

#pragma once

#include "storage/callbackrepository.h"
#include "storage/historyrepository.h"
#include "storage/requestactions.h"
#include "storage/requestduplicates.h"
#include "storage/requestsearchrepository.h"
#include "storage/requesttimeline.h"
#include "storage/statusreadback.h"

#include <QTimeZone>
#include <functional>

namespace civicdesk {

struct HistoryContext;

// The history area's readers and actions over one store, built once from a HistoryContext.
class HistoryServices
{
public:
    explicit HistoryServices(const HistoryContext &context);

    // Seam for tests: the time of actions and of SLA states.
    void setClock(std::function<QDateTime()> clock);
    QDateTime now() const { return m_clock(); }

    Database &database;
    RequestSearchRepository search;
    HistoryRepository history;
    RequestTimeline timeline;
    RequestActions actions;
    StatusReadback readback;
    RequestDuplicates duplicates;
    CallbackRepository callbacks;
    QString agent;
    QTimeZone cityZone;

private:
    std::function<QDateTime()> m_clock = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace civicdesk

#pragma once

#include "models/domain/servicerequest.h"

#include <QDateTime>
#include <QVariant>
#include <optional>

namespace civicdesk {

// The order of a history search; each sorts by one column, ties broken by store order.
enum class HistorySort
{
    ByNumber,
    ByType,
    ByStatus,
    ByDue,
    ByChannel,
    ByAddress,
    ByOpened
};

// What the agent searches history by. Empty fields do not filter.
struct HistoryFilter
{
    QString text;  // a request number, or words of the address or type
    QString phone; // the caller's phone, in any spelling (normalised before matching)
    QString type;  // a service code, or words of the type name
    // ... or these types: those whose name in the window's language has the words of `type`
    // (ServiceNames::codesMatching), as the city's own name does not.
    QStringList typeCodes;
    std::optional<RequestStatus> status;
    QDateTime openedFrom; // inclusive
    QDateTime openedTo;   // exclusive
    HistorySort sort = HistorySort::ByOpened;
    bool descending = true;
};

// Where the previous page ended (keyset pagination: deep pages cost the same as the first).
struct PageCursor
{
    QVariant key;
    qint64 rowId = 0;
    bool isStart() const { return rowId == 0; }
};

struct RequestPage
{
    QList<ServiceRequest> rows;
    PageCursor next;
};

} // namespace civicdesk

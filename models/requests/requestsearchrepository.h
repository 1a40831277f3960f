#pragma once

#include "models/requests/historyfilter.h"

#include <optional>

namespace civicdesk {

class Database;

// Searches every request in the store (imported history and local requests) by number, phone,
// address, type, status and opening date, in any column order, a page at a time. Pages continue
// from a cursor rather than an offset, so scrolling deep into a million rows stays fast; counts
// stop at a cap so a broad filter never scans the whole store just to print a number.
class RequestSearchRepository
{
public:
    explicit RequestSearchRepository(const Database &database);

    // Matches, counting at most `cap` (then returns cap + 1: "more than cap").
    int count(const HistoryFilter &filter, int cap) const;
    RequestPage page(const HistoryFilter &filter, const PageCursor &after, int limit) const;
    std::optional<ServiceRequest> byId(const QString &id) const;
    std::optional<ServiceRequest> byNumber(const QString &number) const;
    // "local", "import" or "remote"; empty for an unknown id.
    QString origin(const QString &id) const;

    // What a typed request number is stored as: no spaces or hyphens, upper case.
    static QString numberKey(const QString &text);

private:
    QString m_connection;
};

} // namespace civicdesk

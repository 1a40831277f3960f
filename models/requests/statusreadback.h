#pragma once

#include "models/domain/result.h"
#include "models/requests/timelineentry.h"

#include <QTimeZone>
#include <optional>

namespace civicdesk {

class Database;

// What to read to a caller who asks "what happened to my request?".
struct ReadBack
{
    ServiceRequest request;
    QString displayNumber; // K7QMX-2A4FC, or the city's 12-digit case id
    std::optional<TimelineEntry> latestPublicNote;
    // Workstation numbers carry a check symbol that catches a misheard character. The city's
    // imported case ids do not: one wrong digit finds another caller's request, so a second
    // detail (address or date) is confirmed before anything is read back.
    bool checked = true;
};

// Finds a request from a number typed or read aloud. Workstation numbers are checked with
// their check symbol first (a mistyped symbol is caught before any lookup, and the agent is told
// what is wrong); the city's imported case ids are 12 digits.
class StatusReadback
{
public:
    static constexpr int CaseIdLength = 12;

    explicit StatusReadback(const Database &database);

    Result<ReadBack> lookUp(const QString &typed) const;
    // Whether what the caller says (the street address, or the date the request was opened,
    // in the city's zone) matches the request.
    static bool confirms(const ServiceRequest &request, const QString &detail,
                         const QTimeZone &cityZone);

private:
    const Database &m_database;
};

} // namespace civicdesk

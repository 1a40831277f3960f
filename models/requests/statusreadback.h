#pragma once

#include "models/domain/result.h"
#include "models/requests/timelineentry.h"

#include <optional>

namespace civicdesk {

class Database;

// What to read to a caller who asks "what happened to my request?".
struct ReadBack
{
    ServiceRequest request;
    QString displayNumber; // K7QMX-2A4FC, or the city's 12-digit case id
    std::optional<TimelineEntry> latestPublicNote;
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

private:
    const Database &m_database;
};

} // namespace civicdesk

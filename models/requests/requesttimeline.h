#pragma once

#include "models/requests/timelineentry.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// A request's full timeline in order: its events replayed from the log (so every field change
// shows what it was before and after, whoever made it), or for imported history the opening,
// target and closing recorded by the city, followed by anything done here since.
class RequestTimeline
{
public:
    explicit RequestTimeline(const Database &database);

    QList<TimelineEntry> forRequest(const ServiceRequest &request, bool imported) const;
    // The newest public note, if any (for reading to the caller).
    std::optional<TimelineEntry> latestPublicNote(const ServiceRequest &request,
                                                  bool imported) const;

private:
    QString callerName(const QString &callerId) const;
    QString m_connection;
};

} // namespace civicdesk

#pragma once

#include "models/domain/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace civicdesk {

// A known issue a supervisor posted from a cluster: what agents read, what they say to the
// caller, where and for which type it holds, until when, and the request callers are attached
// to. Events (entity type "known_issue", synced to every workstation):
//
//   known_issue.posted     by a supervisor or admin  {"service_code", "type_name", "agent_text",
//                          "caller_script", "latitude", "longitude", "metres", "expires_at"
//                          (ISO 8601), "parent_id", "parent_number"}
//   known_issue.withdrawn  by a supervisor or admin  {}
struct KnownIssue
{
    static constexpr int MaxAgentText = 500;
    static constexpr int MaxCallerScript = 1000;
    static constexpr double MinMetres = 10;
    static constexpr double MaxMetres = 20000;
    static constexpr int MaxDays = 14;

    QString id;
    QString serviceCode;
    QString typeName;
    QString agentText;
    QString callerScript;
    double latitude = 0;
    double longitude = 0;
    double metres = 0;
    QDateTime expiresAt;
    QString parentId;
    QString parentNumber;
    QString postedBy;
    QDateTime postedAt;

    // This type at this place, now: the same service code, within the area (exactly the radius
    // counts), not expired (the expiry minute itself no longer counts).
    bool covers(const QString &serviceCode, double latitude, double longitude,
                const QDateTime &now) const;
    // Of the issues that cover the place, the one whose centre is nearest (then the latest
    // posted); none when nothing covers it.
    static std::optional<KnownIssue> applicable(const QList<KnownIssue> &issues,
                                                const QString &serviceCode, double latitude,
                                                double longitude, const QDateTime &now);

    QJsonObject postedPayload() const;
    // A posted payload's problem, naming the field; the central store and the workstation run
    // the same check. `postedAt` bounds the expiry (after it, at most MaxDays later).
    static Status checkPosted(const QJsonObject &payload, const QDateTime &postedAt);
};

} // namespace civicdesk

#pragma once

#include "models/domain/caller.h"
#include "models/domain/place.h"
#include "models/domain/result.h"
#include "models/domain/supervision/knownissue.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>

namespace civicdesk {

class Database;

struct CallerMatch
{
    Caller caller;
    int requestCount = 0;
};

struct Draft
{
    QString id;
    QString contactId;
    QString kind; // "contact" or "request"
    QJsonObject payload;
    QDateTime updatedAt;
};

// What intake reads and keeps beside the event log: places and referrals, callers, nearby open
// requests (duplicate candidates), and autosaved drafts.
class IntakeRepository
{
public:
    explicit IntakeRepository(const Database &database);

    QList<AddressPoint> addresses() const;
    QList<Intersection> intersections() const;
    QList<Referral> referrals() const;

    // Callers whose phone (normalised), email or name matches, with their request counts.
    QList<CallerMatch> findCallers(const QString &text, int limit = 20) const;
    std::optional<Caller> caller(const QString &id) const;
    // Callers whose stored phone is exactly this normalised number (+16175550100): the screen
    // pop's lookup, on the local replica. Most requests first.
    QList<CallerMatch> callersWithPhone(const QString &number, int limit = 20) const;

    // The known issues in force at `now` (models/intake/knownissues.h).
    QList<KnownIssue> knownIssues(const QDateTime &now) const;

    Status saveDraft(const Draft &draft);
    Status removeDraft(const QString &id);
    QList<Draft> drafts() const;

private:
    QString m_connection;
};

} // namespace civicdesk

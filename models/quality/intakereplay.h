#pragma once

#include "models/domain/intakestep.h"
#include "models/domain/permissions/agentrole.h"
#include "models/domain/result.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace civicdesk {

class Database;
class EventStore;

// One step of a replayed intake: what the call taker did, when (from the contact's start) and
// how long it took (since the step before).
struct ReplayStep
{
    IntakeStepKind kind = IntakeStepKind::Started;
    QJsonObject detail; // as recorded (domain/intakestep.h)
    QDateTime at;       // UTC
    qint64 sinceStartMs = 0;
    qint64 tookMs = 0;                // since the step before (0 for the start)
    bool change = false;              // a type changed, an answer corrected, a location set again
    QString articleTitle = QString(); // ArticleOpened: the article's title ("" if unknown)
};

// A request the contact created or the caller was attached to.
struct ReplayRequest
{
    QString id;
    QString number;
    bool created = false; // false: the caller was attached to an existing request
};

// A contact's intake as a time line, for the supervisor's review: the steps with their times,
// and what they add up to.
struct IntakeReplay
{
    QString contactId;
    QString agent;
    QString channel;
    QDateTime startedAt;
    QDateTime endedAt; // invalid while the contact runs
    QString outcome;   // "" while the contact runs
    QString transferDestination;
    QList<ReplayStep> steps;
    QList<ReplayRequest> requests;
    int typeChanges = 0;            // a type chosen in place of another
    int answerCorrections = 0;      // an answer changed after it was given
    int locationChanges = 0;        // a location set after another
    int duplicatesShown = 0;        // times nearby open requests were shown
    QStringList duplicateDecisions; // attach | create_anyway | go_back, in order
    int articlesOpened = 0;
    bool readBack = false; // a request number was read back to the caller

    // From the start to the end (or to the last step while the contact runs), in ms.
    qint64 durationMs() const;
};

// Replays the intake a call taker recorded on a contact (contact.step_recorded events and the
// contact's own started, article opened and ended events). Supervisors and admins replay any
// contact; other roles only their own.
class IntakeReplays
{
public:
    IntakeReplays(const Database &database, const EventStore &events);

    static bool mayReplay(AgentRole role, const QString &agent, const QString &contactAgent);

    Result<IntakeReplay> forContact(const QString &contactId, AgentRole role,
                                    const QString &agent) const;

private:
    QString m_connection;
    const EventStore &m_events;
};

} // namespace civicdesk

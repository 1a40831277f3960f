#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// The longest unanswered knowledge search a contact keeps (an agent types a few words).
constexpr int maxUnansweredSearchLength = 200;

enum class Channel
{
    Phone,
    WalkIn,
    Email,
    Web,
    Text,
    Mail
};
QString channelName(Channel channel);
std::optional<Channel> channelFromName(const QString &name);

enum class Outcome
{
    InformationGiven,
    RequestCreated,
    AttachedToExisting,
    WarmTransfer,
    ColdTransfer,
    Complaint,
    CallerHungUp,
    Referred // sent to another agency (the place or the matter is not the city's)
};
QString outcomeName(Outcome outcome);
std::optional<Outcome> outcomeFromName(const QString &name);

// Why a phone call ended, in the few words phone systems agree on.
enum class CallEndCause
{
    Normal, // someone hung up after talking
    Missed, // it ended before anyone answered (the caller gave up, or nobody picked up)
    Busy,
    Rejected,    // declined at the desk
    Transferred, // it went on to another number
    Failed       // the network or the phone failed
};
QString callEndCauseName(CallEndCause cause);
// Also the words other phone systems use: abandoned, no_answer (missed).
std::optional<CallEndCause> callEndCauseFromName(const QString &name);

// The phone call a contact was taken on, as the phone system reported it (telephony adapter):
// its id joins the contact to the phone system's own records. Empty for a contact started by
// hand.
struct ContactCall
{
    QString callId;        // the phone system's call id (at most 250 characters)
    QString number;        // the caller's number normalised: E.164 or a short code; "" withheld
    QString rawNumber;     // the caller's number exactly as the phone system gave it
    QString dialledNumber; // the number the resident dialled (DNIS), as given
    QString queue;
    QDateTime offeredAt;  // the phone rang at the agent's desk
    QDateTime answeredAt; // the agent answered (the contact started)
    QDateTime endedAt;    // the call ended (invalid while it runs, or ended after the contact)
    std::optional<CallEndCause> endCause;

    bool isEmpty() const { return callId.isEmpty(); }
};

// The longest call id a contact keeps (Zammad's limit; phone systems' ids are far shorter).
constexpr int maxCallIdLength = 250;

// One interaction with a resident, logged whether or not it creates a request.
struct Contact
{
    QString id;
    Channel channel = Channel::Phone;
    QString agent;
    QString callerId; // empty: anonymous
    QDateTime startedAt;
    QDateTime endedAt; // invalid while the contact is running
    std::optional<Outcome> outcome;
    QString transferDestination;
    QString notes;
    QStringList requestIds;
    QStringList articlesOpened;
    ContactCall call; // empty unless the contact was taken on a call the adapter reported

    bool isRunning() const { return !endedAt.isValid(); }
    // Seconds from start to end (or to `now` while running).
    qint64 handleSeconds(const QDateTime &now) const;
};

} // namespace civicdesk

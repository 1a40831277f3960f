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

    bool isRunning() const { return !endedAt.isValid(); }
    // Seconds from start to end (or to `now` while running).
    qint64 handleSeconds(const QDateTime &now) const;
};

} // namespace civicdesk

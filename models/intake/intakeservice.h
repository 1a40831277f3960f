#pragma once

#include "models/domain/caller.h"
#include "models/domain/clock.h"
#include "models/domain/contact.h"
#include "models/domain/event.h"
#include "models/domain/requestnumber.h"
#include "models/domain/servicetype.h"
#include "models/domain/text/formvalidation.h"

#include <QDateTime>
#include <QTimeZone>
#include <functional>
#include <optional>

namespace civicdesk {

class Database;
class EventStore;

// Where the request is: an address point or intersection, or a landmark described in words.
struct IntakeLocation
{
    QString address;  // "1 City Hall Plz, 02108" or "Boylston St & Massachusetts Ave"
    QString landmark; // free text when there is no address
    std::optional<double> latitude;
    std::optional<double> longitude;
    QString neighborhood;
    QString ward;
    QString precinct;
    QString zip;
};

struct NewRequest
{
    ServiceType type;
    Answers answers;
    QString description;
    IntakeLocation location;
    QString callerId; // empty: anonymous (and always empty for "never collect" types)
    Channel channel = Channel::Phone;
    // Open requests of this type were nearby and the agent created a new one anyway: why, and
    // which numbers (recorded on the new request as an internal note).
    struct DuplicateOverride
    {
        QStringList candidates;
        QString reason;
    } duplicateOverride;
    QString mediaUrl;  // a photo link sent with the request (Open311 media_url)
    QString addressId; // the city's address id the reporter chose (Open311 address_id)
};

struct CreatedRequest
{
    QString id;
    RequestNumber number;
    QDateTime dueAt; // invalid when the type has no SLA
};

// The call taker's actions as events: contacts, callers, new requests and attaching a caller to
// an existing request. Every action is one EventStore append (one transaction).
class IntakeService
{
public:
    IntakeService(Database &database, EventStore &events, QString agent);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    // The signed-in agent: the actor of every event from here on (a shared counter PC switches
    // agents without restarting).
    QString agent() const { return m_agent; }
    void setAgent(const QString &agent) { m_agent = agent; }
    // Where events go instead of the local event store: the central store accepts Open311
    // requests through the same rules as a call taker's.
    using Sink = std::function<Status(const Event &)>;
    void setSink(Sink sink) { m_sink = std::move(sink); }
    QDateTime now() const { return m_clock.now(); }
    // The city's time zone (the city pack's), in which dates and times are said to callers; the
    // workstation's own zone when the store names none.
    QTimeZone cityZone() const;
    // `at` as the city's clock shows it.
    QDateTime inCity(const QDateTime &at) const;

    // `call`: the phone call the contact is taken on (the telephony adapter's), recorded with
    // the contact so the phone system's records join; `callerId`: the caller the screen pop
    // found. Both optional.
    Result<QString> startContact(Channel channel, const ContactCall &call = {},
                                 const QString &callerId = {});
    // `call`: when the call ended before the contact did, its end time and cause.
    Status endContact(const QString &contactId, Outcome outcome, const QString &transferTo,
                      const QString &notes, const ContactCall &call = {});
    // The call a contact was taken on ended after the contact did (the agent finished the
    // wrap-up with the caller still on the line): its end time and cause on that contact.
    Status recordCallEnded(const QString &contactId, const QString &callId, const QDateTime &at,
                           CallEndCause cause);
    Status recordArticleOpened(const QString &contactId, const QString &articleId);
    // A knowledge search nothing answered during the contact ("No good match"), for the
    // knowledge editors' list of gaps.
    Status recordUnansweredSearch(const QString &contactId, const QString &query,
                                  const QString &language);
    Result<QString> saveCaller(const Caller &caller); // new id when caller.id is empty
    // One step of the intake (domain/intakestep.h), for replay and practice scoring.
    Status recordStep(const QString &contactId, const QString &step, const QJsonObject &detail);

    // Validates (answers, location rules, contact rule) and saves. Errors name the problem.
    Result<CreatedRequest> createRequest(const NewRequest &request);
    Status attachCaller(const QString &requestId, const QString &callerId, const QString &note);

private:
    Result<qint64> append(const QString &entityType, const QString &entityId, const QString &kind,
                          const QJsonObject &payload);

    Database &m_database;
    EventStore &m_events;
    QString m_agent;
    Clock m_clock;
    Sink m_sink;
};

} // namespace civicdesk

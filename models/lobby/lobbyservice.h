#pragma once

#include "models/domain/categorynames.h"
#include "models/domain/clock.h"
#include "models/domain/contact.h"
#include "models/domain/result.h"
#include "models/lobby/callarbiter.h"
#include "models/lobby/lobbyrepository.h"
#include "models/lobby/lobbyrules.h"

#include <QJsonObject>
#include <QSet>
#include <functional>
#include <memory>

namespace civicdesk {

class Database;
class EventStore;

// How a lobby works; set by the city or the site.
struct LobbyPolicy
{
    // Recalls before a visitor who does not come may be marked a no-show (and after which
    // a further recall is refused: the ticket is a no-show).
    int recallsBeforeNoShow = 2;
    // The window of served visits the service rate is learnt from.
    int rateWindowMinutes = 120;
    // A counter that called someone within this window counts as open.
    int openCounterMinutes = 30;
};

// What a visitor says at check-in.
struct CheckIn
{
    QString category;      // one of the city's service categories
    QString categoryName;  // as recorded (optional: the city's English name of it)
    QString language;      // en or es
    QString accessibility; // empty, or the need
    QString name;          // optional, never shown on the board
};

// A new ticket with the wait expected when it was issued.
struct IssuedTicket
{
    LobbyTicket ticket;
    int ahead = 0;
    qint64 estimatedWaitSeconds = 0;
};

// The lobby queue's commands: each one an event through the event store (so it syncs like any
// other), checked first so that bad input writes nothing. A call goes through the CallArbiter
// when one is set (a central store is configured): the ticket is this counter's only once the
// store has recorded the call. When the store does not answer, the counter calls only tickets
// issued on this PC that the store has never seen (nobody else can know them), and those calls
// reach the store with the next push.
class LobbyService
{
public:
    LobbyService(Database &database, EventStore &events, QString agent, LobbyPolicy policy = {});
    ~LobbyService();
    // Another agent signed in at this counter: the actor of the visits' events from here on.
    void setAgent(const QString &agent) { m_agent = agent; }

    void setClock(Clock clock) { m_clock = std::move(clock); }
    // The city's service categories (the catalogue's groups): the reasons offered at check-in
    // and the source of ticket prefixes.
    void setCategories(const QStringList &categories) { m_categories = categories; }
    QStringList categories() const { return m_categories; }
    // What the city calls its categories in each language (the pack's "category_names").
    void setCategoryNames(CategoryNames names) { m_names = std::move(names); }
    // `category` as a visitor reading `language` (en, es) is shown it.
    QString categoryName(const QString &category, const QString &language) const
    {
        return m_names.name(category, language);
    }
    // Null: no central store (one workstation's queue).
    void setArbiter(CallArbiter *arbiter) { m_arbiter = arbiter; }
    const LobbyPolicy &policy() const { return m_policy; }
    const LobbyRepository &repository() const { return m_repository; }

    // Issues a ticket on this PC alone. Without a central store that is the whole queue: A012.
    // With one (an arbiter is set) this PC cannot know the numbers given elsewhere meanwhile,
    // so the number carries the PC's device code (A013-K7QMX) and no other PC can give it.
    Result<IssuedTicket> issue(const CheckIn &checkIn);
    using IssueDone = std::function<void(Result<IssuedTicket>)>;
    // Issues a ticket the way a kiosk does: without an arbiter as above; with one, the central
    // store decides the number: the ticket.issued event is pushed at once and its projection
    // refuses a number already given that day, so the next number is tried (the kiosk PCs of
    // a lobby never print the same number); when the store does not answer, as issue() above.
    // Answers once through `done`.
    void issue(const CheckIn &checkIn, IssueDone done);
    // Expected wait for someone joining `category` now (with an accessibility need: only
    // those with a need wait before them).
    qint64 estimatedWaitSeconds(const QString &category, bool accessibility = false,
                                int *ahead = nullptr) const;
    // Expected wait of someone with `ahead` people before them in `category`, from the service
    // rate of recent visits and the counters open now.
    qint64 expectedWaitSeconds(int ahead, const QString &category) const;
    // The waiting tickets `counter` may call, in call-next order.
    QList<LobbyTicket> queueFor(const CounterProfile &counter) const;

    using CallDone = std::function<void(Result<LobbyTicket>)>;
    // Calls the first ticket of the counter's order; a ticket another counter got first is
    // skipped and the next one tried. Answers once through `done` (synchronously without an
    // arbiter).
    void callNext(const CounterProfile &counter, CallDone done);
    // Calls one waiting ticket out of order; the reason is required and recorded.
    void callTicket(const CounterProfile &counter, const QString &ticketId, const QString &reason,
                    CallDone done);

    // The ticket being served at `counter` (called there, not finished).
    std::optional<LobbyTicket> current(const QString &counter) const;
    Status recall(const QString &counter);
    Status markNoShow(const QString &counter);
    Status park(const QString &counter, const QString &note);
    // Back to the queue for another counter and/or category (keeping the visitor's arrival).
    Status transfer(const QString &counter, const QString &toCounter, const QString &toCategory,
                    const QString &reason);
    // The current ticket, or one parked at this counter, goes to the back of the queue.
    Status returnToQueue(const QString &counter, const QString &ticketId = {});
    // The visit ends: outcome, the contact it became, its requests, the agent's notes.
    Status serve(const QString &counter, Outcome outcome, const QString &contactId,
                 const QStringList &requestIds, const QString &notes);

private:
    struct Attempt;
    // A ticket ready to be issued: the event and what the visitor is told.
    struct PreparedTicket
    {
        IssuedTicket issued;
        Event event;
        int seq = 0;
    };
    // Checks the check-in and makes the ticket.issued event with sequence number `seq` (at
    // least the day's next one here), the number marked with this PC's code when `marked`.
    Result<PreparedTicket> prepareIssue(const CheckIn &in, int seq, bool marked) const;
    Result<IssuedTicket> commitIssue(const PreparedTicket &prepared);
    void submitIssue(const CheckIn &in, const PreparedTicket &prepared, int attempt,
                     IssueDone done);
    void tryNext(std::shared_ptr<Attempt> attempt);
    Result<Event> makeEvent(const LobbyTicket &ticket, const QString &kind,
                            QJsonObject payload) const;
    Status append(const Event &event);
    Result<LobbyTicket> heldAt(const QString &counter) const;
    // A counter that holds a ticket calls no other.
    std::optional<Error> busyAt(const QString &counter) const;

    Database &m_database;
    EventStore &m_events;
    LobbyRepository m_repository;
    QString m_agent;
    LobbyPolicy m_policy;
    Clock m_clock;
    QStringList m_categories;
    CategoryNames m_names;
    CallArbiter *m_arbiter = nullptr;
    // Ticket rounds the central store gave to another counter (until the pull brings the call).
    QSet<QString> m_takenElsewhere;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace civicdesk

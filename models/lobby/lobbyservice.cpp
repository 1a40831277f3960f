#include "models/lobby/lobbyservice.h"

#include "models/store/database.h"
#include "models/store/eventstore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <algorithm>

namespace civicdesk {

using namespace Qt::StringLiterals;

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(LobbyService)
};

Error invalid(const QString &code, const QString &message)
{
    return makeError(code, message);
}

const QStringList &accessibilityNeeds()
{
    static const QStringList needs = {QStringLiteral("wheelchair"), QStringLiteral("vision"),
                                      QStringLiteral("hearing"), QStringLiteral("other")};
    return needs;
}

// Numbers a kiosk tries before it gives up (each refusal means another PC gave that number).
constexpr int IssueAttempts = 50;

QString roundKey(const LobbyTicket &ticket)
{
    return ticket.id + u'#' + QString::number(ticket.round);
}

} // namespace

struct LobbyService::Attempt
{
    CounterProfile counter;
    QList<LobbyTicket> candidates;
    qsizetype next = 0;
    QString reason;
    bool offline = false;
    QString offlineMessage;
    CallDone done;
};

LobbyService::LobbyService(Database &database, EventStore &events, QString agent,
                           LobbyPolicy policy)
    : m_database(database), m_events(events), m_repository(database), m_agent(std::move(agent)),
      m_policy(policy)
{
}

LobbyService::~LobbyService()
{
    *m_alive = false;
}

Result<Event> LobbyService::makeEvent(const LobbyTicket &ticket, const QString &kind,
                                      QJsonObject payload) const
{
    auto device = m_database.deviceCode();
    if (!device)
        return device.error();
    payload.insert(QStringLiteral("number"), ticket.number);
    return Event::make(QStringLiteral("ticket"), ticket.id, kind, payload, m_agent, device.value(),
                       m_clock.now());
}

Status LobbyService::append(const Event &event)
{
    auto r = m_events.append(event);
    if (!r)
        return r.error();
    return Ok{};
}

Result<LobbyService::PreparedTicket> LobbyService::prepareIssue(const CheckIn &in, int seq,
                                                                bool marked) const
{
    if (!m_categories.contains(in.category))
        return invalid(QStringLiteral("lobby.category"),
                       Text::tr("Choose the reason for the visit from the city's service "
                                "categories."));
    if (in.language != u"en" && in.language != u"es")
        return invalid(QStringLiteral("lobby.language"),
                       Text::tr("Choose the visitor's language: English or Spanish."));
    if (!in.accessibility.isEmpty() && !accessibilityNeeds().contains(in.accessibility))
        return invalid(QStringLiteral("lobby.accessibility"),
                       Text::tr("The accessibility need is wheelchair, vision, hearing or "
                                "other."));
    const QString name = in.name.simplified();
    if (name.size() > 100)
        return invalid(QStringLiteral("lobby.name"),
                       Text::tr("The name is at most 100 characters (it is optional)."));
    const QDateTime now = m_clock.now();
    const QString day = now.toLocalTime().date().toString(Qt::ISODate);
    const QString prefix = lobbyrules::prefixFor(m_categories, in.category);
    PreparedTicket prepared;
    prepared.seq = std::max(seq, m_repository.lastSequence(day, prefix) + 1);
    IssuedTicket &issued = prepared.issued;
    issued.estimatedWaitSeconds =
        estimatedWaitSeconds(in.category, !in.accessibility.isEmpty(), &issued.ahead);
    LobbyTicket &t = issued.ticket;
    t.id = Event::newId();
    t.number = lobbyrules::ticketNumber(prefix, prepared.seq);
    if (marked) {
        auto device = m_database.deviceCode();
        if (!device)
            return device.error();
        t.number = lobbyrules::markedTicketNumber(t.number, device.value());
    }
    auto event = makeEvent(
        t, QStringLiteral("ticket.issued"),
        {{QStringLiteral("category"), in.category},
         {QStringLiteral("category_name"),
          in.categoryName.isEmpty() ? categoryName(in.category, u"en"_s) : in.categoryName},
         {QStringLiteral("prefix"), prefix},
         {QStringLiteral("seq"), prepared.seq},
         {QStringLiteral("day"), day},
         {QStringLiteral("language"), in.language},
         {QStringLiteral("accessibility"), in.accessibility},
         {QStringLiteral("name"), name}});
    if (!event)
        return event.error();
    prepared.event = event.value();
    return prepared;
}

Result<IssuedTicket> LobbyService::commitIssue(const PreparedTicket &prepared)
{
    // Already here when the sync engine pulled it before the store's answer came.
    if (!m_repository.hasEvent(prepared.event.id)) {
        if (auto s = append(prepared.event); !s)
            return s.error();
    }
    IssuedTicket issued = prepared.issued;
    if (auto stored = m_repository.ticket(issued.ticket.id))
        issued.ticket = *stored;
    return issued;
}

Result<IssuedTicket> LobbyService::issue(const CheckIn &in)
{
    auto prepared = prepareIssue(in, 0, m_arbiter != nullptr);
    if (!prepared)
        return prepared.error();
    return commitIssue(prepared.value());
}

void LobbyService::issue(const CheckIn &in, IssueDone done)
{
    if (!m_arbiter) {
        done(issue(in));
        return;
    }
    auto prepared = prepareIssue(in, 0, false);
    if (!prepared) {
        done(prepared.error());
        return;
    }
    submitIssue(in, prepared.value(), 1, std::move(done));
}

void LobbyService::submitIssue(const CheckIn &in, const PreparedTicket &prepared, int attempt,
                               IssueDone done)
{
    const std::weak_ptr<bool> alive = m_alive;
    m_arbiter->submit(
        prepared.event, [this, alive, in, prepared, attempt, done](CallArbiter::Answer answer) {
            if (alive.expired())
                return;
            switch (answer.verdict) {
            case CallArbiter::Verdict::Accepted:
                done(commitIssue(prepared));
                return;
            case CallArbiter::Verdict::Refused: {
                // Another PC gave this number first (its ticket has not been pulled here yet):
                // the next one.
                if (attempt >= IssueAttempts) {
                    done(invalid(QStringLiteral("lobby.number"),
                                 Text::tr("The central store gave no ticket number after %1 tries "
                                          "(%2). Please ask at the desk.")
                                     .arg(attempt)
                                     .arg(answer.message)));
                    return;
                }
                auto next = prepareIssue(in, prepared.seq + 1, false);
                if (!next) {
                    done(next.error());
                    return;
                }
                submitIssue(in, next.value(), attempt + 1, done);
                return;
            }
            case CallArbiter::Verdict::Unreachable:
                done(issue(in));
                return;
            }
        });
}

qint64 LobbyService::estimatedWaitSeconds(const QString &category, bool accessibility,
                                          int *ahead) const
{
    int before = 0;
    for (const LobbyTicket &t : m_repository.waiting()) {
        if (t.category == category && (!accessibility || t.priority > 0))
            ++before;
    }
    if (ahead)
        *ahead = before;
    return expectedWaitSeconds(before, category);
}

qint64 LobbyService::expectedWaitSeconds(int ahead, const QString &category) const
{
    const QDateTime now = m_clock.now();
    const auto since = now.addSecs(-60LL * m_policy.rateWindowMinutes);
    std::optional<double> service = m_repository.averageServiceSeconds(since, category);
    if (!service)
        service = m_repository.averageServiceSeconds(since);
    const int counters =
        m_repository.openCounters(now.addSecs(-60LL * m_policy.openCounterMinutes));
    return lobbyrules::estimateWaitSeconds(
        ahead, service.value_or(lobbyrules::defaultServiceSeconds), counters);
}

QList<LobbyTicket> LobbyService::queueFor(const CounterProfile &counter) const
{
    return lobbyrules::callOrder(m_repository.waiting(), counter);
}

void LobbyService::callNext(const CounterProfile &counter, CallDone done)
{
    if (auto busy = busyAt(counter.counter)) {
        done(*busy);
        return;
    }
    auto attempt = std::make_shared<Attempt>();
    attempt->counter = counter;
    attempt->candidates = queueFor(counter);
    attempt->done = std::move(done);
    tryNext(attempt);
}

void LobbyService::callTicket(const CounterProfile &counter, const QString &ticketId,
                              const QString &reason, CallDone done)
{
    if (reason.trimmed().isEmpty()) {
        done(invalid(QStringLiteral("lobby.reason"),
                     Text::tr("Say why this ticket is called out of order.")));
        return;
    }
    if (auto busy = busyAt(counter.counter)) {
        done(*busy);
        return;
    }
    const auto ticket = m_repository.ticket(ticketId);
    if (!ticket || ticket->state != TicketState::Waiting) {
        done(invalid(QStringLiteral("lobby.not_waiting"),
                     Text::tr("That ticket is not waiting any more.")));
        return;
    }
    auto attempt = std::make_shared<Attempt>();
    attempt->counter = counter;
    attempt->candidates = {*ticket};
    attempt->reason = reason.simplified();
    attempt->done = std::move(done);
    tryNext(attempt);
}

void LobbyService::tryNext(std::shared_ptr<Attempt> attempt)
{
    while (attempt->next < attempt->candidates.size()) {
        const LobbyTicket ticket = attempt->candidates.at(attempt->next++);
        if (m_takenElsewhere.contains(roundKey(ticket)))
            continue;
        if (attempt->offline && !ticket.issuedHere)
            continue;
        QJsonObject payload = {{QStringLiteral("counter"), attempt->counter.counter},
                               {QStringLiteral("round"), ticket.round}};
        if (!attempt->reason.isEmpty())
            payload.insert(QStringLiteral("reason"), attempt->reason);
        auto event = makeEvent(ticket, QStringLiteral("ticket.called"), payload);
        if (!event) {
            attempt->done(event.error());
            return;
        }
        const auto finish = [this, attempt, ticket](const Event &call) {
            // Already here when the sync engine pulled it before the answer came.
            if (!m_repository.hasEvent(call.id)) {
                if (auto s = append(call); !s) {
                    attempt->done(s.error());
                    return;
                }
            }
            attempt->done(m_repository.ticket(ticket.id).value_or(ticket));
        };
        if (!m_arbiter || attempt->offline) {
            finish(event.value());
            return;
        }
        const std::weak_ptr<bool> alive = m_alive;
        const Event call = event.value();
        m_arbiter->submit(call,
                          [this, alive, attempt, call, ticket, finish](CallArbiter::Answer answer) {
                              if (alive.expired())
                                  return;
                              switch (answer.verdict) {
                              case CallArbiter::Verdict::Accepted:
                                  finish(call);
                                  return;
                              case CallArbiter::Verdict::Refused:
                                  m_takenElsewhere.insert(roundKey(ticket));
                                  tryNext(attempt);
                                  return;
                              case CallArbiter::Verdict::Unreachable:
                                  // Offline: this ticket again (if it is this PC's own), then the
                                  // rest.
                                  attempt->offline = true;
                                  attempt->offlineMessage = answer.message;
                                  --attempt->next;
                                  tryNext(attempt);
                                  return;
                              }
                          });
        return;
    }
    if (attempt->offline) {
        attempt->done(invalid(
            QStringLiteral("lobby.offline_empty"),
            Text::tr("The central store does not answer (%1). Offline, this counter calls only "
                     "tickets issued on this PC since the connection was lost, and none is "
                     "waiting.")
                .arg(attempt->offlineMessage)));
        return;
    }
    attempt->done(invalid(QStringLiteral("lobby.empty"),
                          Text::tr("Nobody is waiting for this counter's categories.")));
}

std::optional<Error> LobbyService::busyAt(const QString &counter) const
{
    const auto held = m_repository.currentAt(counter);
    if (!held)
        return std::nullopt;
    return invalid(QStringLiteral("lobby.busy"),
                   Text::tr("Ticket %1 is still at this counter: finish it, park it, transfer it "
                            "or return it to the queue first.")
                       .arg(held->number));
}

std::optional<LobbyTicket> LobbyService::current(const QString &counter) const
{
    return m_repository.currentAt(counter);
}

Result<LobbyTicket> LobbyService::heldAt(const QString &counter) const
{
    if (auto held = m_repository.currentAt(counter))
        return *held;
    return invalid(QStringLiteral("lobby.no_ticket"),
                   Text::tr("No ticket is called to this counter: call the next visitor first."));
}

Status LobbyService::recall(const QString &counter)
{
    auto held = heldAt(counter);
    if (!held)
        return held.error();
    if (held.value().recalls >= m_policy.recallsBeforeNoShow)
        return invalid(QStringLiteral("lobby.recalls"),
                       Text::tr("Ticket %1 was recalled %2 times: mark it as a no-show.")
                           .arg(held.value().number)
                           .arg(held.value().recalls));
    auto event = makeEvent(held.value(), QStringLiteral("ticket.recalled"),
                           {{QStringLiteral("counter"), counter}});
    if (!event)
        return event.error();
    return append(event.value());
}

Status LobbyService::markNoShow(const QString &counter)
{
    auto held = heldAt(counter);
    if (!held)
        return held.error();
    const int missing = m_policy.recallsBeforeNoShow - held.value().recalls;
    if (missing > 0)
        return invalid(
            QStringLiteral("lobby.recalls"),
            Text::tr("Recall ticket %1 %n more time(s) before marking a no-show.", nullptr, missing)
                .arg(held.value().number));
    auto event = makeEvent(held.value(), QStringLiteral("ticket.no_show"),
                           {{QStringLiteral("counter"), counter}});
    if (!event)
        return event.error();
    return append(event.value());
}

Status LobbyService::park(const QString &counter, const QString &note)
{
    auto held = heldAt(counter);
    if (!held)
        return held.error();
    if (note.size() > 500)
        return invalid(QStringLiteral("lobby.note"),
                       Text::tr("The note is at most 500 characters."));
    auto event =
        makeEvent(held.value(), QStringLiteral("ticket.parked"),
                  {{QStringLiteral("counter"), counter}, {QStringLiteral("note"), note.trimmed()}});
    if (!event)
        return event.error();
    return append(event.value());
}

Status LobbyService::transfer(const QString &counter, const QString &toCounter,
                              const QString &toCategory, const QString &reason)
{
    auto held = heldAt(counter);
    if (!held)
        return held.error();
    const QString target = toCounter.trimmed();
    if (target.isEmpty() && toCategory.isEmpty())
        return invalid(QStringLiteral("lobby.transfer"),
                       Text::tr("Choose the counter or the category the visitor goes to."));
    if (target.size() > 20)
        return invalid(QStringLiteral("lobby.transfer"),
                       Text::tr("A counter's name is at most 20 characters."));
    if (!toCategory.isEmpty() && !m_categories.contains(toCategory))
        return invalid(QStringLiteral("lobby.category"),
                       Text::tr("Choose the category from the city's service categories."));
    QJsonObject payload = {{QStringLiteral("counter"), counter},
                           {QStringLiteral("reason"), reason.trimmed()}};
    if (!target.isEmpty())
        payload.insert(QStringLiteral("to_counter"), target);
    if (!toCategory.isEmpty()) {
        payload.insert(QStringLiteral("to_category"), toCategory);
        payload.insert(QStringLiteral("to_category_name"), toCategory);
    }
    auto event = makeEvent(held.value(), QStringLiteral("ticket.transferred"), payload);
    if (!event)
        return event.error();
    return append(event.value());
}

Status LobbyService::returnToQueue(const QString &counter, const QString &ticketId)
{
    LobbyTicket ticket;
    if (ticketId.isEmpty()) {
        auto held = heldAt(counter);
        if (!held)
            return held.error();
        ticket = held.value();
    } else {
        auto parked = m_repository.ticket(ticketId);
        if (!parked || parked->state != TicketState::Parked || parked->counter != counter)
            return invalid(QStringLiteral("lobby.not_parked"),
                           Text::tr("That ticket is not parked at this counter."));
        ticket = *parked;
    }
    auto event = makeEvent(ticket, QStringLiteral("ticket.returned"),
                           {{QStringLiteral("counter"), counter}});
    if (!event)
        return event.error();
    return append(event.value());
}

Status LobbyService::serve(const QString &counter, Outcome outcome, const QString &contactId,
                           const QStringList &requestIds, const QString &notes)
{
    auto held = heldAt(counter);
    if (!held)
        return held.error();
    if (notes.size() > 2000)
        return invalid(QStringLiteral("lobby.note"),
                       Text::tr("The notes are at most 2,000 characters."));
    auto event = makeEvent(held.value(), QStringLiteral("ticket.served"),
                           {{QStringLiteral("counter"), counter},
                            {QStringLiteral("outcome"), outcomeName(outcome)},
                            {QStringLiteral("contact_id"), contactId},
                            {QStringLiteral("request_ids"), QJsonArray::fromStringList(requestIds)},
                            {QStringLiteral("notes"), notes.trimmed()}});
    if (!event)
        return event.error();
    return append(event.value());
}

} // namespace civicdesk

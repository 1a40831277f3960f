#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace civicdesk {

// Where a lobby ticket is now.
enum class TicketState
{
    Waiting, // in the queue (again, after a transfer or a return)
    Called,  // called to a counter, being served there
    Parked,  // set aside at a counter (the visitor fills a form, a colleague is asked)
    Served,
    NoShow
};
QString ticketStateName(TicketState state);
std::optional<TicketState> ticketStateFromName(const QString &name);

// One visitor's ticket as the lobby_tickets projection holds it.
struct LobbyTicket
{
    QString id;
    QString number; // A012: the category's prefix and the day's sequence number
    QString day;    // yyyy-MM-dd, the lobby's day the number belongs to
    QString category;
    QString categoryName;
    QString language;        // en, es
    QString accessibility;   // empty: none; otherwise the need (wheelchair, vision, hearing, other)
    int priority = 0;        // 1 for an accessibility need: called first
    QString visitorName;     // optional; never shown on the board
    QString device;          // the PC that issued it
    bool issuedHere = false; // issued on this PC and not yet in the central store
    QDateTime issuedAt;
    QDateTime queuedAt; // arrival, or the return to the queue
    TicketState state = TicketState::Waiting;
    int round = 0; // times it was put (back) in the queue; a call is of one round
    QString counter;
    QString targetCounter; // transferred to this counter
    QString agent;
    QDateTime calledAt;
    QDateTime lastCalledAt;
    int recalls = 0;
    QDateTime endedAt;
    QString outcome;
    QString contactId;
    QStringList requestIds;
    QString notes;

    // Seconds from arrival to the call (to `now` while waiting).
    qint64 waitSeconds(const QDateTime &now) const;
    // Seconds from the call to the end (to `now` while being served); 0 before a call.
    qint64 serviceSeconds(const QDateTime &now) const;
};

} // namespace civicdesk

#pragma once

#include "models/lobby/lobbyticket.h"

#include <QList>
#include <QStringList>

namespace civicdesk {

// A counter: its name on the board ("3") and the categories it serves (empty: every one).
struct CounterProfile
{
    QString counter;
    QStringList categories;
};

// The queue's rules, without a store: who is called next, ticket numbers, waits.
namespace lobbyrules {

// May `counter` call `ticket` now? A waiting ticket transferred to a counter is only that
// counter's; any other waiting ticket is called by the counters serving its category.
bool mayCall(const CounterProfile &counter, const LobbyTicket &ticket);

// The tickets `counter` may call, in the order call next takes them: first the ones transferred
// to this counter (they already waited), then accessibility needs, then first come first served
// (arrival time, then number).
QList<LobbyTicket> callOrder(const QList<LobbyTicket> &tickets, const CounterProfile &counter);

// The letter of each category: the city's categories in alphabetical order get A, B, C...
// skipping I, L and O (never read as 1 or 0); after Z: AA, AB... Empty for a category not in
// the list.
QString prefixFor(const QStringList &categories, const QString &category);
// "A012": the prefix and the day's sequence number, at least three digits.
QString ticketNumber(const QString &prefix, int seq);
// A number given while the central store could not be asked: "A013-K7QMX", the number and the
// issuing PC's device code, which no other PC has (so no other PC can give it).
QString markedTicketNumber(const QString &number, const QString &deviceCode);

// The expected wait of a visitor with `ahead` people before them, when `openCounters` serve
// the category and a visit takes `averageServiceSeconds` (at least one counter is assumed).
qint64 estimateWaitSeconds(int ahead, double averageServiceSeconds, int openCounters);
// Service time assumed before the day has any served visit to learn from (five minutes).
constexpr double defaultServiceSeconds = 300.0;

} // namespace lobbyrules

} // namespace civicdesk

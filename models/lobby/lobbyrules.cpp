#include "models/lobby/lobbyrules.h"

#include <algorithm>
#include <cmath>

namespace civicdesk::lobbyrules {

bool mayCall(const CounterProfile &counter, const LobbyTicket &ticket)
{
    if (ticket.state != TicketState::Waiting)
        return false;
    if (!ticket.targetCounter.isEmpty())
        return ticket.targetCounter == counter.counter;
    return counter.categories.isEmpty() || counter.categories.contains(ticket.category);
}

QList<LobbyTicket> callOrder(const QList<LobbyTicket> &tickets, const CounterProfile &counter)
{
    QList<LobbyTicket> order;
    for (const LobbyTicket &ticket : tickets) {
        if (mayCall(counter, ticket))
            order.append(ticket);
    }
    std::stable_sort(order.begin(), order.end(), [](const LobbyTicket &a, const LobbyTicket &b) {
        const bool aMine = !a.targetCounter.isEmpty();
        const bool bMine = !b.targetCounter.isEmpty();
        if (aMine != bMine)
            return aMine;
        if (a.priority != b.priority)
            return a.priority > b.priority;
        if (a.queuedAt != b.queuedAt)
            return a.queuedAt < b.queuedAt;
        return a.number < b.number;
    });
    return order;
}

QString prefixFor(const QStringList &categories, const QString &category)
{
    QStringList sorted = categories;
    sorted.removeDuplicates();
    std::sort(sorted.begin(), sorted.end(), [](const QString &a, const QString &b) {
        return a.compare(b, Qt::CaseInsensitive) < 0;
    });
    const qsizetype index = sorted.indexOf(category);
    if (index < 0)
        return {};
    // No I, L or O: a ticket called out loud or read on the board is never taken for 1 or 0.
    static const QString letters = QStringLiteral("ABCDEFGHJKMNPQRSTUVWXYZ");
    QString prefix;
    qsizetype n = index;
    do {
        prefix.prepend(letters.at(n % letters.size()));
        n = n / letters.size() - 1;
    } while (n >= 0);
    return prefix;
}

QString ticketNumber(const QString &prefix, int seq)
{
    return prefix + QStringLiteral("%1").arg(seq, 3, 10, QLatin1Char('0'));
}

QString markedTicketNumber(const QString &number, const QString &deviceCode)
{
    return number + u'-' + deviceCode;
}

qint64 estimateWaitSeconds(int ahead, double averageServiceSeconds, int openCounters)
{
    if (ahead <= 0)
        return 0;
    const double service =
        averageServiceSeconds > 0 ? averageServiceSeconds : defaultServiceSeconds;
    return qint64(std::llround(ahead * service / std::max(1, openCounters)));
}

} // namespace civicdesk::lobbyrules

#include "models/lobby/lobbyticket.h"

#include <array>

namespace civicdesk {

namespace {

constexpr std::array states = {
    std::pair{TicketState::Waiting, u"waiting"}, std::pair{TicketState::Called, u"called"},
    std::pair{TicketState::Parked, u"parked"}, std::pair{TicketState::Served, u"served"},
    std::pair{TicketState::NoShow, u"no_show"}};

} // namespace

QString ticketStateName(TicketState state)
{
    for (const auto &[value, name] : states) {
        if (value == state)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<TicketState> ticketStateFromName(const QString &name)
{
    for (const auto &[value, text] : states) {
        if (name == QStringView(text))
            return value;
    }
    return std::nullopt;
}

qint64 LobbyTicket::waitSeconds(const QDateTime &now) const
{
    const QDateTime end = calledAt.isValid() && state != TicketState::Waiting ? calledAt : now;
    return std::max<qint64>(0, queuedAt.secsTo(end));
}

qint64 LobbyTicket::serviceSeconds(const QDateTime &now) const
{
    if (!calledAt.isValid() || state == TicketState::Waiting)
        return 0;
    const QDateTime end = endedAt.isValid() ? endedAt : now;
    return std::max<qint64>(0, calledAt.secsTo(end));
}

} // namespace civicdesk

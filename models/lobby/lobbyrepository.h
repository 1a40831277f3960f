#pragma once

#include "models/lobby/lobbyticket.h"

#include <QList>
#include <optional>

namespace civicdesk {

class Database;

// A knowledge article opened during a visit, in the words a handout gives the visitor.
struct VisitArticle
{
    QString id = QString();
    QString title = QString();
    QString text = QString();     // the article's script (its body when it has none)
    QString language = QString(); // en, es: the visitor's when the article has that version
};

// Reads the lobby queue (the lobby_tickets and lobby_calls projections).
class LobbyRepository
{
public:
    explicit LobbyRepository(const Database &database);

    // Tickets waiting now, in arrival order.
    QList<LobbyTicket> waiting() const;
    std::optional<LobbyTicket> ticket(const QString &id) const;
    // The ticket called to `counter` and not finished yet.
    std::optional<LobbyTicket> currentAt(const QString &counter) const;
    QList<LobbyTicket> parkedAt(const QString &counter) const;
    // The last `limit` tickets called or recalled, the latest first (for the board).
    QList<LobbyTicket> recentlyCalled(int limit) const;
    // Every ticket of a day, in arrival order (the visit cards of the day).
    QList<LobbyTicket> ofDay(const QString &day) const;
    // The highest sequence number given today to tickets with this prefix.
    int lastSequence(const QString &day, const QString &prefix) const;
    // The average service time (call to end) of visits served since `since`, of one category
    // (all categories when empty); nothing when none was served.
    std::optional<double> averageServiceSeconds(const QDateTime &since,
                                                const QString &category = {}) const;
    // Counters that called a ticket since `since`.
    int openCounters(const QDateTime &since) const;
    // The public articles opened during `contactId`, in the order they were opened, each in
    // `language` when it has that translation (else as opened); internal articles never.
    QList<VisitArticle> articlesOpened(const QString &contactId, const QString &language) const;
    // What the agent looked up for the visitor during `contactId`, for the visit card: the
    // titles of the articles opened (internal ones too) and the agencies the visitor was
    // referred to, each once, in the order they came.
    struct LookedUp
    {
        QStringList articles;
        QStringList referrals;
    };
    LookedUp lookedUp(const QString &contactId) const;
    // A request type's name in `language` (es...): the city pack's name of the type in that
    // language ("service_names"), else the title of the type's knowledge seed article in it;
    // empty when the pack gives neither (the receipt then prints the catalogue's name).
    QString typeNameIn(const QString &serviceCode, const QString &language) const;
    // The event log already holds this event (pulled from the central store, for example).
    bool hasEvent(const QString &eventId) const;

private:
    QList<LobbyTicket> select(const QString &where, const QVariantList &values,
                              const QString &order) const;
    QString m_connection;
};

} // namespace civicdesk

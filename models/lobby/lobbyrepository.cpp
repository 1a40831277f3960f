#include "models/lobby/lobbyrepository.h"

#include "models/domain/servicenames.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace civicdesk {

namespace {

const QString Columns = QStringLiteral(
    "t.id, t.number, t.day, t.category, t.category_name, t.language, t.accessibility, "
    "t.priority, t.visitor_name, t.device, t.issued_at, t.queued_at, t.state, t.round, t.counter, "
    "t.target_counter, t.agent, t.called_at, t.last_called_at, t.recalls, t.ended_at, t.outcome, "
    "t.contact_id, t.request_ids, t.notes, EXISTS(SELECT 1 FROM events e WHERE e.entity_type = "
    "'ticket' AND e.entity_id = t.id AND e.kind = 'ticket.issued' AND e.server_seq IS NULL)");

QDateTime time(const QVariant &ms)
{
    if (ms.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms.toLongLong(), Qt::UTC);
}

LobbyTicket read(const QSqlQuery &q)
{
    LobbyTicket t;
    t.id = q.value(0).toString();
    t.number = q.value(1).toString();
    t.day = q.value(2).toString();
    t.category = q.value(3).toString();
    t.categoryName = q.value(4).toString();
    t.language = q.value(5).toString();
    t.accessibility = q.value(6).toString();
    t.priority = q.value(7).toInt();
    t.visitorName = q.value(8).toString();
    t.device = q.value(9).toString();
    t.issuedAt = time(q.value(10));
    t.queuedAt = time(q.value(11));
    t.state = ticketStateFromName(q.value(12).toString()).value_or(TicketState::Waiting);
    t.round = q.value(13).toInt();
    t.counter = q.value(14).toString();
    t.targetCounter = q.value(15).toString();
    t.agent = q.value(16).toString();
    t.calledAt = time(q.value(17));
    t.lastCalledAt = time(q.value(18));
    t.recalls = q.value(19).toInt();
    t.endedAt = time(q.value(20));
    t.outcome = q.value(21).toString();
    t.contactId = q.value(22).toString();
    t.requestIds = q.value(23).toString().split(u',', Qt::SkipEmptyParts);
    t.notes = q.value(24).toString();
    t.issuedHere = q.value(25).toBool();
    return t;
}

} // namespace

LobbyRepository::LobbyRepository(const Database &database) : m_connection(database.connectionName())
{
}

QList<LobbyTicket> LobbyRepository::select(const QString &where, const QVariantList &values,
                                           const QString &order) const
{
    QList<LobbyTicket> list;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q,
                   u"SELECT " + Columns + u" FROM lobby_tickets t WHERE " + where + u" ORDER BY " +
                       order,
                   values))
        return list;
    while (q.next())
        list.append(read(q));
    return list;
}

QList<LobbyTicket> LobbyRepository::waiting() const
{
    return select(QStringLiteral("t.state = 'waiting'"), {},
                  QStringLiteral("t.queued_at, t.number"));
}

std::optional<LobbyTicket> LobbyRepository::ticket(const QString &id) const
{
    const auto list = select(QStringLiteral("t.id = ?"), {id}, QStringLiteral("t.id"));
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

std::optional<LobbyTicket> LobbyRepository::currentAt(const QString &counter) const
{
    const auto list = select(QStringLiteral("t.state = 'called' AND t.counter = ?"), {counter},
                             QStringLiteral("t.called_at DESC"));
    if (list.isEmpty())
        return std::nullopt;
    return list.first();
}

QList<LobbyTicket> LobbyRepository::parkedAt(const QString &counter) const
{
    return select(QStringLiteral("t.state = 'parked' AND t.counter = ?"), {counter},
                  QStringLiteral("t.updated_at"));
}

QList<LobbyTicket> LobbyRepository::recentlyCalled(int limit) const
{
    return select(QStringLiteral("t.last_called_at IS NOT NULL"), {limit},
                  QStringLiteral("t.last_called_at DESC LIMIT ?"));
}

QList<LobbyTicket> LobbyRepository::ofDay(const QString &day) const
{
    return select(QStringLiteral("t.day = ?"), {day}, QStringLiteral("t.issued_at, t.number"));
}

int LobbyRepository::lastSequence(const QString &day, const QString &prefix) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // The prefix is the number without its digits: compare the whole prefix, not a LIKE.
    if (!sql::exec(q,
                   QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM lobby_tickets WHERE day = ? "
                                  "AND substr(number, 1, ?) = ? AND length(number) > ?"),
                   {day, int(prefix.size()), prefix, int(prefix.size())}) ||
        !q.next())
        return 0;
    return q.value(0).toInt();
}

std::optional<double> LobbyRepository::averageServiceSeconds(const QDateTime &since,
                                                             const QString &category) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   QStringLiteral("SELECT COUNT(*), AVG(ended_at - called_at) FROM lobby_tickets "
                                  "WHERE state = 'served' AND called_at IS NOT NULL AND ended_at "
                                  ">= ? AND (? = '' OR category = ?)"),
                   {since.toMSecsSinceEpoch(), category, category}) ||
        !q.next() || q.value(0).toInt() == 0)
        return std::nullopt;
    return q.value(1).toDouble() / 1000.0;
}

int LobbyRepository::openCounters(const QDateTime &since) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(
            q,
            QStringLiteral("SELECT COUNT(DISTINCT counter) FROM lobby_calls WHERE called_at >= ?"),
            {since.toMSecsSinceEpoch()}) ||
        !q.next())
        return 0;
    return q.value(0).toInt();
}

bool LobbyRepository::hasEvent(const QString &eventId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return sql::exec(q, QStringLiteral("SELECT 1 FROM events WHERE id = ?"), {eventId}) && q.next();
}

LobbyRepository::LookedUp LobbyRepository::lookedUp(const QString &contactId) const
{
    LookedUp found;
    if (contactId.isEmpty())
        return found;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q,
                  QStringLiteral("SELECT a.title FROM contact_articles ca JOIN articles a ON a.id "
                                 "= ca.article_id WHERE ca.contact_id = ? ORDER BY ca.opened_at, "
                                 "a.id"),
                  {contactId})) {
        while (q.next()) {
            if (!found.articles.contains(q.value(0).toString()))
                found.articles.append(q.value(0).toString());
        }
    }
    // A referral is one of the intake's location steps (in the event log only).
    if (sql::exec(q,
                  QStringLiteral("SELECT payload FROM events WHERE entity_type = 'contact' AND "
                                 "entity_id = ? AND kind = 'contact.step_recorded' ORDER BY "
                                 "client_time, id"),
                  {contactId})) {
        while (q.next()) {
            const QJsonObject step =
                QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
            const QString referral =
                step.value(u"detail").toObject().value(u"referral").toString().trimmed();
            if (step.value(u"step").toString() == u"location" && !referral.isEmpty() &&
                !found.referrals.contains(referral))
                found.referrals.append(referral);
        }
    }
    return found;
}

QString LobbyRepository::typeNameIn(const QString &serviceCode, const QString &language) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, QStringLiteral("SELECT value FROM meta WHERE key = 'city_service_names'")) &&
        q.next()) {
        const ServiceNames names = ServiceNames::fromMeta(q.value(0).toString(), language);
        if (const QString named = names.name(serviceCode, language); !named.isEmpty())
            return named;
    }
    if (!sql::exec(q,
                   QStringLiteral("SELECT title FROM articles WHERE id = ? AND language = ? AND "
                                  "state = 'published'"),
                   {QStringLiteral("seed:%1:%2").arg(serviceCode, language), language}) ||
        !q.next())
        return {};
    return q.value(0).toString().trimmed();
}

QList<VisitArticle> LobbyRepository::articlesOpened(const QString &contactId,
                                                    const QString &language) const
{
    QList<VisitArticle> list;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    // The translation in the visitor's language when there is one (same translation group),
    // else the article as opened; one handout entry per article group.
    if (!sql::exec(
            q,
            QStringLiteral("SELECT COALESCE(tr.id, a.id), COALESCE(tr.title, a.title), "
                           "COALESCE(tr.script, a.script), COALESCE(tr.body, a.body), "
                           "COALESCE(tr.language, a.language), COALESCE(a.translation_group, a.id) "
                           "FROM contact_articles ca JOIN articles a ON a.id = ca.article_id LEFT "
                           "JOIN articles tr ON a.language <> ? AND tr.translation_group = "
                           "a.translation_group AND tr.language = ? AND tr.audience = 'public' AND "
                           "tr.state = 'published' WHERE ca.contact_id = ? AND a.audience = "
                           "'public' ORDER BY ca.opened_at, a.id"),
            {language, language, contactId}))
        return list;
    QStringList groups;
    while (q.next()) {
        const QString group = q.value(5).toString();
        if (groups.contains(group))
            continue;
        groups.append(group);
        const QString script = q.value(2).toString().trimmed();
        list.append({q.value(0).toString(), q.value(1).toString(),
                     script.isEmpty() ? q.value(3).toString().trimmed() : script,
                     q.value(4).toString()});
    }
    return list;
}

} // namespace civicdesk

#include "models/store/projections/lobbyprojection.h"

#include "models/domain/contact.h"
#include "models/store/projections/payload.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace civicdesk::lobbyprojection {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ProjectionText
{
    Q_DECLARE_TR_FUNCTIONS(Storage)
};

using projection::invalid;
using projection::str;

const QStringList &kinds()
{
    static const QStringList all = {
        QStringLiteral("ticket.issued"),   QStringLiteral("ticket.called"),
        QStringLiteral("ticket.recalled"), QStringLiteral("ticket.no_show"),
        QStringLiteral("ticket.parked"),   QStringLiteral("ticket.transferred"),
        QStringLiteral("ticket.returned"), QStringLiteral("ticket.served")};
    return all;
}

Status exec(QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    return sql::execCached(db, statement, values);
}

} // namespace

bool handles(const Event &event)
{
    return kinds().contains(event.kind);
}

Status validate(const Event &e)
{
    if (e.entityType != u"ticket")
        return invalid(e, QStringLiteral("entity_type"), ProjectionText::tr("must be ticket"));
    const QString number = str(e, u"number");
    if (number.isEmpty() || number.size() > 12)
        return invalid(e, QStringLiteral("number"),
                       ProjectionText::tr("must be 1 to 12 characters"));
    if (e.kind == u"ticket.issued") {
        if (str(e, u"category").trimmed().isEmpty())
            return invalid(e, QStringLiteral("category"), ProjectionText::tr("is required"));
        if (!QDate::fromString(str(e, u"day"), Qt::ISODate).isValid())
            return invalid(e, QStringLiteral("day"),
                           ProjectionText::tr("must be a date such as 2026-12-06"));
        const QString language = str(e, u"language");
        if (language != u"en" && language != u"es")
            return invalid(e, QStringLiteral("language"), ProjectionText::tr("must be en or es"));
        if (str(e, u"name").size() > 100)
            return invalid(e, QStringLiteral("name"),
                           ProjectionText::tr("must be at most 100 characters"));
        return Ok{};
    }
    const QString counter = str(e, u"counter").trimmed();
    if (counter.isEmpty() || counter.size() > 20)
        return invalid(e, QStringLiteral("counter"),
                       ProjectionText::tr("must be 1 to 20 characters"));
    if (e.kind == u"ticket.called") {
        const QJsonValue round = e.payload.value(u"round");
        if (!round.isDouble() || round.toDouble() < 0)
            return invalid(e, QStringLiteral("round"),
                           ProjectionText::tr("must be a whole number from 0"));
        return Ok{};
    }
    if (e.kind == u"ticket.transferred") {
        if (str(e, u"to_counter").trimmed().isEmpty() && str(e, u"to_category").trimmed().isEmpty())
            return invalid(e, QStringLiteral("to_counter"),
                           ProjectionText::tr("or \"to_category\" is required"));
        return Ok{};
    }
    if (e.kind == u"ticket.served") {
        if (!outcomeFromName(str(e, u"outcome")))
            return invalid(e, QStringLiteral("outcome"),
                           ProjectionText::tr("is not a known outcome"));
        return Ok{};
    }
    return Ok{};
}

Status apply(QSqlDatabase &db, const Event &e)
{
    const qint64 at = e.clientTime.toMSecsSinceEpoch();
    const QString counter = str(e, u"counter").trimmed();
    if (e.kind == u"ticket.issued") {
        // One number per day (the unique index lobby_tickets_number): the central store
        // refuses a number another PC gave first, even when another server process is writing
        // it at this moment, and the kiosk that asked takes the next one (LobbyService::issue).
        const QString accessibility = str(e, u"accessibility").trimmed();
        QSqlQuery insert(db);
        if (auto s = sql::exec(
                insert,
                QStringLiteral(
                    "INSERT INTO lobby_tickets(id, number, seq, day, category, category_name, "
                    "language, accessibility, priority, visitor_name, device, issued_at, "
                    "queued_at, state, round, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, 'waiting', 0, ?) ON CONFLICT(day, number) DO NOTHING"),
                {e.entityId, str(e, u"number"), e.payload.value(u"seq").toInt(), str(e, u"day"),
                 str(e, u"category"), sql::text(str(e, u"category_name")), str(e, u"language"),
                 sql::text(accessibility), accessibility.isEmpty() ? 0 : 1,
                 sql::nullable(str(e, u"name")), e.device, at, at, at});
            !s)
            return s;
        if (insert.numRowsAffected() != 1)
            return makeError(QStringLiteral("conflict"),
                             ProjectionText::tr("Ticket number %1 is already given today.")
                                 .arg(str(e, u"number")));
        return Ok{};
    }
    if (e.kind == u"ticket.called") {
        const int round = e.payload.value(u"round").toInt();
        QSqlQuery query(db);
        if (auto s = sql::exec(
                query,
                QStringLiteral("UPDATE lobby_tickets SET state = 'called', counter = ?, agent = "
                               "?, called_at = ?, last_called_at = ?, recalls = 0, updated_at "
                               "= ? WHERE id = ? AND state = 'waiting' AND round = ?"),
                {counter, e.actor, at, at, at, e.entityId, round});
            !s)
            return s;
        if (query.numRowsAffected() != 1)
            return makeError(QStringLiteral("conflict"),
                             ProjectionText::tr("Ticket %1 is not waiting any more: another "
                                                "counter has called it.")
                                 .arg(str(e, u"number")));
        return exec(db,
                    QStringLiteral("INSERT INTO lobby_calls(ticket_id, round, number, counter, "
                                   "agent, called_at, reason) VALUES(?, ?, ?, ?, ?, ?, ?)"),
                    {e.entityId, round, str(e, u"number"), counter, e.actor, at,
                     sql::nullable(str(e, u"reason"))});
    }
    if (e.kind == u"ticket.recalled")
        return exec(db,
                    QStringLiteral("UPDATE lobby_tickets SET recalls = recalls + 1, "
                                   "last_called_at = ?, updated_at = ? WHERE id = ?"),
                    {at, at, e.entityId});
    if (e.kind == u"ticket.no_show")
        return exec(db,
                    QStringLiteral("UPDATE lobby_tickets SET state = 'no_show', ended_at = ?, "
                                   "updated_at = ? WHERE id = ?"),
                    {at, at, e.entityId});
    if (e.kind == u"ticket.parked")
        return exec(db,
                    QStringLiteral("UPDATE lobby_tickets SET state = 'parked', counter = ?, "
                                   "notes = ?, updated_at = ? WHERE id = ?"),
                    {counter, sql::text(str(e, u"note")), at, e.entityId});
    if (e.kind == u"ticket.transferred") {
        // Back in the queue for the next round, keeping the arrival time (the visitor already
        // waited), for a counter and/or a category.
        const QString toCategory = str(e, u"to_category").trimmed();
        return exec(
            db,
            QStringLiteral("UPDATE lobby_tickets SET state = 'waiting', round = round + 1, "
                           "counter = NULL, target_counter = ?, category = COALESCE(?, "
                           "category), category_name = COALESCE(?, category_name), updated_at "
                           "= ? WHERE id = ?"),
            {sql::nullable(str(e, u"to_counter").trimmed()), sql::nullable(toCategory),
             toCategory.isEmpty() ? QVariant() : QVariant(str(e, u"to_category_name")), at,
             e.entityId});
    }
    if (e.kind == u"ticket.returned")
        return exec(db,
                    QStringLiteral("UPDATE lobby_tickets SET state = 'waiting', round = round + "
                                   "1, counter = NULL, target_counter = NULL, queued_at = ?, "
                                   "updated_at = ? WHERE id = ?"),
                    {at, at, e.entityId});
    if (e.kind == u"ticket.served") {
        QStringList requests;
        for (const QJsonValue &v : e.payload.value(u"request_ids").toArray())
            requests.append(v.toString());
        return exec(db,
                    QStringLiteral("UPDATE lobby_tickets SET state = 'served', ended_at = ?, "
                                   "outcome = ?, contact_id = ?, request_ids = ?, notes = ?, "
                                   "updated_at = ? WHERE id = ?"),
                    {at, str(e, u"outcome"), sql::nullable(str(e, u"contact_id")),
                     sql::text(requests.join(u',')), sql::text(str(e, u"notes")), at, e.entityId});
    }
    return invalid(e, QStringLiteral("kind"), ProjectionText::tr("is not a known event kind"));
}

} // namespace civicdesk::lobbyprojection

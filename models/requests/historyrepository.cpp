#include "models/requests/historyrepository.h"

#include "models/domain/place.h"
#include "models/requests/requestrow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlRecord>
#include <algorithm>
#include <cmath>

namespace civicdesk {

namespace {

// "76 Alpheus Rd, 02131" and "76 Alpheus Rd Roslindale MA 02131" name the same place: compare
// the house number and street, before any comma, ignoring case and spacing.
QString addressKey(const QString &address)
{
    return address.section(u',', 0, 0).simplified().toLower();
}

bool sameAddress(const QString &key, const QString &candidate)
{
    if (key.isEmpty())
        return false;
    const QString other = candidate.simplified().toLower();
    return other.startsWith(key) && (other.size() == key.size() || other.at(key.size()) == u' ' ||
                                     other.at(key.size()) == u',');
}

int statusRank(RequestStatus status)
{
    return status == RequestStatus::Closed ? 1 : 0;
}

Contact contactFrom(const QSqlQuery &q)
{
    Contact c;
    c.id = q.value(0).toString();
    c.channel = channelFromName(q.value(1).toString()).value_or(Channel::Phone);
    c.agent = q.value(2).toString();
    c.callerId = q.value(3).toString();
    c.startedAt = sql::fromEpoch(q.value(4));
    c.endedAt = sql::fromEpoch(q.value(5));
    c.outcome = outcomeFromName(q.value(6).toString());
    c.transferDestination = q.value(7).toString();
    c.notes = q.value(8).toString();
    // With the call columns (contactEntry): the call the contact was taken on.
    if (q.record().count() > 9 && !q.value(9).isNull()) {
        c.call.callId = q.value(9).toString();
        c.call.number = q.value(10).toString();
        c.call.rawNumber = q.value(11).toString();
        c.call.dialledNumber = q.value(12).toString();
        c.call.queue = q.value(13).toString();
        c.call.offeredAt = sql::fromEpoch(q.value(14));
        c.call.answeredAt = c.startedAt;
        c.call.endedAt = sql::fromEpoch(q.value(15));
        c.call.endCause = callEndCauseFromName(q.value(16).toString());
    }
    return c;
}

} // namespace

HistoryRepository::HistoryRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

QString HistoryRepository::phoneOf(const QString &callerId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, QStringLiteral("SELECT phone FROM callers WHERE id = ?"), {callerId}) ||
        !q.next())
        return {};
    return q.value(0).toString();
}

QList<HistoryEntry> HistoryRepository::forCaller(const QString &callerId, int limit) const
{
    QList<HistoryEntry> entries;
    if (callerId.isEmpty())
        return entries;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + requestrow::columns() +
                       u" FROM requests WHERE caller_id = ? UNION SELECT " + requestrow::columns() +
                       u" FROM requests WHERE id IN (SELECT request_id FROM request_callers "
                       u"WHERE caller_id = ?) ORDER BY opened_at DESC LIMIT ?",
                   {callerId, callerId, limit}))
        return entries;
    while (q.next())
        entries.append({HistoryEntry::Kind::Request, requestrow::from(q), {}, {}, false, -1});

    // The caller's contacts: recorded with the caller, or running when one of the caller's
    // requests was made or joined.
    QStringList contactIds;
    if (sql::exec(q,
                  QStringLiteral("SELECT id FROM contacts WHERE caller_id = ? ORDER BY "
                                 "started_at DESC LIMIT ?"),
                  {callerId, limit})) {
        while (q.next())
            contactIds.append(q.value(0).toString());
    }
    for (const HistoryEntry &entry : std::as_const(entries)) {
        if (!sql::exec(q,
                       QStringLiteral("SELECT seq, device, payload FROM events WHERE entity_type "
                                      "= 'request' AND entity_id = ? AND kind IN "
                                      "('request.created', 'request.caller_attached') ORDER BY "
                                      "seq"),
                       {entry.request.id}))
            continue;
        QList<std::pair<QString, qint64>> marks;
        while (q.next()) {
            const QJsonObject payload = QJsonDocument::fromJson(q.value(2).toByteArray()).object();
            if (payload.value(u"caller_id").toString() == callerId)
                marks.append({q.value(1).toString(), q.value(0).toLongLong()});
        }
        for (const auto &[device, seq] : std::as_const(marks)) {
            const QString contact = contactAround(device, seq);
            if (!contact.isEmpty() && !contactIds.contains(contact))
                contactIds.append(contact);
        }
    }
    for (const QString &id : std::as_const(contactIds)) {
        if (auto contact = contactEntry(id))
            entries.append(std::move(*contact));
    }
    std::stable_sort(
        entries.begin(), entries.end(),
        [](const HistoryEntry &a, const HistoryEntry &b) { return a.when() > b.when(); });
    if (entries.size() > limit)
        entries.resize(limit);
    return entries;
}

QList<HistoryEntry> HistoryRepository::nearLocation(double latitude, double longitude,
                                                    const QString &address, int radiusMeters,
                                                    int limit) const
{
    QList<HistoryEntry> entries;
    const double dLat = std::max(0, radiusMeters) / 111320.0;
    const double dLon =
        std::max(0, radiusMeters) / (111320.0 * std::max(0.01, std::cos(latitude * M_PI / 180)));
    const QString key = addressKey(address);
    const QString prefix = address.section(u',', 0, 0).simplified();
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // The R*Tree gives the box around the point; the address index gives rows at the same
    // address that have no coordinates.
    if (!sql::exec(q,
                   u"SELECT " + requestrow::columns() +
                       u" FROM requests WHERE rowid IN (SELECT id FROM requests_rtree WHERE "
                       u"max_lat >= ? AND min_lat <= ? AND max_lon >= ? AND min_lon <= ?) UNION "
                       u"SELECT " +
                       requestrow::columns() +
                       u" FROM requests WHERE ? != '' AND address >= ? AND address < ?",
                   {latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon, prefix,
                    prefix, QString(prefix + QChar(0xFFFF))}))
        return entries;
    QSet<QString> seen;
    while (q.next()) {
        HistoryEntry entry{HistoryEntry::Kind::Request, requestrow::from(q), {}, {}, false, -1};
        if (seen.contains(entry.request.id))
            continue;
        seen.insert(entry.request.id);
        if (entry.request.latitude && entry.request.longitude)
            entry.distanceMeters = distanceMeters(latitude, longitude, *entry.request.latitude,
                                                  *entry.request.longitude);
        entry.sameAddress = sameAddress(key, entry.request.address);
        if (!entry.sameAddress && (entry.distanceMeters < 0 || entry.distanceMeters > radiusMeters))
            continue;
        entries.append(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const HistoryEntry &a, const HistoryEntry &b) {
        if (a.sameAddress != b.sameAddress)
            return a.sameAddress;
        if (statusRank(a.request.status) != statusRank(b.request.status))
            return statusRank(a.request.status) < statusRank(b.request.status);
        if (a.request.openedAt != b.request.openedAt)
            return a.request.openedAt > b.request.openedAt;
        return a.request.id < b.request.id;
    });
    if (entries.size() > limit)
        entries.resize(limit);
    return entries;
}

QList<HistoryEntry> HistoryRepository::forAgent(const QString &agent, int limit) const
{
    QList<HistoryEntry> entries;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    QStringList ids;
    if (!sql::exec(q,
                   QStringLiteral("SELECT id FROM contacts WHERE agent = ? ORDER BY started_at "
                                  "DESC LIMIT ?"),
                   {agent, limit}))
        return entries;
    while (q.next())
        ids.append(q.value(0).toString());
    for (const QString &id : std::as_const(ids)) {
        if (auto entry = contactEntry(id))
            entries.append(std::move(*entry));
    }
    return entries;
}

QList<Caller> HistoryRepository::callersOf(const QString &requestId) const
{
    QList<Caller> callers;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(
            q,
            QStringLiteral("SELECT c.id, c.name, c.phone, c.email, c.language, 0 AS ord, 0 FROM "
                           "callers c JOIN requests r ON r.caller_id = c.id WHERE r.id = ? UNION "
                           "SELECT c.id, c.name, c.phone, c.email, c.language, 1, rc.added_at FROM "
                           "callers c JOIN request_callers rc ON rc.caller_id = c.id WHERE "
                           "rc.request_id = ? ORDER BY 6, 7"),
            {requestId, requestId}))
        return callers;
    QSet<QString> seen;
    while (q.next()) {
        Caller c;
        c.id = q.value(0).toString();
        if (seen.contains(c.id))
            continue;
        seen.insert(c.id);
        c.name = q.value(1).toString();
        c.phone = q.value(2).toString();
        c.email = q.value(3).toString();
        c.language = q.value(4).toString();
        callers.append(c);
    }
    return callers;
}

QStringList HistoryRepository::requestIdsOfContact(const QString &contactId) const
{
    QStringList ids;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   QStringLiteral("SELECT kind, seq, device FROM events WHERE entity_type = "
                                  "'contact' AND entity_id = ? AND kind IN ('contact.started', "
                                  "'contact.ended') ORDER BY seq"),
                   {contactId}))
        return ids;
    QString device;
    qint64 start = -1;
    qint64 end = std::numeric_limits<qint64>::max();
    while (q.next()) {
        if (q.value(0).toString() == u"contact.started") {
            start = q.value(1).toLongLong();
            device = q.value(2).toString();
        } else {
            end = q.value(1).toLongLong();
        }
    }
    if (start < 0)
        return ids;
    if (!sql::exec(q,
                   QStringLiteral("SELECT entity_id FROM events WHERE device = ? AND kind IN "
                                  "('request.created', 'request.caller_attached') AND seq > ? "
                                  "AND seq < ? ORDER BY seq"),
                   {device, start, end}))
        return ids;
    while (q.next()) {
        if (const QString id = q.value(0).toString(); !ids.contains(id))
            ids.append(id);
    }
    return ids;
}

QString HistoryRepository::contactAround(const QString &device, qint64 seq) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   QStringLiteral("SELECT entity_id, seq FROM events WHERE device = ? AND kind "
                                  "= 'contact.started' AND seq < ? ORDER BY seq DESC LIMIT 1"),
                   {device, seq}) ||
        !q.next())
        return {};
    const QString contact = q.value(0).toString();
    if (!sql::exec(q,
                   QStringLiteral("SELECT count(*) FROM events WHERE entity_type = 'contact' AND "
                                  "entity_id = ? AND kind = 'contact.ended' AND seq < ?"),
                   {contact, seq}) ||
        !q.next() || q.value(0).toInt() > 0)
        return {};
    return contact;
}

std::optional<HistoryEntry> HistoryRepository::contactEntry(const QString &contactId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   QStringLiteral("SELECT id, channel, agent, caller_id, started_at, ended_at, "
                                  "outcome, transfer_destination, notes, call_id, call_number, "
                                  "call_number_raw, call_dialled, call_queue, call_offered_at, "
                                  "call_ended_at, call_end_cause FROM contacts WHERE id = ?"),
                   {contactId}) ||
        !q.next())
        return std::nullopt;
    HistoryEntry entry;
    entry.kind = HistoryEntry::Kind::Contact;
    entry.contact = contactFrom(q);
    entry.contact.requestIds = requestIdsOfContact(contactId);
    for (const QString &id : std::as_const(entry.contact.requestIds)) {
        if (!sql::exec(q, u"SELECT " + requestrow::columns() + u" FROM requests WHERE id = ?",
                       {id}) ||
            !q.next())
            continue;
        const ServiceRequest request = requestrow::from(q);
        if (entry.requestNumbers.isEmpty())
            entry.request = request;
        entry.requestNumbers.append(request.number);
    }
    return entry;
}

} // namespace civicdesk

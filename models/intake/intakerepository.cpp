#include "models/intake/intakerepository.h"

#include "models/intake/knownissues.h"
#include "models/requests/callerrow.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"

#include <QJsonDocument>

namespace civicdesk {

namespace {
std::optional<double> optionalDouble(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

Caller callerFrom(const QSqlQuery &q)
{
    return callerrow::from(q);
}

const QString callerColumns =
    QStringLiteral("c.id, c.name, c.phone, c.email, c.language, c.preference, (SELECT count(*) "
                   "FROM requests r WHERE r.caller_id = c.id) + (SELECT count(*) FROM "
                   "request_callers rc WHERE rc.caller_id = c.id)");
} // namespace

IntakeRepository::IntakeRepository(const Database &database)
    : m_connection(database.connectionName())
{
}

QList<AddressPoint> IntakeRepository::addresses() const
{
    QList<AddressPoint> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q, QStringLiteral("SELECT id, house_number, street_name, zip, city, latitude, "
                                     "longitude, neighborhood, ward, precinct FROM addresses "
                                     "ORDER BY id")))
        return result;
    while (q.next()) {
        result.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString(), optionalDouble(q.value(5)),
                       optionalDouble(q.value(6)), q.value(7).toString(), q.value(8).toString(),
                       q.value(9).toString()});
    }
    return result;
}

QList<Intersection> IntakeRepository::intersections() const
{
    QList<Intersection> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!sql::exec(q, QStringLiteral("SELECT id, name, latitude, longitude, neighborhood FROM "
                                     "intersections ORDER BY id")))
        return result;
    while (q.next())
        result.append({q.value(0).toLongLong(), q.value(1).toString(), optionalDouble(q.value(2)),
                       optionalDouble(q.value(3)), q.value(4).toString()});
    return result;
}

QList<Referral> IntakeRepository::referrals() const
{
    QList<Referral> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, QStringLiteral("SELECT name, kind, phone, hours, places, zips, notes FROM "
                                     "referrals ORDER BY id")))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString().split(u'|', Qt::SkipEmptyParts),
                       q.value(5).toString().split(u'|', Qt::SkipEmptyParts),
                       q.value(6).toString()});
    return result;
}

QList<CallerMatch> IntakeRepository::findCallers(const QString &text, int limit) const
{
    QList<CallerMatch> result;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return result;
    const QString phone = Caller::normalizePhone(trimmed);
    const QString email = Caller::normalizeEmail(trimmed);
    QString pattern = trimmed;
    pattern.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(
            q,
            u"SELECT " + callerColumns +
                u" FROM callers c WHERE (? != '' AND c.phone = ?) OR c.email = ? OR "
                u"c.name LIKE ? ESCAPE '\\' ORDER BY c.updated_at DESC LIMIT ?",
            {sql::text(phone), sql::text(phone), email, QString(u'%' + pattern + u'%'), limit}))
        return result;
    while (q.next())
        result.append({callerFrom(q), q.value(6).toInt()});
    return result;
}

std::optional<Caller> IntakeRepository::caller(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, u"SELECT " + callerColumns + u" FROM callers c WHERE c.id = ?", {id}) &&
        q.next())
        return callerFrom(q);
    return std::nullopt;
}

QList<CallerMatch> IntakeRepository::callersWithPhone(const QString &number, int limit) const
{
    QList<CallerMatch> result;
    if (number.trimmed().isEmpty())
        return result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q,
                   u"SELECT " + callerColumns +
                       u" AS requests FROM callers c WHERE c.phone = ? ORDER BY requests DESC, "
                       u"c.updated_at DESC, c.id LIMIT ?",
                   {number, limit}))
        return result;
    while (q.next())
        result.append({callerFrom(q), q.value(6).toInt()});
    return result;
}

QList<KnownIssue> IntakeRepository::knownIssues(const QDateTime &now) const
{
    return KnownIssues::inForce(m_connection, now);
}

Status IntakeRepository::saveDraft(const Draft &draft)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return sql::exec(
        q,
        QStringLiteral("INSERT INTO drafts(id, contact_id, kind, payload, updated_at) VALUES(?, "
                       "?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET contact_id = "
                       "excluded.contact_id, kind = excluded.kind, payload = excluded.payload, "
                       "updated_at = excluded.updated_at"),
        {draft.id, sql::nullable(draft.contactId), draft.kind,
         QString::fromUtf8(QJsonDocument(draft.payload).toJson(QJsonDocument::Compact)),
         draft.updatedAt.toMSecsSinceEpoch()});
}

Status IntakeRepository::removeDraft(const QString &id)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return sql::exec(q, QStringLiteral("DELETE FROM drafts WHERE id = ?"), {id});
}

QList<Draft> IntakeRepository::drafts() const
{
    QList<Draft> result;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!sql::exec(q, QStringLiteral("SELECT id, contact_id, kind, payload, updated_at FROM "
                                     "drafts ORDER BY updated_at")))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       QJsonDocument::fromJson(q.value(3).toByteArray()).object(),
                       QDateTime::fromMSecsSinceEpoch(q.value(4).toLongLong(), Qt::UTC)});
    return result;
}

} // namespace civicdesk

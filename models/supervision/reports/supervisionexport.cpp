#include "models/supervision/reports/supervisionexport.h"

#include "models/store/database.h"
#include "models/store/sql/sql.h"
#include "models/supervision/agentteams.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "models/supervision/lobbyfigures.h"
#include "models/supervision/reports/csvwriter.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

namespace civicdesk {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(SupervisionExport)
};

// What an export adds to a request beyond the drill-down's line.
struct RequestExtra
{
    QString serviceCode = QString();
    QString channel = QString();
    QString address = QString();
    QString neighborhood = QString();
    QString ward = QString();
    QString zip = QString();
    QString latitude = QString();
    QString longitude = QString();
    QString createdBy = QString();
    QString callerName = QString();
    QString callerPhone = QString();
    QString callerEmail = QString();
    bool anonymous = false; // its type's details must never be collected
};

// Looks requests up by id with one prepared statement, each once.
class RequestExtras
{
public:
    explicit RequestExtras(const QString &connection) : m_query(QSqlDatabase::database(connection))
    {
        m_ok = m_query.prepare(QStringLiteral(
            "SELECT r.service_code, r.channel, r.address, r.neighborhood, r.ward, r.zip, "
            "r.latitude, r.longitude, (SELECT min(e.actor) FROM events e WHERE e.entity_type = "
            "'request' AND e.entity_id = r.id AND e.kind = 'request.created'), cl.name, "
            "cl.phone, cl.email, t.contact_rule FROM requests r LEFT JOIN callers cl ON cl.id "
            "= r.caller_id LEFT JOIN service_types t ON t.code = r.service_code WHERE r.id = ?"));
        if (!m_ok)
            m_error = sql::errorOf(m_query, QStringLiteral("export"));
    }

    Result<RequestExtra> of(const QString &id)
    {
        if (!m_ok)
            return m_error;
        if (auto found = m_cache.constFind(id); found != m_cache.cend())
            return *found;
        if (auto s = sql::execPrepared(m_query, {id}); !s)
            return s.error();
        RequestExtra x;
        if (m_query.next()) {
            const auto text = [this](int column) { return m_query.value(column).toString(); };
            const auto number = [this](int column) {
                return m_query.value(column).isNull()
                           ? QString()
                           : QString::number(m_query.value(column).toDouble(), 'f', 6);
            };
            x = {text(0),
                 text(1),
                 text(2),
                 text(3),
                 text(4),
                 text(5),
                 number(6),
                 number(7),
                 text(8),
                 text(9),
                 text(10),
                 text(11),
                 text(12) == u"never"};
        }
        m_query.finish();
        m_cache.insert(id, x);
        return x;
    }

private:
    QSqlQuery m_query;
    bool m_ok = false;
    Error m_error;
    QHash<QString, RequestExtra> m_cache;
};

// Who may see what: other roles than supervisors and admins see their own work only, and
// never a caller's details.
KpiFilter scoped(KpiFilter filter, AgentRole role, const QString &agent)
{
    if (!mayReviewAgents(role))
        filter.agent = agent;
    return filter;
}

QString cityTime(qint64 secs, const QTimeZone &zone)
{
    if (secs <= 0)
        return QString();
    return QDateTime::fromSecsSinceEpoch(secs, zone)
        .toString(Qt::ISODateWithMs)
        .remove(QStringLiteral(".000"));
}

Status tooMany(qsizetype rows)
{
    if (rows <= SupervisionExport::MaxRows)
        return Ok{};
    return makeError(QStringLiteral("export.too_many"),
                     Text::tr("More than %1 rows: export a shorter period.")
                         .arg(QLocale().toString(SupervisionExport::MaxRows)));
}

} // namespace

SupervisionExport::SupervisionExport(const Database &database)
    : m_database(database), m_connection(database.connectionName())
{
}

QStringList SupervisionExport::contactColumns()
{
    return {QStringLiteral("contact_id"),
            QStringLiteral("started_at"),
            QStringLiteral("ended_at"),
            QStringLiteral("handle_seconds"),
            QStringLiteral("channel"),
            QStringLiteral("agent"),
            QStringLiteral("outcome"),
            QStringLiteral("transfer_destination"),
            QStringLiteral("request_numbers"),
            QStringLiteral("service_codes"),
            QStringLiteral("caller_name"),
            QStringLiteral("caller_phone"),
            QStringLiteral("caller_email"),
            QStringLiteral("call_id"),
            QStringLiteral("team")};
}

QStringList SupervisionExport::requestColumns()
{
    return {QStringLiteral("request_id"),   QStringLiteral("number"),
            QStringLiteral("service_code"), QStringLiteral("type_name"),
            QStringLiteral("department"),   QStringLiteral("status"),
            QStringLiteral("channel"),      QStringLiteral("opened_at"),
            QStringLiteral("due_at"),       QStringLiteral("closed_at"),
            QStringLiteral("sla"),          QStringLiteral("hours_open"),
            QStringLiteral("address"),      QStringLiteral("neighborhood"),
            QStringLiteral("ward"),         QStringLiteral("zip"),
            QStringLiteral("latitude"),     QStringLiteral("longitude"),
            QStringLiteral("created_by"),   QStringLiteral("caller_name"),
            QStringLiteral("caller_phone"), QStringLiteral("caller_email"),
            QStringLiteral("team")};
}

bool SupervisionExport::mayExportCallerDetails(AgentRole role)
{
    return mayReviewAgents(role);
}

Result<int> SupervisionExport::writeContacts(QIODevice &out, const KpiFilter &given, AgentRole role,
                                             const QString &agent, bool callerDetails) const
{
    const KpiFilter filter = scoped(given, role, agent);
    const bool personal = callerDetails && mayExportCallerDetails(role);
    auto lines = SupervisionKpis(m_database)
                     .contactsBehind(filter, KpiCell{KpiCell::Metric::Contacts}, MaxRows + 1);
    if (!lines)
        return lines.error();
    if (auto s = tooMany(lines.value().size()); !s)
        return s.error();
    // The contact's own caller (a screen pop), else the caller of what it made or joined; the
    // phone system's call id (telephony), so its records join these rows.
    QHash<QString, QStringList> callerOf;
    QHash<QString, QString> callIdOf;
    {
        QSqlQuery q(QSqlDatabase::database(m_connection));
        if (auto s = sql::exec(q,
                               QStringLiteral("SELECT id, call_id FROM contacts WHERE call_id IS "
                                              "NOT NULL AND started_at >= CAST(? AS BIGINT) AND "
                                              "started_at < CAST(? AS BIGINT)"),
                               {filter.period.start(), filter.period.end()});
            !s)
            return s.error();
        while (q.next())
            callIdOf.insert(q.value(0).toString(), q.value(1).toString());
        if (auto s = sql::exec(q,
                               QStringLiteral("SELECT c.id, cl.name, cl.phone, cl.email FROM "
                                              "contacts c JOIN callers cl ON cl.id = c.caller_id "
                                              "WHERE c.started_at >= CAST(? AS BIGINT) AND "
                                              "c.started_at < CAST(? AS BIGINT)"),
                               {filter.period.start(), filter.period.end()});
            !s)
            return s.error();
        while (q.next())
            callerOf.insert(q.value(0).toString(),
                            {q.value(1).toString(), q.value(2).toString(), q.value(3).toString()});
    }
    RequestExtras extras(m_connection);
    const QMap<QString, QString> teamOf = AgentTeams::memberships(m_connection);
    CsvWriter csv(out);
    if (auto s = csv.writeLine(contactColumns()); !s)
        return s.error();
    int rows = 0;
    for (const KpiContactLine &c : lines.value()) {
        QStringList codes;
        bool anonymous = false;
        QStringList caller = callerOf.value(c.id, {QString(), QString(), QString()});
        for (const QString &id : c.requestIds) {
            auto x = extras.of(id);
            if (!x)
                return x.error();
            if (!codes.contains(x.value().serviceCode))
                codes.append(x.value().serviceCode);
            anonymous = anonymous || x.value().anonymous;
            if (caller.first().isEmpty() && caller.at(1).isEmpty() && caller.last().isEmpty())
                caller = {x.value().callerName, x.value().callerPhone, x.value().callerEmail};
        }
        if (!personal || anonymous)
            caller = {QString(), QString(), QString()};
        const QStringList row = {c.id,
                                 cityTime(c.startedAt, filter.period.zone),
                                 cityTime(c.endedAt, filter.period.zone),
                                 c.endedAt > 0 ? QString::number(c.endedAt - c.startedAt)
                                               : QString(),
                                 c.channel,
                                 c.agent,
                                 c.outcome,
                                 c.transferDestination,
                                 c.requestNumbers.join(u' '),
                                 codes.join(u' '),
                                 caller.at(0),
                                 caller.at(1),
                                 caller.at(2),
                                 callIdOf.value(c.id),
                                 teamOf.value(c.agent)};
        if (auto s = csv.writeLine(row); !s)
            return s.error();
        ++rows;
    }
    return rows;
}

Result<int> SupervisionExport::writeRequests(QIODevice &out, const KpiFilter &given, AgentRole role,
                                             const QString &agent, bool callerDetails,
                                             const QDateTime &nowTime) const
{
    const KpiFilter filter = scoped(given, role, agent);
    const bool personal = callerDetails && mayExportCallerDetails(role);
    auto lines =
        SupervisionKpis(m_database)
            .requestsBehind(filter, KpiCell{KpiCell::Metric::RequestsOpened}, nowTime, MaxRows + 1);
    if (!lines)
        return lines.error();
    if (auto s = tooMany(lines.value().size()); !s)
        return s.error();
    const qint64 now = nowTime.toSecsSinceEpoch();
    RequestExtras extras(m_connection);
    const QMap<QString, QString> teamOf = AgentTeams::memberships(m_connection);
    CsvWriter csv(out);
    if (auto s = csv.writeLine(requestColumns()); !s)
        return s.error();
    int rows = 0;
    for (const KpiRequestLine &r : lines.value()) {
        auto found = extras.of(r.id);
        if (!found)
            return found.error();
        const RequestExtra &x = found.value();
        QString sla;
        if (r.dueAt > 0) {
            if (r.closedAt > 0)
                sla = r.closedAt <= r.dueAt ? QStringLiteral("met") : QStringLiteral("missed");
            else
                sla = now > r.dueAt ? QStringLiteral("overdue") : QStringLiteral("open");
        }
        const qint64 until = r.closedAt > 0 ? r.closedAt : now;
        const bool showCaller = personal && !x.anonymous;
        const QStringList row = {
            r.id,
            r.number,
            x.serviceCode,
            r.typeName,
            r.department,
            r.status,
            x.channel,
            cityTime(r.openedAt, filter.period.zone),
            cityTime(r.dueAt, filter.period.zone),
            cityTime(r.closedAt, filter.period.zone),
            sla,
            QString::number(double(qMax<qint64>(0, until - r.openedAt)) / 3600.0, 'f', 1),
            x.address,
            x.neighborhood,
            x.ward,
            x.zip,
            x.latitude,
            x.longitude,
            x.createdBy,
            showCaller ? x.callerName : QString(),
            showCaller ? x.callerPhone : QString(),
            showCaller ? x.callerEmail : QString(),
            teamOf.value(x.createdBy)};
        if (auto s = csv.writeLine(row); !s)
            return s.error();
        ++rows;
    }
    return rows;
}

Result<int> SupervisionExport::writeLobbyVisits(QIODevice &out, const KpiFilter &given,
                                                AgentRole role, const QString &agent) const
{
    const KpiFilter filter = scoped(given, role, agent);
    return LobbyFigures(m_database).writeCsv(out, filter.period, filter.agent);
}

} // namespace civicdesk

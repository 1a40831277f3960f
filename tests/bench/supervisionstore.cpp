#include "tests/bench/supervisionstore.h"

#include "models/store/schema/kpirollups.h"
#include "models/store/sql/sql.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace civicdesk::bench {

namespace {

void exec(QSqlDatabase &db, const QString &statement, const QVariantList &values = {})
{
    QSqlQuery q(db);
    if (auto s = sql::exec(q, statement, values); !s)
        qFatal("bench: %s", qPrintable(s.error().message));
}

// The numbers 0 .. count - 1 as rows n(i), on either engine.
QString numbers(Dialect dialect, int count)
{
    if (dialect == Dialect::Postgres)
        return QStringLiteral("n AS (SELECT generate_series(0, %1) AS i)").arg(count - 1);
    return QStringLiteral("RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %1)")
        .arg(count - 1);
}

// A deterministic scramble of the row number, different for each `k`: (0 .. 4294967290).
QString mix(int k)
{
    return QStringLiteral("(((i + %1) * 2654435761) % 4294967291)").arg(k * 7919);
}

QString pick(int k, const QStringList &values)
{
    QString s = u"CASE " + mix(k) + u" % " + QString::number(values.size());
    for (qsizetype v = 0; v < values.size(); ++v)
        s += QStringLiteral(" WHEN %1 THEN '%2'").arg(v).arg(values.at(v));
    return s + u" END";
}

const QStringList Channels = {QStringLiteral("phone"), QStringLiteral("phone"),
                              QStringLiteral("phone"), QStringLiteral("walk_in"),
                              QStringLiteral("email"), QStringLiteral("web")};
const QStringList Outcomes = {
    QStringLiteral("information_given"), QStringLiteral("information_given"),
    QStringLiteral("warm_transfer"),     QStringLiteral("cold_transfer"),
    QStringLiteral("caller_hung_up"),    QStringLiteral("referred")};

// The request columns for a row of `source` with `opened` (an expression) as its opening time.
QString requestColumns(const QString &opened, qint64 end)
{
    const QString type = mix(5) + u" % 50";
    const QString closed =
        QStringLiteral("(%1 < %2 AND %3 % 100 >= 20)").arg(opened).arg(end - 86400).arg(mix(6));
    return QStringLiteral("'T' || (%1), 'Type ' || (%1), CASE WHEN %2 THEN 'closed' ELSE 'open' "
                          "END, %3, 'D' || ((%1) % 10), CASE WHEN %4 % 10 < 6 THEN 'caller-' || "
                          "(%5 % %6) END, %7, %7 + (1 + (%1) % 10) * 86400, CASE WHEN %2 THEN "
                          "CASE WHEN %7 + %8 % 1036800 > %9 THEN %9 ELSE %7 + %8 % 1036800 END "
                          "END")
        .arg(type, closed, pick(10, Channels), mix(8), mix(9))
        .arg(SupervisionStoreShape::Callers)
        .arg(opened, mix(7))
        .arg(end);
}

} // namespace

void generateSupervisionStore(Database &database, const SupervisionStoreShape &shape)
{
    QSqlDatabase db = QSqlDatabase::database(database.connectionName());
    const Dialect dialect = database.dialect();
    if (dialect == Dialect::Sqlite)
        exec(db, QStringLiteral("PRAGMA synchronous = OFF"));
    const qint64 end = supervisionNow().toSecsSinceEpoch();
    const qint64 start = end - 365 * 86400;
    const int n = shape.contacts;
    if (!db.transaction())
        qFatal("bench: no transaction");
    // One row per contact with what the generator decided about it.
    exec(db, QStringLiteral(
                 "CREATE TEMP TABLE gen AS WITH %1 SELECT i, %2 + CAST(i AS BIGINT) * %3 / %4 AS "
                 "started, 60 + %5 % 600 AS handle, 'agent' || (i % %6) AS agent, "
                 "'W' || (i % %6) AS device, %7 % 2 = 0 AS request, %8 AS channel, "
                 "%9 AS outcome FROM n")
                 .arg(numbers(dialect, n))
                 .arg(start)
                 .arg(end - start)
                 .arg(n)
                 .arg(mix(1))
                 .arg(SupervisionStoreShape::Agents)
                 .arg(mix(2), pick(3, Channels), pick(4, Outcomes)));
    exec(db, QStringLiteral("INSERT INTO contacts(id, channel, agent, started_at, ended_at, "
                            "outcome) SELECT 'c' || i, channel, agent, started, started + handle, "
                            "CASE WHEN request THEN 'request_created' ELSE outcome END FROM gen"));
    const QString requestInsert =
        QStringLiteral("INSERT INTO requests(id, number, service_code, type_name, status, channel, "
                       "department_code, caller_id, opened_at, due_at, closed_at, origin) ");
    exec(db, requestInsert + u"SELECT 'r' || i, 'B' || i, " +
                 requestColumns(QStringLiteral("(started + 30)"), end) +
                 u", 'local' FROM gen WHERE request");
    // The events in the order a workstation writes them: a contact's start, the request made
    // during it, its end.
    exec(db, QStringLiteral(
                 "INSERT INTO events(id, entity_type, entity_id, kind, payload, actor, device, "
                 "client_time) SELECT id, entity_type, entity_id, kind, '{}', agent, device, at "
                 "FROM (SELECT i, 0 AS part, 'e' || i || 's' AS id, 'contact' AS entity_type, "
                 "'c' || i AS entity_id, 'contact.started' AS kind, agent, device, started * "
                 "1000 AS at FROM gen UNION ALL SELECT i, 1, 'e' || i || 'r', 'request', 'r' || "
                 "i, 'request.created', agent, device, (started + 30) * 1000 FROM gen WHERE "
                 "request UNION ALL SELECT i, 2, 'e' || i || 'e', 'contact', 'c' || i, "
                 "'contact.ended', agent, device, (started + handle) * 1000 FROM gen) x ORDER BY "
                 "i, part"));
    exec(db, QStringLiteral("DROP TABLE gen"));
    exec(db,
         requestInsert +
             QStringLiteral("WITH %1 SELECT 'i' || i, 'I' || i, %2, 'import' FROM n")
                 .arg(numbers(dialect, shape.imported),
                      requestColumns(
                          QStringLiteral("(%1 + %2 % %3)").arg(start).arg(mix(11)).arg(end - start),
                          end)));
    if (auto s = kpirollups::rebuild(db); !s)
        qFatal("bench: %s", qPrintable(s.error().message));
    exec(db, QStringLiteral("INSERT INTO meta(key, value) VALUES('bench_supervision', ?)"),
         {QString::number(n)});
    if (!db.commit())
        qFatal("bench: commit failed");
    exec(db, QStringLiteral("ANALYZE"));
}

} // namespace civicdesk::bench

// The KPI rollups (models/store/schema/kpirollups.h) against what they stand for. A random
// fortnight around New York's spring clock change, written through the event store as workstations
// would (contacts on several workstations, some running, some ended twice, requests made and
// callers attached during them, types and callers corrected later): every period's contact figures
// for random filters equal the ones counted here contact by contact in the city's zone, its
// first-contact resolution equals the one the log gives from scratch, and the rollups kept as
// the events
// arrived equal the ones built from scratch afterwards (first-contact resolution and the
// request figures too), on SQLite and PostgreSQL. And a store written by the previous schema
// gets its rollups built when it is upgraded.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/schema/kpirollups.h"
#include "models/store/schema/migrations.h"
#include "models/supervision/kpi/supervisionkpis.h"
#include "tests/support/pgcluster.h"
#include "tests/support/storerows.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

const QTimeZone NewYork("America/New_York");
// The schema version before the supervisor KPIs' rollups (migrations 26 and 27).
constexpr int SchemaBeforeTheRollups = 25;
const QStringList Agents = {QStringLiteral("ana"), QStringLiteral("bob"), QStringLiteral("cy")};
const QStringList Channels = {QStringLiteral("phone"), QStringLiteral("walk_in"),
                              QStringLiteral("email")};
const QStringList Outcomes = {
    QStringLiteral("information_given"),    QStringLiteral("warm_transfer"),
    QStringLiteral("cold_transfer"),        QStringLiteral("request_created"),
    QStringLiteral("attached_to_existing"), QStringLiteral("caller_hung_up")};

struct Contact
{
    QString id;
    qint64 start = 0;
    qint64 end = 0; // 0: running
    QString agent;
    QString channel;
    QString outcome;
};

// 27 February 2026 00:00 in New York; the clocks go forward on 8 March.
const QDate FirstDay(2026, 2, 27);
constexpr int Days = 18;

QList<Contact> writeRandomFortnight(Database &db, quint32 seed)
{
    EventStore events(db);
    QRandomGenerator random(seed);
    const qint64 from = QDateTime(FirstDay, QTime(0, 0), NewYork).toSecsSinceEpoch();
    const qint64 span = qint64(Days) * 86400;
    QList<qint64> starts;
    for (int i = 0; i < 400; ++i)
        starts.append(from - 3600 + qint64(random.bounded(quint32(span + 7200))));
    std::sort(starts.begin(), starts.end());
    QList<Contact> contacts;
    QStringList requests;
    const auto append = [&](const QString &type, const QString &id, const QString &kind,
                            const QJsonObject &payload, const QString &actor, const QString &device,
                            qint64 at) {
        auto r = events.append(Event::make(type, id, kind, payload, actor, device,
                                           QDateTime::fromSecsSinceEpoch(at, Qt::UTC)));
        if (!r)
            qFatal("fixture: %s", qPrintable(r.error().message));
    };
    for (int i = 0; i < starts.size(); ++i) {
        Contact c;
        c.id = QStringLiteral("c%1").arg(i);
        c.start = starts.at(i);
        const int a = int(random.bounded(3));
        c.agent = Agents.at(a);
        c.channel = Channels.at(int(random.bounded(3)));
        const QString device = QStringLiteral("D%1").arg(a);
        append(QStringLiteral("contact"), c.id, QStringLiteral("contact.started"),
               {{QStringLiteral("channel"), c.channel}}, c.agent, device, c.start);
        const quint32 roll = random.bounded(10);
        const QString caller = QStringLiteral("caller%1").arg(random.bounded(12));
        if (roll < 4 || requests.isEmpty()) {
            const QString r = QStringLiteral("R%1").arg(i);
            const QString code = QStringLiteral("T%1").arg(random.bounded(3));
            QJsonObject payload{
                {QStringLiteral("number"), QString(u"N-" + r)},
                {QStringLiteral("service_code"), code},
                {QStringLiteral("type_name"), code.toLower()},
                {QStringLiteral("channel"), c.channel},
                {QStringLiteral("department_code"), QStringLiteral("PWD")},
                {QStringLiteral("opened_at"),
                 QDateTime::fromSecsSinceEpoch(c.start + 20, Qt::UTC).toString(Qt::ISODate)}};
            if (random.bounded(4) > 0)
                payload.insert(QStringLiteral("caller_id"), caller);
            append(QStringLiteral("request"), r, QStringLiteral("request.created"), payload,
                   c.agent, device, c.start + 20);
            requests.append(r);
        } else if (roll < 6) {
            append(QStringLiteral("request"), requests.at(int(random.bounded(requests.size()))),
                   QStringLiteral("request.caller_attached"),
                   {{QStringLiteral("caller_id"), caller},
                    {QStringLiteral("role"), QStringLiteral("requester")}},
                   c.agent, device, c.start + 20);
        }
        if (random.bounded(10) == 0) {
            contacts.append(c); // still running
            continue;
        }
        // Some contacts end twice (a correction synced later): the later end counts.
        const int ends = random.bounded(8) == 0 ? 2 : 1;
        for (int e = 0; e < ends; ++e) {
            c.end = c.start + 30 + qint64(random.bounded(900u)) + e * 60;
            c.outcome = Outcomes.at(int(random.bounded(quint32(Outcomes.size()))));
            append(QStringLiteral("contact"), c.id, QStringLiteral("contact.ended"),
                   {{QStringLiteral("outcome"), c.outcome},
                    {QStringLiteral("transfer_destination"), QStringLiteral("Water")}},
                   c.agent, device, c.end);
        }
        // A request's type or caller corrected later (first-contact resolution moves).
        if (random.bounded(8) == 0) {
            const bool type = random.bounded(2) == 0;
            append(QStringLiteral("request"), requests.at(int(random.bounded(requests.size()))),
                   QStringLiteral("request.field_changed"),
                   {{QStringLiteral("field"),
                     type ? QStringLiteral("service_code") : QStringLiteral("caller_id")},
                    {QStringLiteral("after"),
                     type ? QStringLiteral("T%1").arg(random.bounded(3))
                          : QStringLiteral("caller%1").arg(random.bounded(12))}},
                   QStringLiteral("sup"), QStringLiteral("D9"), c.end + 30);
        }
        if (random.bounded(3) == 0)
            append(QStringLiteral("request"), requests.at(int(random.bounded(requests.size()))),
                   QStringLiteral("request.status_changed"),
                   {{QStringLiteral("status"), QStringLiteral("closed")},
                    {QStringLiteral("closure_reason"), QStringLiteral("resolved")}},
                   QStringLiteral("sup"), QStringLiteral("D9"), c.end + 60);
        contacts.append(c);
    }
    return contacts;
}

// The contact figures of `f`, counted here one contact at a time.
KpiReport counted(const QList<Contact> &contacts, const KpiFilter &f)
{
    KpiReport r;
    QMap<QString, qint64> channels, outcomes;
    for (const Contact &c : contacts) {
        if (c.start < f.period.start() || c.start >= f.period.end() ||
            (!f.agent.isEmpty() && c.agent != f.agent) ||
            (!f.channel.isEmpty() && c.channel != f.channel))
            continue;
        ++r.contacts;
        ++channels[c.channel];
        ++outcomes[c.outcome];
        ++r.byHour[std::size_t(QDateTime::fromSecsSinceEpoch(c.start, NewYork).time().hour())];
        if (c.end == 0)
            continue;
        ++r.ended;
        r.handleSeconds += c.end - c.start;
        r.transfers += c.outcome.endsWith(u"_transfer") ? 1 : 0;
        r.information += c.outcome == u"information_given" ? 1 : 0;
        r.requestContacts +=
            c.outcome == u"request_created" || c.outcome == u"attached_to_existing" ? 1 : 0;
    }
    for (auto it = channels.cbegin(); it != channels.cend(); ++it)
        r.byChannel.append({it.key(), it.value()});
    for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it)
        r.byOutcome.append({it.key(), it.value()});
    return r;
}

// First-contact resolution from scratch: the events-based query the KPIs ran before the
// rollups (each contact's requests found by the log's sequence numbers on its workstation),
// for the filter's period, agent and channel: (eligible, repeated).
std::pair<qint64, qint64> fcrFromTheLog(const Database &db, const KpiFilter &f)
{
    const QString lastSeq = QStringLiteral(
        "COALESCE((SELECT min(x.seq) FROM events x WHERE x.entity_type = 'contact' AND "
        "x.entity_id = s.entity_id AND x.kind = 'contact.ended'), (SELECT min(y.seq) FROM events "
        "y WHERE y.device = s.device AND y.kind = 'contact.started' AND y.seq > s.seq), "
        "9223372036854775807)");
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.prepare(
        u"WITH started AS (SELECT c.id, c.started_at, c.ended_at, c.agent, c.channel, "
        u"c.caller_id, s.device, s.seq AS first_seq, " +
        lastSeq +
        u" AS last_seq FROM contacts c JOIN events s ON s.entity_type = 'contact' AND "
        u"s.entity_id = c.id AND s.kind = 'contact.started' WHERE c.started_at >= ? AND "
        u"c.started_at < ?), links AS (SELECT DISTINCT st.id, st.started_at, st.ended_at, "
        u"st.agent, st.channel, COALESCE(st.caller_id, CASE WHEN e.kind = 'request.created' THEN "
        u"r.caller_id ELSE (SELECT min(rc.caller_id) FROM request_callers rc WHERE rc.request_id "
        u"= e.entity_id AND rc.added_at >= st.started_at AND rc.added_at <= COALESCE(st.ended_at, "
        u"rc.added_at)) END) AS caller, COALESCE(r.service_code, r.type_name) AS type FROM "
        u"started st JOIN events e ON e.device = st.device AND e.kind IN ('request.created', "
        u"'request.caller_attached') AND e.seq > st.first_seq AND e.seq < st.last_seq JOIN "
        u"requests r ON r.id = e.entity_id), marked AS (SELECT id, started_at, ended_at, agent, "
        u"channel, CASE WHEN LEAD(started_at) OVER (PARTITION BY caller, type ORDER BY "
        u"started_at, id) <= started_at + 604800 THEN 1 ELSE 0 END AS repeated FROM links WHERE "
        u"caller IS NOT NULL AND type IS NOT NULL) SELECT count(*), COALESCE(sum(repeated), 0) "
        u"FROM (SELECT m.id, max(m.repeated) AS repeated FROM marked m WHERE m.started_at >= ? "
        u"AND m.started_at < ? AND (? = '' OR m.agent = ?) AND (? = '' OR m.channel = ?) AND "
        u"m.ended_at IS NOT NULL GROUP BY m.id) f");
    // An empty text, not NULL, for "any".
    const QVariant agent = f.agent.isEmpty() ? QVariant(QStringLiteral("")) : QVariant(f.agent);
    const QVariant channel =
        f.channel.isEmpty() ? QVariant(QStringLiteral("")) : QVariant(f.channel);
    for (const QVariant &v :
         {QVariant(f.period.start()), QVariant(f.period.end() + 7 * 86400),
          QVariant(f.period.start()), QVariant(f.period.end()), agent, agent, channel, channel})
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return {-1, -1};
    return {q.value(0).toLongLong(), q.value(1).toLongLong()};
}

QMap<QString, qint64> asMap(const QList<KpiCount> &counts)
{
    QMap<QString, qint64> map;
    for (const KpiCount &c : counts)
        map.insert(c.key, c.count);
    return map;
}

QStringList rows(const Database &db, const QString &statement)
{
    return test::statementRows(db, statement);
}

QStringList rollups(const Database &db)
{
    return rows(db, QStringLiteral("SELECT * FROM kpi_contact_days ORDER BY day, agent, channel, "
                                   "outcome")) +
           rows(db, QStringLiteral("SELECT contact_id, request_id, kind, started_at, "
                                   "COALESCE(caller, '-'), COALESCE(type, '-'), repeated FROM "
                                   "contact_request_links ORDER BY 1, 2, 3")) +
           rows(db, QStringLiteral("SELECT id, COALESCE(fcr, -1) FROM contacts ORDER BY id")) +
           rows(db, QStringLiteral("SELECT id, COALESCE(created_by, '-') FROM requests ORDER BY "
                                   "id"));
}

QString describe(const KpiFilter &f)
{
    return QStringLiteral("%1..%2 agent '%3' channel '%4'")
        .arg(f.period.first.toString(Qt::ISODate), f.period.last.toString(Qt::ISODate), f.agent,
             f.channel);
}

void compareWithRecount(Database &db)
{
    const QList<Contact> contacts = writeRandomFortnight(db, 1603);
    if (QTest::currentTestFailed())
        return;
    SupervisionKpis kpis(db);
    const QDateTime now = QDateTime(FirstDay.addDays(Days), QTime(12, 0), NewYork);
    QRandomGenerator random(77);
    QList<KpiFilter> filters;
    for (int i = 0; i < 40; ++i) {
        KpiFilter f;
        const QDate first = FirstDay.addDays(qint64(random.bounded(Days)));
        f.period = KpiPeriod::days(first, first.addDays(qint64(random.bounded(Days))), NewYork);
        if (random.bounded(3) == 0)
            f.agent = Agents.at(int(random.bounded(3)));
        if (random.bounded(3) == 0)
            f.channel = Channels.at(int(random.bounded(3)));
        filters.append(f);
    }
    QList<KpiReport> before;
    for (const KpiFilter &f : std::as_const(filters)) {
        auto r = kpis.report(f, now);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        const KpiReport expected = counted(contacts, f);
        const QByteArray what = describe(f).toUtf8();
        QVERIFY2(r.value().contacts == expected.contacts, what.constData());
        QVERIFY2(r.value().ended == expected.ended, what.constData());
        QVERIFY2(r.value().handleSeconds == expected.handleSeconds, what.constData());
        QVERIFY2(r.value().transfers == expected.transfers, what.constData());
        QVERIFY2(r.value().information == expected.information, what.constData());
        QVERIFY2(r.value().requestContacts == expected.requestContacts, what.constData());
        QVERIFY2(asMap(r.value().byChannel) == asMap(expected.byChannel), what.constData());
        QVERIFY2(asMap(r.value().byOutcome) == asMap(expected.byOutcome), what.constData());
        QVERIFY2(r.value().byHour == expected.byHour, what.constData());
        const auto [eligible, repeated] = fcrFromTheLog(db, f);
        if (r.value().fcrEligible != eligible || r.value().fcrRepeated != repeated)
            qWarning("kept %lld/%lld, from the log %lld/%lld", qlonglong(r.value().fcrEligible),
                     qlonglong(r.value().fcrRepeated), qlonglong(eligible), qlonglong(repeated));
        QVERIFY2(r.value().fcrEligible == eligible, what.constData());
        QVERIFY2(r.value().fcrRepeated == repeated, what.constData());
        before.append(r.value());
    }
    // The rollups kept event by event equal the ones built from scratch, and so do the figures.
    const QStringList kept = rollups(db);
    QVERIFY(kept.size() > 400);
    {
        QSqlDatabase sql = QSqlDatabase::database(db.connectionName());
        QVERIFY(sql.transaction());
        QVERIFY(kpirollups::rebuild(sql).ok());
        QVERIFY(sql.commit());
    }
    QCOMPARE(rollups(db), kept);
    for (qsizetype i = 0; i < filters.size(); ++i) {
        const KpiReport again = kpis.report(filters.at(i), now).value();
        const QByteArray what = describe(filters.at(i)).toUtf8();
        QVERIFY2(again.fcrEligible == before.at(i).fcrEligible, what.constData());
        QVERIFY2(again.fcrRepeated == before.at(i).fcrRepeated, what.constData());
        QVERIFY2(again.requestsOpened == before.at(i).requestsOpened, what.constData());
        QVERIFY2(again.slaClosed == before.at(i).slaClosed, what.constData());
        QVERIFY2(again.contacts == before.at(i).contacts, what.constData());
    }
    // First-contact resolution was counted at all (the fixture has repeat callers).
    qint64 repeats = 0;
    for (const KpiReport &r : std::as_const(before))
        repeats += r.fcrRepeated;
    QVERIFY(repeats > 0);
}

} // namespace

class TestKpiRollups : public QObject
{
    Q_OBJECT

private slots:
    void rollupsEqualARecountOnSqlite()
    {
        test::TempStore store;
        compareWithRecount(store.db());
    }

    void rollupsEqualARecountOnPostgres()
    {
        if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(u"PostgreSQL not available: " + why));
        test::PgCluster cluster;
        QVERIFY2(cluster.isRunning(), qPrintable(cluster.error()));
        auto db = Database::open(cluster.createDatabase());
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        compareWithRecount(*db.value());
    }

    // A store of the schema before the KPI rollups (25), written as that version wrote it, gets
    // the rollups built when this version opens it (the contact rollups of 26 and the request
    // rollup of 27).
    void anUpgradedStoreGetsItsRollups()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        // Thursday 5 March 2026 in UTC: c1 10:00-10:05 made R1 (ana, caller A); c2 11:00
        // running on D1 attached A to R1 later; c3 on the 6th 23:30 (bob, email, ended
        // 23:40) made nothing; R2 imported.
        const QString written = test::writeSqliteFile(
            path,
            QStringList{
                QStringLiteral(
                    "INSERT INTO events(id, entity_type, entity_id, kind, payload, actor, device, "
                    "client_time) VALUES "
                    "('e1', 'contact', 'c1', 'contact.started', '{}', 'ana', 'D1', "
                    "1772704800000), "
                    "('e2', 'request', 'R1', 'request.created', '{}', 'ana', 'D1', "
                    "1772704860000), "
                    "('e3', 'contact', 'c1', 'contact.ended', '{}', 'ana', 'D1', "
                    "1772705100000), "
                    "('e4', 'contact', 'c2', 'contact.started', '{}', 'ana', 'D1', "
                    "1772708400000), "
                    "('e5', 'request', 'R1', 'request.caller_attached', '{}', 'ana', 'D1', "
                    "1772708460000), "
                    "('e6', 'contact', 'c3', 'contact.started', '{}', 'bob', 'D2', "
                    "1772839800000), "
                    "('e7', 'contact', 'c3', 'contact.ended', '{}', 'bob', 'D2', "
                    "1772840400000)"),
                QStringLiteral(
                    "INSERT INTO contacts(id, channel, agent, started_at, ended_at, outcome) "
                    "VALUES ('c1', 'phone', 'ana', 1772704800, 1772705100, 'request_created'), "
                    "('c2', 'phone', 'ana', 1772708400, NULL, NULL), "
                    "('c3', 'email', 'bob', 1772839800, 1772840400, 'information_given')"),
                QStringLiteral(
                    "INSERT INTO requests(id, number, service_code, type_name, status, "
                    "caller_id, opened_at, origin) VALUES ('R1', 'N1', 'T1', 't1', 'open', "
                    "'A', 1772704860, 'local'), ('R2', 'N2', 'T1', 't1', 'open', NULL, "
                    "1772700000, 'import')")},
            [](QSqlDatabase &raw) {
                return Migrations::migrate(raw, SchemaBeforeTheRollups).ok();
            });
        QVERIFY2(written.isEmpty(), qPrintable(written));
        auto db = Database::open(path);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
        // 1772704800 is day 20517 (5 March), hour 10; c3 is day 20518, hour 23.
        QCOMPARE(rows(*db.value(),
                      QStringLiteral("SELECT day, agent, channel, outcome, contacts, ended, "
                                     "handle_seconds, h10, h11, h23 FROM kpi_contact_days ORDER "
                                     "BY day, outcome")),
                 (QStringList{QStringLiteral("20517|ana|phone||1|0|0|0|1|0"),
                              QStringLiteral("20517|ana|phone|request_created|1|1|300|1|0|0"),
                              QStringLiteral("20518|bob|email|information_given|1|1|600|0|0|1")}));
        QCOMPARE(rows(*db.value(), QStringLiteral("SELECT contact_id, request_id, kind, "
                                                  "started_at, caller, type FROM "
                                                  "contact_request_links ORDER BY 1")),
                 (QStringList{QStringLiteral("c1|R1|request.created|1772704800|A|T1"),
                              QStringLiteral("c2|R1|request.caller_attached|1772708400||T1")}));
        QCOMPARE(rows(*db.value(), QStringLiteral("SELECT id, COALESCE(created_by, '-') FROM "
                                                  "requests ORDER BY id")),
                 (QStringList{QStringLiteral("R1|ana"), QStringLiteral("R2|-")}));
        // Both requests opened on 5 March (UTC), R2 from the imported history.
        QCOMPARE(rows(*db.value(), QStringLiteral("SELECT day, kind, service, type_name, "
                                                  "department, channel, imported, requests, met "
                                                  "FROM kpi_request_days ORDER BY imported")),
                 (QStringList{QStringLiteral("20517|opened|T1|t1|||0|1|0"),
                              QStringLiteral("20517|opened|T1|t1|||1|1|0")}));
        // The figures of those days (in UTC) come from the rollups: 3 contacts, 2 ended.
        KpiFilter f;
        f.period = KpiPeriod::days(QDate(2026, 3, 4), QDate(2026, 3, 7), QTimeZone::utc());
        const KpiReport r = SupervisionKpis(*db.value())
                                .report(f, QDateTime(QDate(2026, 3, 8), QTime(0, 0), Qt::UTC))
                                .value();
        QCOMPARE(r.contacts, 3);
        QCOMPARE(r.ended, 2);
        QCOMPARE(r.handleSeconds, 900);
        QCOMPARE(r.byHour[10], 1);
        QCOMPARE(r.byHour[11], 1);
        QCOMPARE(r.byHour[23], 1);
        QCOMPARE(r.requestsOpened, 2);
        QCOMPARE(r.fcrEligible, 1); // c1: caller A, type T1; c2 runs
        KpiFilter ana = f;
        ana.agent = QStringLiteral("ana");
        QCOMPARE(SupervisionKpis(*db.value())
                     .report(ana, QDateTime(QDate(2026, 3, 8), QTime(0, 0), Qt::UTC))
                     .value()
                     .requestsOpened,
                 1);
    }
};

QTEST_GUILESS_MAIN(TestKpiRollups)
#include "tst_kpirollups.moc"

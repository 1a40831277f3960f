// The same store on PostgreSQL 15: migrations from empty (and two processes migrating at once),
// the append-only event log, a city-pack import equal in content to SQLite's and idempotent,
// the event store's one transaction, radius queries without R*Tree, and clear errors for bad
// URLs, wrong passwords and missing databases. Runs against a throwaway cluster started here.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/projector.h"
#include "models/store/schema/migrations.h"
#include "models/store/sql/sql.h"
#include "tests/support/pgcluster.h"
#include "tests/support/teststore.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

using namespace civicdesk;
using namespace Qt::StringLiterals;

namespace {

QStringList pgTables(const Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.exec(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                          "current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

QStringList sqliteTables(const Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.exec(QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = "
                          "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

// Every row of `tables`, ordered by the first two columns, one line per row.
QString dump(const Database &db, const QStringList &tables)
{
    QString text;
    for (const QString &table : tables) {
        QSqlQuery rows(QSqlDatabase::database(db.connectionName()));
        // Table names come from the catalogue, not from input.
        if (!rows.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(table)))
            return QStringLiteral("cannot read ") + table;
        text += u"== " + table + u'\n';
        while (rows.next()) {
            QStringList values;
            for (int i = 0; i < rows.record().count(); ++i)
                values.append(rows.value(i).isNull() ? QStringLiteral("NULL")
                                                     : rows.value(i).toString());
            text += values.join(u'|') + u'\n';
        }
    }
    return text;
}

using test::scalar;

Event requestCreated(const QString &id, const QString &number, double lat, double lon)
{
    return Event::make(QStringLiteral("request"), id, QStringLiteral("request.created"),
                       QJsonObject{{QStringLiteral("number"), number},
                                   {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                                   {QStringLiteral("service_code"), QStringLiteral("REQPOTHL")},
                                   {QStringLiteral("address"), QStringLiteral("1 City Hall Sq")},
                                   {QStringLiteral("latitude"), lat},
                                   {QStringLiteral("longitude"), lon}},
                       QStringLiteral("agent1"), QStringLiteral("ABCDE"),
                       QDateTime(QDate(2026, 11, 23), QTime(9, 30), Qt::UTC));
}

} // namespace

class TestPostgresStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::PgCluster> m_cluster;

    std::unique_ptr<Database> openFresh()
    {
        const QString url = m_cluster->createDatabase();
        if (url.isEmpty())
            qFatal("cannot create a database: %s", qPrintable(m_cluster->error()));
        auto db = Database::open(url);
        if (!db)
            qFatal("cannot open %s: %s", qPrintable(url), qPrintable(db.error().message));
        return std::move(db).value();
    }

    // A new database, migrated before any race (as a deployed store is); empty on failure.
    QString migratedDatabase()
    {
        const QString url = m_cluster->createDatabase();
        if (url.isEmpty() || !Database::open(url))
            return {};
        return url;
    }

    // Runs `body` on two threads at once, each with its own connection to `url` (as two server
    // processes have); what went wrong on each, empty when nothing did.
    static QStringList onTwoConnections(const QString &url,
                                        const std::function<QString(Database &, int)> &body)
    {
        QStringList errors = {QString(), QString()};
        std::unique_ptr<QThread> threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i].reset(QThread::create([&, i] {
                auto db = Database::open(url);
                errors[i] = db ? body(*db.value(), i) : db.error().message;
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (int i = 0; i < 2; ++i) {
            if (!threads[i]->wait(120000))
                errors[i] = QStringLiteral("still running after 120 s");
        }
        return errors;
    }

    CityPack minipack()
    {
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        if (!pack)
            qFatal("%s", qPrintable(pack.error().message));
        return pack.value();
    }

private slots:
    void initTestCase()
    {
        if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty())
            QSKIP(qPrintable(u"PostgreSQL tests skipped: " + why));
        m_cluster = std::make_unique<test::PgCluster>();
        QVERIFY2(m_cluster->isRunning(), qPrintable(m_cluster->error()));
    }

    void cleanupTestCase() { m_cluster.reset(); }

    void migratesFromEmpty()
    {
        auto db = openFresh();
        QCOMPARE(db->dialect(), Dialect::Postgres);
        QCOMPARE(db->schemaVersion(), Migrations::latestVersion());
        const QStringList tables = pgTables(*db);
        for (const char *needed : {"requests", "events", "outbox", "articles", "addresses",
                                   "map_layers", "service_attributes", "slas", "schema_version"})
            QVERIFY2(tables.contains(QString::fromLatin1(needed)), needed);
        // Times are milliseconds and coordinates need 8 bytes: no 32-bit or 4-byte columns.
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM information_schema.columns "
                                            "WHERE table_schema = current_schema() AND "
                                            "data_type IN ('integer', 'real')")),
                 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM schema_version")), 1);
        // Radius queries read a bounding box from this index (SQLite uses its R*Tree).
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM pg_indexes WHERE indexname = "
                                            "'requests_location'")),
                 1);
    }

    void reopeningKeepsTheStore()
    {
        const QString url = m_cluster->createDatabase();
        {
            auto db = Database::open(url);
            QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
            QVERIFY(db.value()->setMeta(QStringLiteral("k"), QStringLiteral("v")).ok());
        }
        auto db = Database::open(url);
        QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
        QCOMPARE(db.value()->meta(QStringLiteral("k")), QStringLiteral("v"));
        QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
        QVERIFY(!db.value()->path().contains(m_cluster->password()));
    }

    void refusesANewerStore()
    {
        const QString url = m_cluster->createDatabase();
        {
            auto db = Database::open(url);
            QVERIFY(db.ok());
            QSqlQuery q(QSqlDatabase::database(db.value()->connectionName()));
            QVERIFY(q.exec(QStringLiteral("UPDATE schema_version SET version = 999")));
        }
        auto db = Database::open(url);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, QStringLiteral("storage.newer"));
    }

    void twoProcessesMigratingTogetherBothSucceed()
    {
        const QString url = m_cluster->createDatabase();
        QVERIFY(!url.isEmpty());
        QString errors[2];
        int versions[2] = {-1, -1};
        // One connection per thread, as in two server processes starting at once.
        std::unique_ptr<QThread> threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i].reset(QThread::create([&, i] {
                auto db = Database::open(url);
                if (!db)
                    errors[i] = db.error().message;
                else
                    versions[i] = db.value()->schemaVersion();
            }));
            threads[i]->start();
        }
        for (auto &thread : threads)
            QVERIFY(thread->wait(60000));
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        QCOMPARE(versions[0], Migrations::latestVersion());
        QCOMPARE(versions[1], Migrations::latestVersion());
    }

    // Two server processes on one city store number Open311 requests from the same counter: no
    // number may be handed out twice, however their transactions interleave.
    void twoProcessesNeverHandOutTheSameRequestNumber()
    {
        const QString url = migratedDatabase();
        QVERIFY(!url.isEmpty());
        constexpr int PerProcess = 300;
        QStringList numbers[2];
        const QStringList errors = onTwoConnections(url, [&numbers](Database &db, int i) {
            EventStore events(db);
            for (int n = 0; n < PerProcess; ++n) {
                auto number = events.allocateRequestNumber();
                if (!number)
                    return number.error().message;
                numbers[i].append(number.value().compact());
            }
            return QString();
        });
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        const QStringList all = numbers[0] + numbers[1];
        const QSet<QString> distinct(all.cbegin(), all.cend());
        QCOMPARE(distinct.size(), 2 * PerProcess);
    }

    // Two server processes project a ticket with the same number at the same moment: the
    // second waits on the first's uncommitted row and is refused as a conflict (the kiosk that
    // asked takes the next number), never a second ticket with the number. Without the unique
    // index the second one's check reads before the first commits, and both are written.
    void twoWritersNeverProjectTheSameTicketNumber()
    {
        const QString url = migratedDatabase();
        QVERIFY(!url.isEmpty());
        const QString day = QStringLiteral("2026-12-07");
        const auto issued = [&day](const QString &device) {
            return Event::make(QStringLiteral("ticket"), Event::newId(),
                               QStringLiteral("ticket.issued"),
                               {{QStringLiteral("number"), QStringLiteral("A012")},
                                {QStringLiteral("seq"), 12},
                                {QStringLiteral("day"), day},
                                {QStringLiteral("category"), QStringLiteral("Animals")},
                                {QStringLiteral("language"), QStringLiteral("en")}},
                               QStringLiteral("kiosk"), device, QDateTime::currentDateTimeUtc());
        };
        std::atomic<bool> firstApplied = false;
        Status answers[2] = {Ok{}, Ok{}};
        const QStringList errors = onTwoConnections(url, [&](Database &db, int i) {
            if (i == 1) {
                while (!firstApplied)
                    QThread::msleep(5);
            }
            QSqlDatabase connection = QSqlDatabase::database(db.connectionName());
            sql::Transaction transaction(connection);
            if (auto s = transaction.begin(); !s)
                return s.error().message;
            answers[i] = projector::apply(connection, issued(i ? u"KIOSK2"_s : u"KIOSK1"_s));
            if (i == 0) {
                firstApplied = true;
                QThread::msleep(500); // the other writer reads and inserts meanwhile
            }
            if (answers[i]) {
                if (auto s = transaction.commit(); !s)
                    return s.error().message;
            }
            return QString();
        });
        QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
        QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
        QVERIFY(answers[0].ok());
        QVERIFY(!answers[1].ok());
        QCOMPARE(answers[1].error().code, QStringLiteral("conflict"));
        QCOMPARE(answers[1].error().message,
                 QStringLiteral("Ticket number A012 is already given today."));
        auto db = Database::open(url);
        QVERIFY(db.ok());
        QSqlQuery q(QSqlDatabase::database(db.value()->connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM lobby_tickets WHERE number = 'A012'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void theEventLogIsAppendOnly()
    {
        auto db = openFresh();
        EventStore events(*db);
        auto seq = events.append(
            requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"), 42.36, -71.06));
        QVERIFY2(seq.ok(), qPrintable(seq.ok() ? QString() : seq.error().message));
        QCOMPARE(seq.value(), 1);
        QSqlQuery q(QSqlDatabase::database(db->connectionName()));
        QVERIFY(!q.exec(QStringLiteral("UPDATE events SET kind = 'x'")));
        QVERIFY(!q.exec(QStringLiteral("DELETE FROM events")));
        // The server's sequence number is the one column that may be set later.
        QVERIFY(q.exec(QStringLiteral("UPDATE events SET server_seq = 7")));
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM events WHERE kind = "
                                            "'request.created'")),
                 1);
    }

    void appendWritesEventProjectionAndOutboxTogether_data()
    {
        QTest::addColumn<int>("stage");
        QTest::newRow("after event") << int(EventStore::Stage::EventWritten);
        QTest::newRow("after projection") << int(EventStore::Stage::ProjectionUpdated);
        QTest::newRow("after outbox") << int(EventStore::Stage::Queued);
    }

    void appendWritesEventProjectionAndOutboxTogether()
    {
        QFETCH(int, stage);
        auto db = openFresh();
        EventStore events(*db);
        events.setFaultHook([stage](EventStore::Stage s) { return int(s) != stage; });
        QVERIFY(
            !events
                 .append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"), 42.36, -71.06))
                 .ok());
        QCOMPARE(events.eventCount(), 0);
        QCOMPARE(events.outboxSize(), 0);
        QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM requests")), 0);
        events.setFaultHook({});
        auto seq = events.append(
            requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"), 42.36, -71.06));
        QVERIFY2(seq.ok(), qPrintable(seq.ok() ? QString() : seq.error().message));
        QCOMPARE(events.eventCount(), 1);
        QCOMPARE(events.outboxSize(), 1);
        const Event closed =
            Event::make(QStringLiteral("request"), QStringLiteral("r1"),
                        QStringLiteral("request.status_changed"),
                        {{QStringLiteral("status"), QStringLiteral("closed")},
                         {QStringLiteral("closure_reason"), QStringLiteral("Repaired")}},
                        QStringLiteral("agent2"), QStringLiteral("FGHJK"),
                        QDateTime(QDate(2026, 11, 24), QTime(8, 0), Qt::UTC));
        auto second = events.append(closed);
        QVERIFY2(second.ok(), qPrintable(second.ok() ? QString() : second.error().message));
        QVERIFY(second.value() > seq.value());
        const auto r = RequestRepository(*db).byId(QStringLiteral("r1"));
        QVERIFY(r);
        QCOMPARE(r->status, RequestStatus::Closed);
        QCOMPARE(r->closureReason, QStringLiteral("Repaired"));
        QCOMPARE(r->closedAt, closed.clientTime);
        QCOMPARE(events.eventsFor(QStringLiteral("request"), QStringLiteral("r1")).size(), 2);
    }

    void radiusQueriesUseTheBoundingBox()
    {
        auto db = openFresh();
        EventStore events(*db);
        // 0.001 degrees of latitude is about 111 m.
        QVERIFY(events
                    .append(requestCreated(QStringLiteral("near"), QStringLiteral("N-1"), 42.3600,
                                           -71.0600))
                    .ok());
        QVERIFY(events
                    .append(requestCreated(QStringLiteral("far"), QStringLiteral("N-2"), 42.3620,
                                           -71.0600))
                    .ok());
        const auto found =
            RequestRepository(*db).openNear(QStringLiteral("REQPOTHL"), 42.3601, -71.0600, 150,
                                            QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().id, QStringLiteral("near"));
        QCOMPARE(RequestRepository(*db)
                     .openedBetween(QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC),
                                    QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC),
                                    {QStringLiteral("REQPOTHL"), QStringLiteral("OTHER")},
                                    RequestStatus::Open, 10)
                     .size(),
                 2);
        QCOMPARE(RequestRepository(*db)
                     .openedBetween(QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC),
                                    QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC),
                                    {QStringLiteral("OTHER")}, std::nullopt, 10)
                     .size(),
                 0);
        RequestFilter filter;
        filter.text = QStringLiteral("city hall");
        QCOMPARE(RequestRepository(*db).count(filter), 2);
    }

    void minipackImportEqualsSqlite()
    {
        const CityPack pack = minipack();
        test::TempStore sqlite;
        auto sqliteReport = CityImporter(sqlite.db()).import(pack);
        QVERIFY2(sqliteReport.ok(),
                 qPrintable(sqliteReport.ok() ? QString() : sqliteReport.error().message));
        auto pg = openFresh();
        auto pgReport = CityImporter(*pg).import(pack);
        QVERIFY2(pgReport.ok(), qPrintable(pgReport.ok() ? QString() : pgReport.error().message));
        QCOMPARE(pgReport.value().requests, sqliteReport.value().requests);
        QCOMPARE(pgReport.value().addresses, sqliteReport.value().addresses);
        QVERIFY(pgReport.value().requests > 0);

        QStringList tables = pgTables(*pg);
        tables.removeOne(QStringLiteral("schema_version"));
        QCOMPARE(tables, sqliteTables(sqlite.db()));
        const QString expected = dump(sqlite.db(), tables);
        const QString actual = dump(*pg, tables);
        if (actual != expected) {
            const QStringList a = actual.split(u'\n'), e = expected.split(u'\n');
            for (qsizetype i = 0; i < std::min(a.size(), e.size()); ++i)
                QCOMPARE(a.at(i), e.at(i));
        }
        QCOMPARE(actual, expected);
    }

    void importingTwiceIsIdempotent()
    {
        const CityPack pack = minipack();
        auto db = openFresh();
        QVERIFY(CityImporter(*db).import(pack).ok());
        QStringList tables = pgTables(*db);
        const QString first = dump(*db, tables);
        auto again = CityImporter(*db).import(pack);
        QVERIFY2(again.ok(), qPrintable(again.ok() ? QString() : again.error().message));
        QCOMPARE(dump(*db, tables), first);
    }

    void clearErrors_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("no database name")
            << QStringLiteral("postgresql://civicdesk:x@127.0.0.1:5432/")
            << QStringLiteral("storage.url") << QStringLiteral("no database name");
        QTest::newRow("no host") << QStringLiteral("postgresql://civicdesk:x@/db")
                                 << QStringLiteral("storage.url") << QStringLiteral("no host");
        QTest::newRow("bad port") << QStringLiteral("postgresql://u:x@127.0.0.1:99999/db")
                                  << QStringLiteral("storage.url")
                                  << QStringLiteral("postgresql://user:password@host:port/dbname");
    }

    void clearErrors()
    {
        QFETCH(QString, url);
        QFETCH(QString, code);
        QFETCH(QString, mentions);
        auto db = Database::open(url);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, code);
        QVERIFY2(db.error().message.contains(mentions), qPrintable(db.error().message));
        QVERIFY2(!db.error().message.contains(u":x@"), qPrintable(db.error().message));
    }

    void connectionErrorsNameTheProblem()
    {
        const QString good = m_cluster->createDatabase();
        QVERIFY(!good.isEmpty());
        const QString name = good.section(u'/', -1);
        auto wrongPassword = Database::open(m_cluster->url(name, QStringLiteral("wrong")));
        QVERIFY(!wrongPassword.ok());
        QVERIFY2(wrongPassword.error().message.contains(u"wrong user name or password"),
                 qPrintable(wrongPassword.error().message));
        auto missing =
            Database::open(m_cluster->url(QStringLiteral("nosuchdb"), m_cluster->password()));
        QVERIFY(!missing.ok());
        QVERIFY2(missing.error().message.contains(u"no database \"nosuchdb\""),
                 qPrintable(missing.error().message));
        QVERIFY(!missing.error().message.contains(m_cluster->password()));
        // A port nothing listens on (the cluster's own, plus one, is free in practice only
        // sometimes): port 1 needs root to listen on and nothing does.
        auto refused = Database::open(QStringLiteral("postgresql://civicdesk:x@127.0.0.1:1/db"));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(u"Cannot connect to PostgreSQL at 127.0.0.1:1"),
                 qPrintable(refused.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPostgresStore)
#include "tst_postgres_store.moc"

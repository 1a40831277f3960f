// The same store on PostgreSQL 15: migrations from empty, the append-only event log, a
// city-pack import equal in content to SQLite's and idempotent, the event store's one
// transaction, radius queries without R*Tree, and clear errors for bad URLs, wrong passwords and
// missing databases. Runs against a throwaway cluster started here. (Two processes at once:
// postgresconcurrency.cpp; the suite's class: postgresstoresuite.h.)

#include "tests/store/postgresstoresuite.h"

using namespace civicdesk;

void TestPostgresStore::initTestCase()
{
    if (const QString why = test::PgCluster::unavailableReason(); !why.isEmpty())
        QSKIP(qPrintable(u"PostgreSQL tests skipped: " + why));
    m_cluster = std::make_unique<test::PgCluster>();
    QVERIFY2(m_cluster->isRunning(), qPrintable(m_cluster->error()));
}

void TestPostgresStore::cleanupTestCase()
{
    m_cluster.reset();
}

void TestPostgresStore::migratesFromEmpty()
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

void TestPostgresStore::reopeningKeepsTheStore()
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

void TestPostgresStore::refusesANewerStore()
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

void TestPostgresStore::theEventLogIsAppendOnly()
{
    auto db = openFresh();
    EventStore events(*db);
    auto seq =
        events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"), 42.36, -71.06));
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

void TestPostgresStore::appendWritesEventProjectionAndOutboxTogether_data()
{
    QTest::addColumn<int>("stage");
    QTest::newRow("after event") << int(EventStore::Stage::EventWritten);
    QTest::newRow("after projection") << int(EventStore::Stage::ProjectionUpdated);
    QTest::newRow("after outbox") << int(EventStore::Stage::Queued);
}

void TestPostgresStore::appendWritesEventProjectionAndOutboxTogether()
{
    QFETCH(int, stage);
    auto db = openFresh();
    EventStore events(*db);
    events.setFaultHook([stage](EventStore::Stage s) { return int(s) != stage; });
    QVERIFY(
        !events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"), 42.36, -71.06))
             .ok());
    QCOMPARE(events.eventCount(), 0);
    QCOMPARE(events.outboxSize(), 0);
    QCOMPARE(scalar(*db, QStringLiteral("SELECT count(*) FROM requests")), 0);
    events.setFaultHook({});
    auto seq =
        events.append(requestCreated(QStringLiteral("r1"), QStringLiteral("N-1"), 42.36, -71.06));
    QVERIFY2(seq.ok(), qPrintable(seq.ok() ? QString() : seq.error().message));
    QCOMPARE(events.eventCount(), 1);
    QCOMPARE(events.outboxSize(), 1);
    const Event closed = Event::make(
        QStringLiteral("request"), QStringLiteral("r1"), QStringLiteral("request.status_changed"),
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

void TestPostgresStore::radiusQueriesUseTheBoundingBox()
{
    auto db = openFresh();
    EventStore events(*db);
    // 0.001 degrees of latitude is about 111 m.
    QVERIFY(events
                .append(requestCreated(QStringLiteral("near"), QStringLiteral("N-1"), 42.3600,
                                       -71.0600))
                .ok());
    QVERIFY(
        events
            .append(requestCreated(QStringLiteral("far"), QStringLiteral("N-2"), 42.3620, -71.0600))
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

void TestPostgresStore::minipackImportEqualsSqlite()
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

void TestPostgresStore::importingTwiceIsIdempotent()
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

void TestPostgresStore::clearErrors_data()
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

void TestPostgresStore::clearErrors()
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

void TestPostgresStore::connectionErrorsNameTheProblem()
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

QTEST_GUILESS_MAIN(TestPostgresStore)

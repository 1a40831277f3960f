// The store's migrations: from empty, from every earlier version, and refusing a store written
// by a newer CivicDesk. Migration internals are reached through Migrations::migrate directly to
// build stores at older versions.

#include "models/store/database.h"
#include "models/store/schema/migrations.h"
#include "tests/support/teststore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

QSqlDatabase openRaw(const QString &path, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (!db.open())
        qFatal("cannot open %s", qPrintable(path));
    return db;
}

QStringList schemaObjects(const QString &connection)
{
    QSqlQuery q(QSqlDatabase::database(connection));
    q.exec(QStringLiteral("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void fromEmptyReachesTheLatestVersion()
    {
        test::TempStore store;
        QCOMPARE(store.db().schemaVersion(), Migrations::latestVersion());
        QVERIFY(Migrations::latestVersion() >= 2);
        const QStringList objects = schemaObjects(store.db().connectionName());
        for (const char *needed : {"table requests", "table events", "table outbox",
                                   "table articles_fts", "table addresses_rtree", "table drafts",
                                   "table map_layers", "table service_attributes", "table slas"})
            QVERIFY2(objects.contains(QString::fromLatin1(needed)), needed);
        QSqlQuery q(QSqlDatabase::database(store.db().connectionName()));
        q.exec(QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }

    void fromEveryEarlierVersion()
    {
        for (int version = 1; version < Migrations::latestVersion(); ++version) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("old.sqlite"));
            const QString name = QStringLiteral("old-%1").arg(version);
            {
                QSqlDatabase raw = openRaw(path, name);
                QVERIFY(Migrations::migrate(raw, version).ok());
                QCOMPARE(Migrations::currentVersion(raw).value(), version);
                QSqlQuery q(raw);
                QVERIFY(q.exec(QStringLiteral(
                    "INSERT INTO requests(id, number, type_name, status, opened_at, origin) "
                    "VALUES('r1', 'N1', 'Pothole', 'open', 1420000000, 'local')")));
                QVERIFY(q.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('city_id', "
                                              "'boston')")));
                raw.close();
            }
            QSqlDatabase::removeDatabase(name);
            auto db = Database::open(path);
            QVERIFY2(db.ok(), qPrintable(db.ok() ? QString() : db.error().message));
            QCOMPARE(db.value()->schemaVersion(), Migrations::latestVersion());
            QCOMPARE(db.value()->meta(QStringLiteral("city_id")), QStringLiteral("boston"));
            QSqlQuery q(QSqlDatabase::database(db.value()->connectionName()));
            QVERIFY(q.exec(QStringLiteral("SELECT number FROM requests WHERE id = 'r1'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("N1"));
        }
    }

    void failedMigrationLeavesTheStoreUntouched()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("clash.sqlite"));
        {
            QSqlDatabase raw = openRaw(path, QStringLiteral("clash"));
            QVERIFY(Migrations::migrate(raw, 1).ok());
            // A table that version 2 wants to create already exists: version 2 must fail.
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE drafts(x)")));
            const Status s = Migrations::migrate(raw);
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, QStringLiteral("storage.migration"));
            QVERIFY(s.error().message.contains(u"unchanged"));
            QCOMPARE(Migrations::currentVersion(raw).value(), 1);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = "
                                          "'request_callers'")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), 0);
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("clash"));
    }

    void newerStoreIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        {
            QSqlDatabase raw = openRaw(path, QStringLiteral("newer"));
            QVERIFY(Migrations::migrate(raw).ok());
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QCOMPARE(db.error().code, QStringLiteral("storage.newer"));
        QVERIFY(db.error().message.contains(u"newer CivicDesk"));
        QVERIFY(db.error().message.contains(u"99"));
    }

    void aFileThatIsNotAStoreIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(8192, 'x'));
        file.close();
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(u"not a CivicDesk store"),
                 qPrintable(db.error().message));
    }

    void deviceCodeIsStable()
    {
        test::TempStore store;
        const QString code = store.db().deviceCode().value();
        store.reopen();
        QCOMPARE(store.db().deviceCode().value(), code);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"

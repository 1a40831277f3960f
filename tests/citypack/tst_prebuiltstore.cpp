// The prebuilt store (made at build time by the real importer, copied on a first start): a copy
// holds exactly what importing the pack gives, and a store made from other pack files, at
// another schema version, or used by a workstation is refused, leaving nothing behind.

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/prebuiltstore.h"
#include "models/store/database.h"
#include "models/store/schema/migrations.h"
#include "tests/support/teststore.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

// The rows of the virtual tables dumpStore leaves out: the R*Trees whole, the full-text
// indexes by rowid.
QString dumpIndexes(const Database &db)
{
    QSqlDatabase connection = QSqlDatabase::database(db.connectionName());
    QSqlQuery tables(connection);
    tables.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND "
                               "sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"));
    QString dump;
    while (tables.next()) {
        const QString name = tables.value(0).toString();
        const bool rtree = tables.value(1).toString().contains(u"rtree", Qt::CaseInsensitive);
        QSqlQuery rows(connection);
        // Names from sqlite_master, not from input.
        rows.exec(rtree ? QStringLiteral("SELECT * FROM \"%1\" ORDER BY 1").arg(name)
                        : QStringLiteral("SELECT rowid FROM \"%1\" ORDER BY 1").arg(name));
        dump += u"== " + name + u'\n';
        while (rows.next()) {
            QStringList values;
            for (int i = 0; i < (rtree ? 5 : 1); ++i)
                values.append(rows.value(i).toString());
            dump += values.join(u'|') + u'\n';
        }
    }
    return dump;
}

void execOn(const QString &path, const QString &statement)
{
    const QString name = QStringLiteral("tst_prebuiltstore_raw");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(statement), qPrintable(statement));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace

class TestPrebuiltStore : public QObject
{
    Q_OBJECT

private:
    // Makes a prebuilt store of the fixture pack in `dir`; returns its path.
    QString buildFrom(const test::FixturePack &fixture)
    {
        auto pack = CityPack::load(fixture.path());
        if (!pack)
            qFatal("%s", qPrintable(pack.error().message));
        const QString path = m_dir.filePath(QStringLiteral("prebuilt/mini.sqlite"));
        auto report = PrebuiltStore::build(pack.value(), path);
        if (!report)
            qFatal("%s", qPrintable(report.error().message));
        return path;
    }
    QString target() const { return m_dir.filePath(QStringLiteral("home/civicdesk.sqlite")); }
    void verifyNothingAtTarget()
    {
        for (const QString &suffix : {QString(), QStringLiteral(".part"),
                                      QStringLiteral(".part-wal"), QStringLiteral(".part-shm")})
            QVERIFY2(!QFileInfo::exists(target() + suffix), qPrintable(target() + suffix));
    }

    // The install is refused with `why` in its message, and leaves nothing at the target.
    void verifyRefused(const QString &prebuilt, const QString &pack, const QString &why)
    {
        auto installed = PrebuiltStore::install(prebuilt, pack, target());
        QVERIFY(!installed.ok());
        QVERIFY2(installed.error().message.contains(why), qPrintable(installed.error().message));
        verifyNothingAtTarget();
    }

    QTemporaryDir m_dir;

private slots:
    void init()
    {
        QVERIFY(QDir(m_dir.path()).removeRecursively());
        QVERIFY(QDir().mkpath(m_dir.path()));
    }

    void copyEqualsARealImport()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        auto installed = PrebuiltStore::install(prebuilt, fixture.path(), target());
        QVERIFY2(installed.ok(),
                 qPrintable(installed.ok() ? QString() : installed.error().message));
        QVERIFY(!QFileInfo::exists(target() + QStringLiteral(".part")));

        auto copy = Database::open(target());
        QVERIFY(copy.ok());
        test::TempStore imported;
        auto pack = CityPack::load(fixture.path());
        QVERIFY(pack.ok());
        QVERIFY(CityImporter(imported.db()).import(pack.value()).ok());

        const QString copied = test::dumpStore(*copy.value(), {QStringLiteral("meta")});
        QVERIFY(copied.contains(u"== requests\n"));
        QCOMPARE(copied, test::dumpStore(imported.db(), {QStringLiteral("meta")}));
        QCOMPARE(dumpIndexes(*copy.value()), dumpIndexes(imported.db()));
        for (const char16_t *key : {u"city_id", u"city_name", u"city_timezone", u"city_center"})
            QCOMPARE(copy.value()->meta(QString::fromUtf16(key)),
                     imported.db().meta(QString::fromUtf16(key)));
        QCOMPARE(copy.value()->meta(PrebuiltStore::checksumKey()),
                 PrebuiltStore::packChecksum(fixture.path()).value());
        // The copy is this workstation's own: it makes its own device code.
        QVERIFY(copy.value()->meta(QStringLiteral("device_code")).isEmpty());
        QCOMPARE(copy.value()->schemaVersion(), Migrations::latestVersion());
    }

    void changedPackIsRefused()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        fixture.replace(QStringLiteral("referrals.csv"), "\n", "\r\n");
        verifyRefused(prebuilt, fixture.path(), QStringLiteral("other pack files"));
    }

    void addedFileIsRefused()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        fixture.write(QStringLiteral("layers/extra.geojson"), "{}");
        verifyRefused(prebuilt, fixture.path(), QStringLiteral("other pack files"));
    }

    void otherSchemaVersionIsRefused()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        execOn(prebuilt,
               QStringLiteral("PRAGMA user_version = %1").arg(Migrations::latestVersion() - 1));
        verifyRefused(prebuilt, fixture.path(), QStringLiteral("schema version"));
    }

    void usedStoreIsRefused()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        execOn(prebuilt,
               QStringLiteral("INSERT INTO meta(key, value) VALUES('device_code', 'K7')"));
        verifyRefused(prebuilt, fixture.path(), QStringLiteral("device code"));
    }

    void existingStoreIsLeftAlone()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        QVERIFY(QDir().mkpath(QFileInfo(target()).path()));
        QFile existing(target());
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("mine");
        existing.close();
        QVERIFY(!PrebuiltStore::install(prebuilt, fixture.path(), target()).ok());
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("mine"));
    }

    void leftoverWriteAheadLogIsRefused()
    {
        test::FixturePack fixture;
        const QString prebuilt = buildFrom(fixture);
        QVERIFY(QDir().mkpath(QFileInfo(target()).path()));
        QFile wal(target() + QStringLiteral("-wal"));
        QVERIFY(wal.open(QIODevice::WriteOnly));
        wal.close();
        verifyRefused(prebuilt, fixture.path(), QStringLiteral("exists already"));
    }

    void missingPrebuiltStoreIsReported()
    {
        test::FixturePack fixture;
        verifyRefused(m_dir.filePath(QStringLiteral("none.sqlite")), fixture.path(),
                      QStringLiteral("does not exist"));
    }

    void checksumCoversPathsAndBytes()
    {
        test::FixturePack fixture;
        const QString before = PrebuiltStore::packChecksum(fixture.path()).value();
        QCOMPARE(PrebuiltStore::packChecksum(fixture.path()).value(), before);
        QCOMPARE(before.size(), 64);
        // The same bytes under another name are another pack.
        QVERIFY(QFile::rename(fixture.path() + QStringLiteral("/referrals.csv"),
                              fixture.path() + QStringLiteral("/referral.csv")));
        QVERIFY(PrebuiltStore::packChecksum(fixture.path()).value() != before);
        QVERIFY(!PrebuiltStore::packChecksum(m_dir.filePath(QStringLiteral("nowhere"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestPrebuiltStore)
#include "tst_prebuiltstore.moc"

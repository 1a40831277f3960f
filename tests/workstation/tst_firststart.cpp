// The first start of the real civicdesk program against a fresh HOME: with the demo city it
// copies the store built from that pack at build time and an agent can type at once; with a pack
// the prebuilt store was not made from it refuses the copy and imports the pack as before.

#include "models/citypack/prebuiltstore.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "tests/support/teststore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

struct Run
{
    int exitCode = -1;
    QString out = QString();
    QString err = QString();
};

// civicdesk --startup-check with a HOME of its own (no settings, no store).
Run startWorkstation(const QTemporaryDir &home, const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(CIVICDESK_WORKSTATION),
                  QStringList{QStringLiteral("--startup-check"), QStringLiteral("--lang"),
                              QStringLiteral("en")} +
                      arguments);
    Run run;
    if (!process.waitForFinished(300000)) {
        process.kill();
        process.waitForFinished();
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

} // namespace

class TestFirstStart : public QObject
{
    Q_OBJECT

private slots:
    void demoCityIsCopiedAndReady()
    {
        QTemporaryDir home;
        const QString store = home.filePath(QStringLiteral("store/civicdesk.sqlite"));
        const Run run = startWorkstation(home, {QStringLiteral("--database"), store});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.out.contains(u"civicdesk: ready after"), qPrintable(run.out));
        QVERIFY2(!run.err.contains(u"was not used"), qPrintable(run.err));

        auto db = Database::open(store);
        QVERIFY(db.ok());
        // The demo city as the importer writes it (tst_demoimport counts the same).
        QCOMPARE(db.value()->meta(QStringLiteral("city_id")), QStringLiteral("boston"));
        QCOMPARE(db.value()->meta(PrebuiltStore::checksumKey()),
                 PrebuiltStore::packChecksum(QStringLiteral(CIVICDESK_DEMO_CITY_DIR)).value());
        QCOMPARE(RequestRepository(*db.value()).count(), 121145);
    }

    // A pack folder named like the demo's, so the program finds the demo's prebuilt store for
    // it: the store was made from other files, so it is refused and this pack is imported.
    void stalePrebuiltStoreFallsBackToTheImport()
    {
        QTemporaryDir home;
        const QString pack = home.filePath(QStringLiteral("cities/boston"));
        const QString source = test::testDataDir() + QStringLiteral("/minipack");
        QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            const QString relative = QDir(source).relativeFilePath(file);
            QVERIFY(QDir(pack).mkpath(QFileInfo(relative).path()));
            QVERIFY(QFile::copy(file, QDir(pack).filePath(relative)));
        }
        const QString store = home.filePath(QStringLiteral("store/civicdesk.sqlite"));
        const Run run = startWorkstation(
            home, {QStringLiteral("--database"), store, QStringLiteral("--city"), pack});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY2(run.err.contains(u"was not used: it was made from other pack files"),
                 qPrintable(run.err));

        auto db = Database::open(store);
        QVERIFY(db.ok());
        auto imported = test::miniCityStore();
        QVERIFY(imported);
        QCOMPARE(db.value()->meta(QStringLiteral("city_id")),
                 imported->db().meta(QStringLiteral("city_id")));
        QVERIFY(db.value()->meta(PrebuiltStore::checksumKey()).isEmpty());
        QCOMPARE(RequestRepository(*db.value()).count(), RequestRepository(imported->db()).count());
    }
};

QTEST_GUILESS_MAIN(TestFirstStart)
#include "tst_firststart.moc"

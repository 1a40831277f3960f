#include "models/citypack/prebuiltstore.h"

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"
#include "models/store/schema/migrations.h"
#include "models/store/sql/sql.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class PrebuiltText
{
    Q_DECLARE_TR_FUNCTIONS(PrebuiltStore)
};

QAtomicInt checkCounter;

// The store file and SQLite's companions beside it.
void removeStoreFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// Why a copied prebuilt store may not be used (empty: it may), read on a connection of its own
// that writes nothing (no migration, no WAL switch).
QString checkCopy(const QString &path, const QString &checksum)
{
    const QString name =
        QStringLiteral("civicdesk-prebuilt-%1").arg(checkCounter.fetchAndAddRelaxed(1));
    QString why;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            why = PrebuiltText::tr("it cannot be opened (%1)").arg(db.lastError().text());
        } else {
            QSqlQuery q(db);
            const auto scalar = [&q](const QString &statement, const QVariantList &values) {
                return sql::exec(q, statement, values) && q.next() ? q.value(0).toString()
                                                                   : QString();
            };
            auto version = Migrations::currentVersion(db);
            const QString made =
                version ? scalar(QStringLiteral("SELECT value FROM meta WHERE key = ?"),
                                 {PrebuiltStore::checksumKey()})
                        : QString();
            if (!version)
                why = PrebuiltText::tr("it is not a CivicDesk store (%1)")
                          .arg(version.error().message);
            else if (version.value() != Migrations::latestVersion())
                why = PrebuiltText::tr("it has schema version %1; this CivicDesk writes "
                                       "version %2")
                          .arg(version.value())
                          .arg(Migrations::latestVersion());
            else if (made != checksum)
                why = PrebuiltText::tr("it was made from other pack files (checksum %1, the "
                                       "pack's is %2)")
                          .arg(made.isEmpty() ? PrebuiltText::tr("none") : made.left(12),
                               checksum.left(12));
            else if (!scalar(QStringLiteral("SELECT key FROM meta WHERE key IN "
                                            "('device_code', 'request_sequence') LIMIT 1"),
                             {})
                          .isEmpty() ||
                     scalar(QStringLiteral("SELECT count(*) FROM events"), {}) != u"0")
                // A store a workstation has used carries its device code and its events:
                // copied, two workstations would number requests alike.
                why = PrebuiltText::tr("it holds a workstation's device code or events");
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return why;
}

} // namespace

QString PrebuiltStore::checksumKey()
{
    return QStringLiteral("city_pack_checksum");
}

Result<QString> PrebuiltStore::packChecksum(const QString &packDir)
{
    const QDir root(packDir);
    if (!root.exists())
        return makeError(QStringLiteral("prebuilt.pack"),
                         PrebuiltText::tr("The city pack folder %1 does not exist.").arg(packDir));
    QStringList files;
    QDirIterator it(packDir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(root.relativeFilePath(it.next()));
    files.sort();
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &relative : std::as_const(files)) {
        QFile file(root.filePath(relative));
        if (!file.open(QIODevice::ReadOnly))
            return makeError(
                QStringLiteral("prebuilt.pack"),
                PrebuiltText::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
        // The path and the length frame each file, so moving bytes between files shows.
        hash.addData(relative.toUtf8());
        hash.addData(QByteArray::number(file.size()).prepend('\0').append('\0'));
        if (!hash.addData(&file))
            return makeError(
                QStringLiteral("prebuilt.pack"),
                PrebuiltText::tr("Cannot read %1: %2").arg(file.fileName(), file.errorString()));
    }
    return QString::fromLatin1(hash.result().toHex());
}

QString PrebuiltStore::pathBeside(const QString &programDir, const QString &packDir)
{
    return QDir::cleanPath(QDir(programDir)
                               .filePath(QStringLiteral("../share/civicdesk/stores/%1.sqlite")
                                             .arg(QFileInfo(packDir).fileName())));
}

Result<ImportReport> PrebuiltStore::build(const CityPack &pack, const QString &output)
{
    auto checksum = packChecksum(pack.directory);
    if (!checksum)
        return checksum.error();
    const QString part = output + QStringLiteral(".part");
    removeStoreFiles(part);
    Result<ImportReport> report = ImportReport{};
    {
        auto db = Database::open(part);
        if (!db)
            return db.error();
        CityImporter importer(*db.value());
        report = importer.import(pack);
        if (!report)
            return report.error();
        if (auto s = db.value()->setMeta(checksumKey(), checksum.value()); !s)
            return s.error();
    } // Closing the last connection folds the WAL into the file.
    if (QFileInfo::exists(part + QStringLiteral("-wal")))
        return makeError(
            QStringLiteral("prebuilt.build"),
            PrebuiltText::tr("The store %1 was left with a write-ahead log.").arg(part));
    removeStoreFiles(output);
    if (!QFile::rename(part, output))
        return makeError(QStringLiteral("prebuilt.build"),
                         PrebuiltText::tr("Cannot move %1 to %2.").arg(part, output));
    return report;
}

Status PrebuiltStore::install(const QString &prebuilt, const QString &packDir,
                              const QString &target)
{
    const QString part = target + QStringLiteral(".part");
    const auto notUsed = [&](const QString &why) {
        removeStoreFiles(part);
        return makeError(
            QStringLiteral("prebuilt.refused"),
            PrebuiltText::tr("The prebuilt store %1 was not used: %2.").arg(prebuilt, why));
    };
    if (target == u":memory:" || target.contains(u"://"))
        return notUsed(PrebuiltText::tr("the store %1 is not a file").arg(target));
    // A write-ahead log left without its store would be read into the copy.
    for (const QString &file : {target, QString(target + QStringLiteral("-wal"))}) {
        if (QFileInfo::exists(file))
            return notUsed(PrebuiltText::tr("the store %1 exists already").arg(file));
    }
    if (!QFileInfo(prebuilt).isFile())
        return notUsed(PrebuiltText::tr("it does not exist"));
    auto checksum = packChecksum(packDir);
    if (!checksum)
        return notUsed(checksum.error().message);
    const QFileInfo info(target);
    if (!QDir().mkpath(info.absolutePath()))
        return notUsed(PrebuiltText::tr("cannot create folder %1").arg(info.absolutePath()));
    removeStoreFiles(part);
    if (!QFile::copy(prebuilt, part))
        return notUsed(PrebuiltText::tr("cannot copy it to %1").arg(part));
    // An installed file may be read-only; the workstation's store is its own to write.
    QFile::setPermissions(part, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                    QFile::ReadOther);
    if (const QString why = checkCopy(part, checksum.value()); !why.isEmpty())
        return notUsed(why);
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(part + suffix);
    if (!QFile::rename(part, target))
        return notUsed(PrebuiltText::tr("cannot move %1 to %2").arg(part, target));
    return Ok{};
}

} // namespace civicdesk

#include "app/server/cityimportcommand.h"

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/store/database.h"

#include <QFile>
#include <QFileInfo>
#include <cstdio>

namespace civicdesk {

namespace {

int refuse(const QString &message)
{
    std::fprintf(stderr, "civicdesk-server: %s\n", qPrintable(message));
    return 1;
}

// An SQLite store and the journal files beside it.
void removeFileStore(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

} // namespace

int runCityImport(const ServerOptions &options)
{
    auto pack = CityPack::load(options.importCity);
    if (!pack)
        return refuse(pack.error().message);
    const bool fileStore = !options.database.startsWith(u"postgresql://") &&
                           !options.database.startsWith(u"postgres://");
    const bool created = fileStore && !QFileInfo::exists(options.database);
    auto database = Database::open(options.database);
    if (!database)
        return refuse(database.error().message);
    CityImporter importer(*database.value());
    importer.setReplaceCity(options.replaceCity);
    auto report = importer.import(pack.value());
    if (!report) {
        if (created) {
            database.value().reset();
            removeFileStore(options.database);
        }
        return refuse(report.error().message);
    }
    std::printf("imported %s: %d services, %d requests, %d addresses in %lld ms\n",
                qPrintable(pack.value().name), report.value().services, report.value().requests,
                report.value().addresses, report.value().milliseconds);
    return 0;
}

} // namespace civicdesk

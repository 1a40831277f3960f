#pragma once

#include "models/domain/result.h"

#include <QStringList>
#include <functional>

class QSqlDatabase;

namespace civicdesk {

class Database;
struct CityPack;

struct ImportProgress
{
    QString step; // translated, e.g. "Request history (requests-2015.csv.gz)"
    int stepIndex = 0;
    int stepCount = 0;
    double fraction = 0; // of the current step, 0..1
};

struct ImportReport
{
    int departments = 0;
    int services = 0;
    int definitions = 0;
    int slasFromDefinitions = 0;
    int slasFromHistory = 0;
    int articles = 0; // seed articles and pack articles
    int synonyms = 0;
    int layers = 0;
    int addresses = 0;
    int intersections = 0;
    int intakeRules = 0;
    int referrals = 0;
    int requests = 0;
    int requestsMapped = 0; // history rows whose type maps to a catalogue service
    qint64 milliseconds = 0;
};

// Loads a city pack into a store in one transaction: a malformed pack is rejected with the
// file, line and problem named, and leaves the store exactly as it was. Importing the same pack
// again gives the same store. Large files are streamed (memory stays bounded).
class CityImporter
{
public:
    using ProgressHandler = std::function<void(const ImportProgress &)>;

    explicit CityImporter(Database &database);
    void setProgressHandler(ProgressHandler handler) { m_progress = std::move(handler); }
    // A store holds one city: a pack of another city is refused unless replacing is asked for
    // (and even then refused when the store has recorded events of its city).
    void setReplaceCity(bool replace) { m_replaceCity = replace; }

    Result<ImportReport> import(const CityPack &pack);
    // Opens the store at `databasePath` with a connection of the calling thread (a worker's,
    // behind a progress window) and imports `pack` into it.
    static Result<ImportReport> importInto(const QString &databasePath, const CityPack &pack,
                                           bool replaceCity, ProgressHandler progress);

private:
    Status makeRoomFor(QSqlDatabase &db, const CityPack &pack);

    Database &m_database;
    ProgressHandler m_progress;
    bool m_replaceCity = false;
};

} // namespace civicdesk

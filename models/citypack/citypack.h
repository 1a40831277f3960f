#pragma once

#include "models/domain/result.h"

#include <QFile>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace civicdesk {

class GzipDevice;

// One file of a pack opened for streaming; `.gz` files are inflated on the fly.
class PackFile
{
public:
    static Result<std::unique_ptr<PackFile>> open(const QString &path);
    ~PackFile();
    QIODevice *device() const;
    QString path() const { return m_file.fileName(); }
    qint64 compressedSize() const { return m_file.size(); }
    qint64 compressedPosition() const { return m_file.pos(); }

private:
    PackFile() = default;
    QFile m_file;
    std::unique_ptr<GzipDevice> m_gzip;
};

struct PackLayer
{
    QString id;
    QString kind; // boundary, neighborhood, ward, precinct, zip, open_space, street, point
    QString title;
    QString file;
    QString nameProperty; // feature property that names the area, if any
};

// Column names of a historical request file, so each city's export can be read as it is.
struct HistorySchema
{
    QString file;
    QString typeMap; // CSV: type_2015 (source type), service_code, confidence
    QString dateFormat = QStringLiteral("MM/dd/yyyy hh:mm:ss AP");
    QString timezone;
    QHash<QString, QString> columns; // our field -> source column
    QString placeholderLatLon;       // "lat,lon" the source uses for "no location"
};

// A city pack: a folder with `city.json` (the manifest) and the files it names. The format is
// documented in resources/cities/README.md.
struct CityPack
{
    static constexpr int FormatVersion = 1;

    QString directory;
    QString id;
    QString name;
    QString region;
    QString timezone;
    double centerLat = 0;
    double centerLon = 0;
    QString attributionFile;
    QString servicesFile;
    QStringList definitionFiles;
    QStringList knowledgeSeedFiles; // CSV: one public article per service (and language)
    QStringList articleFiles;       // JSON arrays of knowledge articles
    QString synonymsFile;           // CSV language,term,synonyms
    QList<PackLayer> layers;
    QString addressesFile;
    QString intersectionsFile;
    QString intakeRulesFile;
    QString referralsFile;
    QList<HistorySchema> history;

    // Reads and validates the manifest in `directory` and checks every named file exists.
    static Result<CityPack> load(const QString &directory);
    QString path(const QString &relative) const;
};

} // namespace civicdesk

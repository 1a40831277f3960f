#pragma once

#include "models/domain/result.h"

#include <QFile>
#include <QHash>
#include <QJsonObject>
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

// How one of the city's own request statuses ("Cancelled", "Referred Out") is read: as open,
// in_progress or closed (Open311 shows in_progress as open), with a status note for Open311's
// status_notes. The city's word itself is kept beside it.
struct StatusMapping
{
    QString word;   // as the city writes it
    QString status; // open, in_progress or closed
    QString note;
};

// How one CSV file of a pack is written, as city.json describes it: the text encoding, the
// separator and the texts it writes for "no value". A history file and every other CSV a city
// may supply from its own exports (addresses, intersections, referrals, intake rules, the
// knowledge seed and synonyms, a type map) take the same description.
struct CsvForm
{
    QString encoding = QStringLiteral("utf-8"); // utf-8, latin-1 or windows-1252
    QString delimiter = QStringLiteral(",");    // one character: , ; | or a tab
    // Texts the file writes for "no value" in any column (compared whatever their case).
    QStringList missing;
    // The file's own name of a column CivicDesk reads ("street_name" -> "Street Name"); not
    // used for history files, whose entry names its columns itself.
    QHash<QString, QString> columns;
};

// Column names of a historical request file, so each city's export can be read as it is.
struct HistorySchema
{
    QString file;
    QString typeMap; // CSV: type_2015 (source type), service_code, confidence
    // A Qt date format, or "ISO 8601" (2024-01-05T09:27:00, with optional fraction, T or space,
    // and Z or an offset, honoured when present), "epoch" (seconds since 1970 UTC) or
    // "epoch_ms" (milliseconds).
    // "MM/dd/yyyy hh:mm:ss AP"; a list of forms is tried in order, for an export whose dates
    // come in more than one (dateFormat then names them all, for messages).
    QString dateFormat = QStringLiteral("MM/dd/yyyy hh:mm:ss AP");
    QStringList dateFormats;
    int century = 0; // 2000 or 1900 when dateFormat has a two-digit year (yy); else 0
    QString timezone;
    QHash<QString, QString> columns; // our field -> source column
    QString placeholderLatLon;       // "lat,lon" the source uses for "no location"
    // A history export writes "NULL" or "N/A" for "no value" unless it says otherwise.
    CsvForm form{QStringLiteral("utf-8"),
                 QStringLiteral(","),
                 {QStringLiteral("NULL"), QStringLiteral("N/A")},
                 {}};
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
    // How residents check a request (optional "contact" object): the phone number to call
    // ("311"), the web address, and the status link of one request with "{number}" where the
    // request number goes (printed as a QR code on lobby receipts).
    QString contactPhone;
    QString contactWeb;
    QString statusUrl;
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
    // The city's statuses by their lower-case word; empty: "Open" and "Closed" only.
    QHash<QString, StatusMapping> statuses;
    // The city's request sources by their lower-case word -> a channel (phone, web, app,
    // employee, ...); sources not named keep the city's word.
    QHash<QString, QString> channels;
    // How the pack's CSV files other than the history are written, by their path in the pack;
    // a file not described here is UTF-8, comma-separated, with no words for "no value".
    QHash<QString, CsvForm> csvForms;
    // The cluster alert rules ("clusters"), checked (models/domain/supervision/clusterrule.h);
    // empty: the defaults.
    QJsonObject clusters;
    // What the city calls its service categories in each language ("category_names"), checked
    // (models/domain/categorynames.h); empty: the catalogue's group names.
    QJsonObject categoryNames;
    // The languages the pack writes its texts in ("languages"; default: en).
    QStringList languages;
    // What the city calls its service types in its languages ("service_names"), checked
    // (models/domain/servicenames.h); empty: the service list's names only.
    QJsonObject serviceNames;
    // Set by a check (--check-city), never by a manifest: the importers read every row of a file
    // and list each bad one (RowProblems) instead of stopping at the first.
    bool listEveryBadRow = false;

    // Reads and validates the manifest in `directory` and checks every named file exists. With
    // `problems`, every problem of the manifest is listed there (file, key, what is expected)
    // and the pack comes back with what could be read; otherwise the first problem is the error.
    static Result<CityPack> load(const QString &directory, QStringList *problems = nullptr);
    QString path(const QString &relative) const;
};

} // namespace civicdesk

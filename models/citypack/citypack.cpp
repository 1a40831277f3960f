#include "models/citypack/citypack.h"

#include "models/citypack/exportform.h"
#include "models/citypack/gzipdevice.h"
#include "models/domain/categorynames.h"
#include "models/domain/servicenames.h"
#include "models/domain/supervision/clusterrule.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>
#include <cmath>
#include <functional>
#include <optional>

namespace civicdesk {

using namespace Qt::StringLiterals;

Result<std::unique_ptr<PackFile>> PackFile::open(const QString &path)
{
    std::unique_ptr<PackFile> file(new PackFile);
    file->m_file.setFileName(path);
    if (!file->m_file.open(QIODevice::ReadOnly)) {
        // "pack.missing": the manifest check names a file that is not there.
        return makeError(QFileInfo::exists(path) ? QStringLiteral("pack.open")
                                                 : QStringLiteral("pack.missing"),
                         QCoreApplication::translate("CityPack", "%1: cannot open: %2")
                             .arg(path, file->m_file.errorString()));
    }
    if (path.endsWith(u".gz")) {
        file->m_gzip = std::make_unique<GzipDevice>(&file->m_file);
        if (!file->m_gzip->open(QIODevice::ReadOnly)) {
            return makeError(QStringLiteral("pack.open"),
                             QCoreApplication::translate("CityPack", "%1: %2")
                                 .arg(path, file->m_gzip->errorString()));
        }
    }
    return file;
}

PackFile::~PackFile() = default;

QIODevice *PackFile::device() const
{
    return m_gzip ? static_cast<QIODevice *>(m_gzip.get())
                  : const_cast<QFile *>(&m_file); // QFile is read through a non-const pointer
}

QString CityPack::path(const QString &relative) const
{
    return QDir(directory).filePath(relative);
}

namespace {

Error manifestError(const QString &file, const QString &problem)
{
    return makeError(QStringLiteral("pack.manifest"),
                     QCoreApplication::translate("CityPack", "%1: %2").arg(file, problem));
}

QString str(const QJsonObject &o, QStringView key)
{
    return o.value(key).toString().trimmed();
}

// A key that names one file or a list of them.
QStringList strings(const QJsonObject &o, QStringView key)
{
    const QJsonValue v = o.value(key);
    if (v.isString())
        return v.toString().isEmpty() ? QStringList() : QStringList{v.toString()};
    QStringList list;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array) {
        if (!item.toString().isEmpty())
            list.append(item.toString());
    }
    return list;
}

// The value at a dotted key ("catalogue.services"); undefined when any part is absent.
QJsonValue at(const QJsonObject &manifest, const QString &dotted)
{
    QJsonValue value = manifest;
    for (const QString &part : dotted.split(u'.'))
        value = value.toObject().value(part);
    return value;
}

// An IANA zone whose name differs from `text` only by case, underscores or spaces
// ("America/LosAngeles" -> "America/Los_Angeles").
QString closestZone(const QString &text)
{
    const auto fold = [](QString s) { return s.remove(u'_').remove(u' ').toLower(); };
    const QString wanted = fold(text);
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (fold(QString::fromUtf8(id)) == wanted)
            return QString::fromUtf8(id);
    }
    return {};
}

// Empty when `zone` is an IANA time zone, else what is wrong with it.
QString zoneProblem(const QString &key, const QString &zone)
{
    if (QTimeZone(zone.toUtf8()).isValid())
        return {};
    const QString suggestion = closestZone(zone);
    return suggestion.isEmpty()
               ? QCoreApplication::translate("CityPack",
                                             "\"%1\": \"%2\" is not an IANA time zone (expected "
                                             "a name such as America/New_York or "
                                             "America/Los_Angeles); every timestamp would be "
                                             "shifted")
                     .arg(key, zone)
               : QCoreApplication::translate("CityPack",
                                             "\"%1\": \"%2\" is not an IANA time zone; did you "
                                             "mean \"%3\"?")
                     .arg(key, zone, suggestion);
}

} // namespace

Result<CityPack> CityPack::load(const QString &directory, QStringList *problems)
{
    // Without `problems` the first problem ends the load; with it, every problem of the
    // manifest is listed and the load goes on with what could be read.
    std::optional<Error> stopped;
    const auto problem = [&problems, &stopped](const Error &error) {
        if (!problems) {
            stopped = error;
            return true;
        }
        problems->append(error.message);
        return false;
    };
    CityPack pack;
    pack.directory = QDir(directory).absolutePath();
    const QString manifestPath = pack.path(QStringLiteral("city.json"));
    QFile file(manifestPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return manifestError(manifestPath,
                             QCoreApplication::translate("CityPack", "not a city pack (no readable "
                                                                     "city.json): %1")
                                 .arg(file.errorString()));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return manifestError(
            manifestPath, QCoreApplication::translate("CityPack", "invalid JSON at offset %1: %2")
                              .arg(parseError.offset)
                              .arg(parseError.errorString()));
    }
    const QJsonObject m = doc.object();
    // Every required key, named with what it holds, before anything else is read.
    const QList<std::pair<QString, QString>> required = {
        {QStringLiteral("format"), QStringLiteral("\"civicdesk-city-pack\"")},
        {QStringLiteral("format_version"), QStringLiteral("1")},
        {QStringLiteral("id"), QCoreApplication::translate("CityPack", "the pack's id, e.g. "
                                                                       "\"boston\"")},
        {QStringLiteral("name"), QCoreApplication::translate("CityPack", "the city's name")},
        {QStringLiteral("timezone"),
         QCoreApplication::translate("CityPack", "the IANA time zone of the city's timestamps, "
                                                 "e.g. \"America/New_York\"")},
        {QStringLiteral("center"),
         QCoreApplication::translate("CityPack", "{\"lat\": .., \"lon\": ..} where the map "
                                                 "opens")},
        {QStringLiteral("catalogue.services"),
         QCoreApplication::translate("CityPack", "the Open311 service list file")}};
    QStringList missing;
    QSet<QString> absent;
    for (const auto &[key, meaning] : required) {
        const QJsonValue value = at(m, key);
        if (value.isUndefined() || value.isNull() ||
            (value.isString() && value.toString().trimmed().isEmpty())) {
            missing.append(QStringLiteral("\"%1\" (%2)").arg(key, meaning));
            absent.insert(key);
        }
    }
    if (!missing.isEmpty() &&
        problem(manifestError(manifestPath,
                              QCoreApplication::translate("CityPack", "required key(s) missing: %1")
                                  .arg(missing.join(QStringLiteral("; "))))))
        return *stopped;
    if (!absent.contains(u"format"_s) && str(m, u"format") != u"civicdesk-city-pack") {
        if (problem(manifestError(
                manifestPath, QCoreApplication::translate("CityPack", "\"format\" must be "
                                                                      "\"civicdesk-city-pack\""))))
            return *stopped;
    }
    const int version = m.value(u"format_version").toInt(-1);
    if (!absent.contains(u"format_version"_s) && (version < 1 || version > FormatVersion)) {
        if (problem(manifestError(manifestPath,
                                  QCoreApplication::translate("CityPack",
                                                              "format_version %1 is not supported "
                                                              "(this CivicDesk reads version %2)")
                                      .arg(version)
                                      .arg(FormatVersion))))
            return *stopped;
    }
    pack.id = str(m, u"id");
    pack.name = str(m, u"name");
    pack.region = str(m, u"region");
    pack.timezone = str(m, u"timezone");
    const QJsonObject contact = m.value(u"contact").toObject();
    pack.contactPhone = contact.value(u"phone").toString().trimmed();
    pack.contactWeb = contact.value(u"web").toString().trimmed();
    pack.statusUrl = contact.value(u"status_url").toString().trimmed();
    if (!pack.statusUrl.isEmpty() &&
        (!pack.statusUrl.startsWith(u"https://") || !pack.statusUrl.contains(u"{number}"))) {
        if (problem(manifestError(manifestPath,
                                  QCoreApplication::translate(
                                      "CityPack", "\"contact.status_url\" must be an https:// "
                                                  "link with {number} where the request number "
                                                  "goes"))))
            return *stopped;
    }
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,31}$"));
    if (!absent.contains(u"id"_s) && !idPattern.match(pack.id).hasMatch()) {
        if (problem(manifestError(
                manifestPath,
                QCoreApplication::translate("CityPack", "\"id\" must be 1-32 lowercase letters, "
                                                        "digits, - or _"))))
            return *stopped;
    }
    if (const QString zone = zoneProblem(QStringLiteral("timezone"), pack.timezone);
        !absent.contains(u"timezone"_s) && !zone.isEmpty()) {
        if (problem(manifestError(manifestPath, zone)))
            return *stopped;
    }
    const QJsonObject center = m.value(u"center").toObject();
    pack.centerLat = center.value(u"lat").toDouble(1000);
    pack.centerLon = center.value(u"lon").toDouble(1000);
    if (!absent.contains(u"center"_s) &&
        (std::abs(pack.centerLat) > 90 || std::abs(pack.centerLon) > 180)) {
        if (problem(manifestError(manifestPath, QCoreApplication::translate(
                                                    "CityPack", "\"center\" needs lat and lon in "
                                                                "degrees"))))
            return *stopped;
    }
    pack.attributionFile = str(m, u"attribution");
    const QJsonObject catalogue = m.value(u"catalogue").toObject();
    pack.servicesFile = str(catalogue, u"services");
    const QJsonArray definitions = catalogue.value(u"definitions").toArray();
    for (const QJsonValue &v : definitions)
        pack.definitionFiles.append(v.toString());
    const QJsonObject knowledge = m.value(u"knowledge").toObject();
    // Every CSV file may be described as the city's export writes it (csvFile).
    QStringList formProblems;
    pack.knowledgeSeedFiles =
        csvFiles(knowledge.value(u"seed"), QStringLiteral("knowledge.seed"), pack, formProblems);
    pack.articleFiles = strings(knowledge, u"articles");
    pack.synonymsFile = csvFile(knowledge.value(u"synonyms"), QStringLiteral("knowledge.synonyms"),
                                pack, formProblems);
    pack.addressesFile =
        csvFile(m.value(u"addresses"), QStringLiteral("addresses"), pack, formProblems);
    pack.intersectionsFile =
        csvFile(m.value(u"intersections"), QStringLiteral("intersections"), pack, formProblems);
    pack.intakeRulesFile =
        csvFile(m.value(u"intake_rules"), QStringLiteral("intake_rules"), pack, formProblems);
    pack.referralsFile =
        csvFile(m.value(u"referrals"), QStringLiteral("referrals"), pack, formProblems);
    // An optional object, checked whole by `check` (whose message names the bad key): kept in
    // `into` when good, else a problem of the manifest; true when the load must stop.
    const auto checkedObject = [&](const QString &key, const QString &notAnObject,
                                   QJsonObject &into,
                                   const std::function<Status(const QJsonObject &)> &check) {
        if (!m.contains(key))
            return false;
        const QJsonValue value = m.value(key);
        const Status good = value.isObject() ? check(value.toObject())
                                             : Status(makeError(key + u".invalid"_s, notAnObject));
        if (!good)
            return problem(manifestError(manifestPath, good.error().message));
        into = value.toObject();
        return false;
    };
    // Cluster alerts: {"default": {count, metres, hours}, "types": {CODE: {...}}}.
    if (checkedObject(QStringLiteral("clusters"),
                      QCoreApplication::translate("CityPack", "\"clusters\" must be an object "
                                                              "with \"default\" and \"types\""),
                      pack.clusters, [](const QJsonObject &json) -> Status {
                          if (auto rules = ClusterRules::fromJson(json); !rules)
                              return rules.error();
                          return Ok{};
                      }))
        return *stopped;
    // The categories' names for people (the lobby's kiosk): {GROUP: {LANGUAGE: NAME}}.
    if (checkedObject(QStringLiteral("category_names"),
                      QCoreApplication::translate("CityPack", "\"category_names\" must be an "
                                                              "object of the catalogue's groups, "
                                                              "each with its names by language"),
                      pack.categoryNames, [](const QJsonObject &json) -> Status {
                          if (auto names = CategoryNames::fromJson(json); !names)
                              return names.error();
                          return Ok{};
                      }))
        return *stopped;
    // The service types' names in the pack's languages (default English): {CODE: {LANG: NAME}}.
    pack.languages = strings(m, u"languages");
    if (pack.languages.isEmpty())
        pack.languages = {u"en"_s};
    if (checkedObject(QStringLiteral("service_names"),
                      QCoreApplication::translate("CityPack", "\"service_names\" must be an "
                                                              "object of the service list's codes, "
                                                              "each with its names by language"),
                      pack.serviceNames, [&pack](const QJsonObject &json) -> Status {
                          if (auto names = ServiceNames::fromJson(json, pack.languages); !names)
                              return names.error();
                          return Ok{};
                      }))
        return *stopped;
    static const QStringList layerKinds = {
        QStringLiteral("boundary"), QStringLiteral("neighborhood"), QStringLiteral("ward"),
        QStringLiteral("precinct"), QStringLiteral("zip"),          QStringLiteral("open_space"),
        QStringLiteral("street"),   QStringLiteral("point"),        QStringLiteral("jurisdiction")};
    const QJsonArray layers = m.value(u"layers").toArray();
    for (const QJsonValue &v : layers) {
        const QJsonObject l = v.toObject();
        PackLayer layer{str(l, u"id"), str(l, u"kind"), str(l, u"title"), str(l, u"file"),
                        str(l, u"name_property")};
        if (layer.id.isEmpty() || layer.file.isEmpty() || !layerKinds.contains(layer.kind)) {
            if (problem(manifestError(
                    manifestPath,
                    QCoreApplication::translate("CityPack", "layer \"%1\" needs an id, a file "
                                                            "and a kind (one of %2)")
                        .arg(layer.id, layerKinds.join(QStringLiteral(", "))))))
                return *stopped;
            continue;
        }
        pack.layers.append(layer);
    }
    // The city's own statuses: "Cancelled": {"status": "closed", "note": "Cancelled by the
    // department"}.
    const QJsonObject statuses = m.value(u"statuses").toObject();
    static const QStringList states = {QStringLiteral("open"), QStringLiteral("in_progress"),
                                       QStringLiteral("closed")};
    for (auto it = statuses.begin(); it != statuses.end(); ++it) {
        const QJsonObject entry = it.value().toObject();
        StatusMapping mapping{it.key().trimmed(), str(entry, u"status"), str(entry, u"note")};
        if (!states.contains(mapping.status)) {
            if (problem(manifestError(
                    manifestPath,
                    QCoreApplication::translate("CityPack",
                                                "statuses.\"%1\".status is \"%2\"; expected open, "
                                                "in_progress or closed")
                        .arg(it.key(), mapping.status))))
                return *stopped;
            continue;
        }
        pack.statuses.insert(mapping.word.toLower(), mapping);
    }
    // The city's own request sources: "Driver Self Report": "employee".
    static const QStringList channelNames = {QStringLiteral("phone"),  QStringLiteral("walk_in"),
                                             QStringLiteral("email"),  QStringLiteral("web"),
                                             QStringLiteral("text"),   QStringLiteral("mail"),
                                             QStringLiteral("app"),    QStringLiteral("employee"),
                                             QStringLiteral("social"), QStringLiteral("other")};
    const QJsonObject channels = m.value(u"channels").toObject();
    for (auto it = channels.begin(); it != channels.end(); ++it) {
        const QString channel = it.value().toString().trimmed();
        if (!channelNames.contains(channel)) {
            if (problem(manifestError(
                    manifestPath,
                    QCoreApplication::translate("CityPack",
                                                "channels.\"%1\" is \"%2\"; expected one of %3")
                        .arg(it.key(), channel, channelNames.join(QStringLiteral(", "))))))
                return *stopped;
            continue;
        }
        pack.channels.insert(it.key().trimmed().toLower(), channel);
    }
    const QJsonArray history = m.value(u"history").toArray();
    for (const QJsonValue &v : history) {
        const QJsonObject h = v.toObject();
        HistorySchema schema;
        schema.file = str(h, u"file");
        schema.typeMap =
            csvFile(h.value(u"type_map"), QStringLiteral("type_map"), pack, formProblems);
        // One form, or a list of forms tried in order ("MM/dd/yyyy hh:mm:ss AP" and a date alone).
        if (const QJsonValue formats = h.value(u"date_format"); formats.isArray()) {
            for (const QJsonValue &f : formats.toArray())
                schema.dateFormats.append(f.toString());
        } else if (!formats.toString().isEmpty()) {
            schema.dateFormats = {formats.toString()};
        }
        if (!schema.dateFormats.isEmpty())
            schema.dateFormat = schema.dateFormats.join(QStringLiteral(" or "));
        else
            schema.dateFormats = {schema.dateFormat};
        schema.timezone = str(h, u"timezone");
        if (const QString zone = zoneProblem(
                QStringLiteral("history[%1].timezone").arg(pack.history.size()), schema.timezone);
            !schema.timezone.isEmpty() && !zone.isEmpty()) {
            if (problem(manifestError(manifestPath, zone)))
                return *stopped;
            schema.timezone.clear(); // checked on in the city's zone
        }
        schema.century = h.value(u"century").toInt(0);
        static const QRegularExpression twoDigitYear(QStringLiteral("(^|[^y])yy([^y]|$)"));
        if (twoDigitYear.match(schema.dateFormat).hasMatch() && schema.century != 1900 &&
            schema.century != 2000) {
            if (problem(manifestError(
                    manifestPath,
                    QCoreApplication::translate("CityPack",
                                                "history \"%1\": date_format \"%2\" has a "
                                                "two-digit year (yy), which would read 15 as 1915; "
                                                "say which century the years are in with "
                                                "\"century\": 2000 (or 1900)")
                        .arg(schema.file, schema.dateFormat))))
                return *stopped;
            schema.century = 2000; // checked on without reporting every date again
        }
        schema.placeholderLatLon = str(h, u"placeholder_lat_lon");
        if (const QString problemText = readExportForm(h, schema); !problemText.isEmpty()) {
            if (problem(manifestError(manifestPath, problemText)))
                return *stopped;
        }
        const QJsonObject columns = h.value(u"columns").toObject();
        for (auto it = columns.begin(); it != columns.end(); ++it)
            schema.columns.insert(it.key(), it.value().toString());
        bool complete = true;
        for (const char16_t *needed : {u"id", u"opened", u"type", u"status"}) {
            if (!schema.columns.contains(QString::fromUtf16(needed))) {
                if (problem(manifestError(
                        manifestPath,
                        QCoreApplication::translate("CityPack", "history \"%1\": columns.%2 is "
                                                                "missing")
                            .arg(schema.file, QString::fromUtf16(needed)))))
                    return *stopped;
                complete = false;
            }
        }
        if (complete)
            pack.history.append(schema);
    }
    for (const QString &wrong : std::as_const(formProblems)) {
        if (problem(manifestError(manifestPath, wrong)))
            return *stopped;
    }
    QStringList files = {pack.servicesFile};
    files += pack.definitionFiles + pack.knowledgeSeedFiles + pack.articleFiles;
    for (const QString &f : {pack.addressesFile, pack.intersectionsFile, pack.attributionFile,
                             pack.intakeRulesFile, pack.referralsFile, pack.synonymsFile}) {
        if (!f.isEmpty())
            files.append(f);
    }
    for (const PackLayer &layer : std::as_const(pack.layers))
        files.append(layer.file);
    for (const HistorySchema &h : std::as_const(pack.history)) {
        files.append(h.file);
        if (!h.typeMap.isEmpty())
            files.append(h.typeMap);
    }
    for (const QString &f : std::as_const(files)) {
        if (f.contains(u"..") || QDir::isAbsolutePath(f)) {
            if (problem(manifestError(
                    manifestPath,
                    QCoreApplication::translate("CityPack", "\"%1\" must be a path inside the "
                                                            "pack")
                        .arg(f))))
                return *stopped;
            continue;
        }
        if (!QFileInfo::exists(pack.path(f))) {
            if (problem(manifestError(
                    manifestPath,
                    QCoreApplication::translate("CityPack", "names \"%1\", which is not in the "
                                                            "pack")
                        .arg(f))))
                return *stopped;
        }
    }
    return pack;
}

} // namespace civicdesk

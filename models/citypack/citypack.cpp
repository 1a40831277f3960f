#include "models/citypack/citypack.h"

#include "models/citypack/gzipdevice.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <cmath>

namespace civicdesk {

Result<std::unique_ptr<PackFile>> PackFile::open(const QString &path)
{
    std::unique_ptr<PackFile> file(new PackFile);
    file->m_file.setFileName(path);
    if (!file->m_file.open(QIODevice::ReadOnly)) {
        return makeError(QStringLiteral("pack.open"),
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

} // namespace

Result<CityPack> CityPack::load(const QString &directory)
{
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
    if (str(m, u"format") != u"civicdesk-city-pack") {
        return manifestError(manifestPath,
                             QCoreApplication::translate("CityPack", "\"format\" must be "
                                                                     "\"civicdesk-city-pack\""));
    }
    const int version = m.value(u"format_version").toInt(-1);
    if (version < 1 || version > FormatVersion) {
        return manifestError(manifestPath, QCoreApplication::translate(
                                               "CityPack", "format_version %1 is not supported "
                                                           "(this CivicDesk reads version %2)")
                                               .arg(version)
                                               .arg(FormatVersion));
    }
    pack.id = str(m, u"id");
    pack.name = str(m, u"name");
    pack.region = str(m, u"region");
    pack.timezone = str(m, u"timezone");
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,31}$"));
    if (!idPattern.match(pack.id).hasMatch()) {
        return manifestError(manifestPath, QCoreApplication::translate(
                                               "CityPack", "\"id\" must be 1-32 lowercase letters, "
                                                           "digits, - or _"));
    }
    if (pack.name.isEmpty())
        return manifestError(manifestPath,
                             QCoreApplication::translate("CityPack", "\"name\" is missing"));
    const QJsonObject center = m.value(u"center").toObject();
    pack.centerLat = center.value(u"lat").toDouble(1000);
    pack.centerLon = center.value(u"lon").toDouble(1000);
    if (std::abs(pack.centerLat) > 90 || std::abs(pack.centerLon) > 180) {
        return manifestError(
            manifestPath, QCoreApplication::translate("CityPack", "\"center\" needs lat and lon in "
                                                                  "degrees"));
    }
    pack.attributionFile = str(m, u"attribution");
    const QJsonObject catalogue = m.value(u"catalogue").toObject();
    pack.servicesFile = str(catalogue, u"services");
    const QJsonArray definitions = catalogue.value(u"definitions").toArray();
    for (const QJsonValue &v : definitions)
        pack.definitionFiles.append(v.toString());
    const QJsonObject knowledge = m.value(u"knowledge").toObject();
    pack.knowledgeSeedFile = str(knowledge, u"seed");
    pack.articlesFile = str(knowledge, u"articles");
    pack.synonymsFile = str(knowledge, u"synonyms");
    pack.addressesFile = str(m, u"addresses");
    pack.intersectionsFile = str(m, u"intersections");
    pack.intakeRulesFile = str(m, u"intake_rules");
    pack.referralsFile = str(m, u"referrals");
    if (pack.servicesFile.isEmpty()) {
        return manifestError(manifestPath, QCoreApplication::translate(
                                               "CityPack", "\"catalogue.services\" is missing"));
    }
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
            return manifestError(manifestPath,
                                 QCoreApplication::translate("CityPack",
                                                             "layer \"%1\" needs an id, a file "
                                                             "and a kind (one of %2)")
                                     .arg(layer.id, layerKinds.join(QStringLiteral(", "))));
        }
        pack.layers.append(layer);
    }
    const QJsonArray history = m.value(u"history").toArray();
    for (const QJsonValue &v : history) {
        const QJsonObject h = v.toObject();
        HistorySchema schema;
        schema.file = str(h, u"file");
        schema.typeMap = str(h, u"type_map");
        if (!str(h, u"date_format").isEmpty())
            schema.dateFormat = str(h, u"date_format");
        schema.timezone = str(h, u"timezone");
        schema.placeholderLatLon = str(h, u"placeholder_lat_lon");
        const QJsonObject columns = h.value(u"columns").toObject();
        for (auto it = columns.begin(); it != columns.end(); ++it)
            schema.columns.insert(it.key(), it.value().toString());
        for (const char16_t *needed : {u"id", u"opened", u"type", u"status"}) {
            if (!schema.columns.contains(QString::fromUtf16(needed))) {
                return manifestError(manifestPath,
                                     QCoreApplication::translate("CityPack",
                                                                 "history \"%1\": columns.%2 is "
                                                                 "missing")
                                         .arg(schema.file, QString::fromUtf16(needed)));
            }
        }
        pack.history.append(schema);
    }
    QStringList files = {pack.servicesFile};
    files += pack.definitionFiles;
    for (const QString &f :
         {pack.knowledgeSeedFile, pack.addressesFile, pack.intersectionsFile, pack.attributionFile,
          pack.intakeRulesFile, pack.referralsFile, pack.articlesFile, pack.synonymsFile}) {
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
            return manifestError(manifestPath, QCoreApplication::translate(
                                                   "CityPack", "\"%1\" must be a path inside the "
                                                               "pack")
                                                   .arg(f));
        }
        if (!QFileInfo::exists(pack.path(f))) {
            return manifestError(manifestPath, QCoreApplication::translate(
                                                   "CityPack", "names \"%1\", which is not in the "
                                                               "pack")
                                                   .arg(f));
        }
    }
    return pack;
}

} // namespace civicdesk

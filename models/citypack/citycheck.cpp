#include "models/citypack/citycheck.h"

#include "models/citypack/citypack.h"
#include "models/store/database.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

namespace civicdesk {

namespace {

class CheckText
{
    Q_DECLARE_TR_FUNCTIONS(CityCheck)
};

// The pack with only its service list, which every part needs, and its knowledge files when
// `knowledge` is set.
CityPack servicesOnly(const CityPack &pack, bool knowledge = false)
{
    CityPack part = pack;
    part.definitionFiles.clear();
    part.intakeRulesFile.clear();
    part.referralsFile.clear();
    part.layers.clear();
    part.addressesFile.clear();
    part.intersectionsFile.clear();
    part.history.clear();
    if (!knowledge) {
        part.knowledgeSeedFiles.clear();
        part.articleFiles.clear();
        part.synonymsFile.clear();
    }
    return part;
}

} // namespace

QString CityCheck::report(const QString &directory) const
{
    QStringList lines = problems;
    if (problems.isEmpty())
        lines.append(CheckText::tr("%1: no problems found (%2 services, %3 definitions, %4 "
                                   "articles, %5 map layers, %6 addresses, %7 intersections, %8 "
                                   "historical requests).")
                         .arg(directory)
                         .arg(loaded.services)
                         .arg(loaded.definitions)
                         .arg(loaded.articles)
                         .arg(loaded.layers)
                         .arg(loaded.addresses)
                         .arg(loaded.intersections)
                         .arg(loaded.requests));
    else
        lines.append(CheckText::tr("%1: %2 problem(s) found; nothing was written.")
                         .arg(directory)
                         .arg(problems.size()));
    return lines.join(u'\n');
}

CityCheck checkCityPack(const QString &directory)
{
    CityCheck check;
    auto loaded = CityPack::load(directory, &check.problems);
    if (!loaded) {
        check.problems.append(loaded.error().message);
        return check;
    }
    CityPack &pack = loaded.value();
    pack.listEveryBadRow = true;
    QTemporaryDir scratch;
    auto store = Database::open(scratch.filePath(QStringLiteral("check.sqlite")));
    if (!store) {
        check.problems.append(store.error().message);
        return check;
    }
    // An empty service list stands in for a broken one, so the other parts are still read.
    CityPack base = servicesOnly(pack);
    // The categories' and types' names are checked against the service list on their own
    // (below), so that a misnamed group or code does not stop every other part from being read.
    base.categoryNames = QJsonObject();
    base.serviceNames = QJsonObject();
    bool first = true;
    // `again`: a part whose layers were counted already (a history file read with them).
    const auto run = [&](const CityPack &part, bool again = false) -> bool {
        CityImporter importer(*store.value());
        auto result = importer.import(part);
        if (result) {
            // Each part loads the service list again and its own files once.
            const ImportReport &r = result.value();
            ImportReport &all = check.loaded;
            all.services = first ? r.services : all.services;
            first = false;
            all.definitions += r.definitions;
            all.articles += r.articles;
            all.layers += again ? 0 : r.layers;
            all.addresses += r.addresses;
            all.intersections += r.intersections;
            all.intakeRules += r.intakeRules;
            all.referrals += r.referrals;
            all.requests += r.requests;
            return true;
        }
        // A file that is not there was named by the manifest check already. A file with bad
        // rows gives one line per row (RowProblems).
        if (result.error().code == u"pack.missing")
            return false;
        const QStringList lines = result.error().message.split(u'\n');
        for (const QString &line : lines) {
            if (!check.problems.contains(line))
                check.problems.append(line);
        }
        return false;
    };
    const bool servicesRead = QFile::exists(pack.path(pack.servicesFile)) && run(base);
    if (!servicesRead) {
        QFile empty(scratch.filePath(QStringLiteral("services.json")));
        if (empty.open(QIODevice::WriteOnly))
            empty.write("[]");
        empty.close();
        base.servicesFile = empty.fileName(); // an absolute path: outside the pack on purpose
        run(base);
    }
    QList<CityPack> parts;
    if (servicesRead) {
        // Definitions and intake rules name services: without the list they cannot be checked.
        for (const QString &file : pack.definitionFiles) {
            CityPack part = base;
            part.definitionFiles = {file};
            parts.append(part);
        }
        CityPack rules = base;
        rules.intakeRulesFile = pack.intakeRulesFile;
        parts.append(rules);
        if (!pack.categoryNames.isEmpty()) {
            CityPack names = base;
            names.categoryNames = pack.categoryNames;
            parts.append(names);
        }
        if (!pack.serviceNames.isEmpty()) {
            CityPack names = base;
            names.serviceNames = pack.serviceNames;
            parts.append(names);
        }
    }
    CityPack referrals = base;
    referrals.referralsFile = pack.referralsFile;
    CityPack knowledge = servicesOnly(pack, true);
    knowledge.servicesFile = base.servicesFile;
    knowledge.categoryNames = QJsonObject();
    knowledge.serviceNames = QJsonObject();
    CityPack layers = base;
    layers.layers = pack.layers;
    CityPack addresses = base;
    addresses.addressesFile = pack.addressesFile;
    CityPack intersections = base;
    intersections.intersectionsFile = pack.intersectionsFile;
    parts += {referrals, knowledge, addresses, intersections};
    for (const CityPack &part : std::as_const(parts))
        run(part);
    // Each history file with the map layers, when they read well, so that the boundary is
    // checked against the city's own request points.
    const bool layersRead = run(layers);
    for (const HistorySchema &schema : pack.history) {
        CityPack part = base;
        part.history = {schema};
        if (layersRead)
            part.layers = pack.layers;
        run(part, layersRead);
    }

    return check;
}

} // namespace civicdesk

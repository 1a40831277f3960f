// MapEngine::create: finds and loads libcivicdesk-mapengine.so (ui/map/webmapengine.cpp) once.

#include "ui/map/mapengine.h"
#include "ui/map/maplogging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibrary>

namespace civicdesk {

namespace {

// Where the module may be: beside the program (the build tree's bin/, or a copy of both), where
// it is installed, and where this build made it, for a program of this build tree (the tests).
QStringList candidates()
{
    const QString program = QCoreApplication::applicationDirPath();
    QStringList paths{QDir(program).filePath(QStringLiteral(CIVICDESK_MAP_ENGINE_NAME)),
                      QStringLiteral(CIVICDESK_MAP_ENGINE_INSTALLED)};
    const QString buildTree = QDir::cleanPath(QStringLiteral(CIVICDESK_BUILD_DIR)) + u'/';
    if (QDir::cleanPath(program).startsWith(buildTree))
        paths.append(QStringLiteral(CIVICDESK_MAP_ENGINE_BUILT));
    paths.removeDuplicates();
    return paths;
}

struct Module
{
    MapEngineEntry entry = nullptr;
    QString problem;
};

Module load()
{
    QStringList problems;
    for (const QString &path : candidates()) {
        if (!QFileInfo::exists(path)) {
            problems.append(QCoreApplication::translate("MapEngine", "%1 is missing").arg(path));
            continue;
        }
        // Never unloaded: the web engine it brings stays for the program's life.
        auto *library = new QLibrary(path, qApp);
        if (!library->load()) {
            problems.append(library->errorString());
            delete library;
            continue;
        }
        if (auto entry = reinterpret_cast<MapEngineEntry>(library->resolve(MapEngineEntryName))) {
            qCDebug(lcMap) << "map engine loaded from" << path;
            return {entry, QString()};
        }
        problems.append(QCoreApplication::translate("MapEngine", "%1 is not CivicDesk's map "
                                                                 "engine")
                            .arg(path));
    }
    return {nullptr, problems.join(QStringLiteral("; "))};
}

const Module &module()
{
    static const Module loaded = load();
    return loaded;
}

bool &loadedFlag()
{
    static bool loaded = false;
    return loaded;
}

} // namespace

std::unique_ptr<MapEngine> MapEngine::create(const Setup &setup, QString *error)
{
    const Module &m = module();
    loadedFlag() = m.entry != nullptr;
    if (!m.entry) {
        *error = QCoreApplication::translate("MapEngine",
                                             "The map's web engine could not be loaded (%1). "
                                             "Reinstall CivicDesk.")
                     .arg(m.problem);
        return nullptr;
    }
    return std::unique_ptr<MapEngine>(m.entry(setup, error));
}

bool MapEngine::isLoaded()
{
    return loadedFlag();
}

} // namespace civicdesk

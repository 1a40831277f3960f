#include "models/requests/maprequestloader.h"

#include "models/store/database.h"

namespace civicdesk {

namespace {

// The store's file when a thread can open it (SQLite), else empty: read in load() itself.
QString threadable(const Database &database)
{
    if (database.dialect() != Dialect::Sqlite)
        return {};
    return NewestQueryReader<MapRequestRepository>::threadable(database.path());
}

} // namespace

MapRequestLoader::MapRequestLoader(const Database &database, QObject *parent)
    : QObject(parent),
      m_here(threadable(database).isEmpty() ? std::make_unique<MapRequestRepository>(database)
                                            : nullptr),
      m_reader(threadable(database), QStringLiteral("civicdesk-map-requests"), m_here.get())
{
}

void MapRequestLoader::cancel()
{
    m_reader.supersede();
}

void MapRequestLoader::load(const MapRequestFilter &filter)
{
    // The answer is dropped when a newer load was asked for meanwhile, or this object is gone.
    m_reader.ask(
        [filter](const MapRequestRepository &requests) { return requests.located(filter); },
        [this](const Result<QList<MapRequestPoint>> &points) {
            if (points)
                emit loaded(points.value());
            else
                emit failed(points.error().message);
        });
}

} // namespace civicdesk

#include "models/intake/cityplaces.h"

#include "models/city/layerrepository.h"
#include "models/intake/intakerepository.h"
#include "models/store/database.h"

#include <QLoggingCategory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace civicdesk::cityplaces {

namespace {

Q_LOGGING_CATEGORY(lcPlaces, "civicdesk.places")

// The store's file when a thread can open a connection of its own to it, else empty.
QString threadable(const Database &database)
{
    const QString path = database.path();
    if (database.dialect() != Dialect::Sqlite || path.isEmpty() || path == u":memory:")
        return {};
    return path;
}

std::shared_ptr<AddressIndex> readAddresses(const Database &database)
{
    const IntakeRepository places(database);
    return std::make_shared<AddressIndex>(places.addresses(), places.intersections(),
                                          places.referrals());
}

std::shared_ptr<DistrictLocator> readDistricts(const Database &database)
{
    auto locator = std::make_shared<DistrictLocator>();
    const LayerRepository layers(database);
    for (const LayerInfo &layer : layers.layers()) {
        if (DistrictLocator::reads(layer.kind))
            locator->addLayer(layer.kind, layer.nameProperty, layers.geoJson(layer.id));
    }
    return locator;
}

// The reading thread yields to the user interface's while both want a processor (the window
// opening on a busy 2-core desk PC): a nice of 10 gives it about a tenth of their share.
void yieldToTheWindow()
{
#ifdef Q_OS_LINUX
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
#endif
}

// `read` on a thread of its own with its own connection to the store's file, or on the calling
// thread with `database` (when asked first, or when the thread's connection did not open).
template <typename T> T made(const Database &database, std::shared_ptr<T> (*read)(const Database &))
{
    const Database *here = &database;
    const auto readHere = [here, read] { return read(*here); };
    const QString file = threadable(database);
    if (file.isEmpty())
        return T::inBackground([] { return std::shared_ptr<T>(); }, readHere);
    return T::inBackground(
        [file, read]() -> std::shared_ptr<T> {
            yieldToTheWindow();
            auto opened = Database::open(file);
            if (!opened) {
                qCWarning(lcPlaces).noquote()
                    << "the city's places are read when first needed:" << opened.error().message;
                return nullptr;
            }
            return read(*opened.value());
        },
        readHere);
}

} // namespace

AddressIndex addressIndex(const Database &database)
{
    return made(database, &readAddresses);
}

DistrictLocator districts(const Database &database)
{
    return made(database, &readDistricts);
}

} // namespace civicdesk::cityplaces

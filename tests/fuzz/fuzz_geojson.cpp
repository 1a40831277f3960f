// The GeoJSON polygon layers of the city pack as the district locator reads them: any bytes
// are read or refused, and locating points (inside the input's own numbers and Boston's centre)
// never fails.

#include "models/city/districtlocator.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QStringList>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    static const QStringList kinds = {QStringLiteral("boundary"), QStringLiteral("neighborhood"),
                                      QStringLiteral("ward"),     QStringLiteral("precinct"),
                                      QStringLiteral("zip"),      QStringLiteral("jurisdiction")};
    const QString kind = kinds.at(data[0] % kinds.size());
    civicdesk::DistrictLocator locator;
    if (!locator.addLayer(kind, QStringLiteral("name"), civicdesk::fuzz::bytes(data + 1, size - 1)))
        return 0;
    (void)locator.locate(42.3601, -71.0589);
    (void)locator.locate(0, 0);
    (void)locator.locate(-90, 180);
    const auto districts = locator.locate(42.33, -71.08);
    if (!locator.hasBoundary())
        FUZZ_CHECK(districts.insideCity);
    return 0;
}

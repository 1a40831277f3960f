// Open311 JSON as the city pack and the importer read it: GET services.json and an array of
// service definitions (Boston's shape). A definition that is accepted encodes and reads back
// to the same definition.

#include "models/open311/servicesjson.h"
#include "tests/fuzz/fuzzcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace civicdesk;
    const QByteArray input = fuzz::bytes(data, size);
    const QString origin = QStringLiteral("fuzz");
    if (auto list = open311::parseServiceList(input, origin); !list)
        FUZZ_CHECK(!list.error().message.isEmpty());
    const auto definitions = open311::parseServiceDefinitions(input, origin);
    if (!definitions) {
        FUZZ_CHECK(!definitions.error().message.isEmpty());
        return 0;
    }
    for (const ServiceType &type : definitions.value()) {
        const QByteArray encoded = '[' + open311::encodeServiceDefinition(type) + ']';
        const auto again = open311::parseServiceDefinitions(encoded, origin);
        FUZZ_CHECK(again && again.value().size() == 1);
        FUZZ_CHECK(again.value().constFirst().code == type.code);
        FUZZ_CHECK(again.value().constFirst().attributes.size() == type.attributes.size());
    }
    return 0;
}

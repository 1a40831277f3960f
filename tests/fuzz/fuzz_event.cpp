// Events as the sync API receives them (POST /api/v1/events: {"events": [...]}) and as
// workstations pull them: the wire decoding, the storable-text rule, and the projector's
// validation of each kind's payload. A decoded event encodes and decodes to itself.

#include "models/domain/eventjson.h"
#include "models/domain/text/storabletext.h"
#include "models/store/projector.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

void check(const QJsonObject &object)
{
    using namespace civicdesk;
    QString field;
    const auto decoded = eventFromJson(object, &field);
    if (!decoded) {
        FUZZ_CHECK(!decoded.error().message.isEmpty());
        return;
    }
    const Event &event = decoded.value().event;
    (void)unstorableTextIn(event.payload, QStringLiteral("payload"));
    if (const Status valid = projector::validate(event); !valid)
        FUZZ_CHECK(!valid.error().message.isEmpty());
    const auto again = eventFromJson(eventToJson(event, decoded.value().seq));
    FUZZ_CHECK(again);
    const Event &back = again.value().event;
    FUZZ_CHECK(back.id == event.id && back.kind == event.kind && back.entityId == event.entityId);
    FUZZ_CHECK(back.entityType == event.entityType && back.payload == event.payload);
    FUZZ_CHECK(again.value().seq == decoded.value().seq);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document = QJsonDocument::fromJson(civicdesk::fuzz::bytes(data, size));
    if (!document.isObject())
        return 0;
    const QJsonObject body = document.object();
    if (!body.value(u"events").isArray()) {
        check(body);
        return 0;
    }
    for (const QJsonValue &item : body.value(u"events").toArray()) {
        if (item.isObject())
            check(item.toObject());
    }
    return 0;
}

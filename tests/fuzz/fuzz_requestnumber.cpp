// The request-number parser: what an agent typed or heard. A number it accepts reads back the
// same from its display form and is the one make() composes from its parts.

#include "models/domain/requestnumber.h"
#include "tests/fuzz/fuzzcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using civicdesk::RequestNumber;
    const QString text = QString::fromUtf8(civicdesk::fuzz::bytes(data, size));
    const auto parsed = RequestNumber::parse(text);
    if (!parsed) {
        FUZZ_CHECK(!parsed.error().message.isEmpty());
        return 0;
    }
    const RequestNumber &number = parsed.value();
    FUZZ_CHECK(number.compact().size() == RequestNumber::Length);
    const auto again = RequestNumber::parse(number.display());
    FUZZ_CHECK(again && again.value() == number);
    FUZZ_CHECK(RequestNumber::isValidDeviceCode(number.deviceCode()));
    FUZZ_CHECK(number.sequence() >= 0 && number.sequence() <= RequestNumber::MaxSequence);
    const auto made = RequestNumber::make(number.deviceCode(), number.sequence());
    FUZZ_CHECK(made && made.value() == number);
    return 0;
}

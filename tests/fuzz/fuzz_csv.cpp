// The city pack's CSV reader (addresses, referrals, intake rules, the request history): any
// bytes end in records or one clear error naming a line, and lines only move forward.

#include "models/citypack/csvreader.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QBuffer>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = civicdesk::fuzz::bytes(data, size);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    civicdesk::CsvReader reader(&buffer);
    const auto header = reader.readHeader({});
    if (!header) {
        FUZZ_CHECK(!header.error().message.isEmpty());
        return 0;
    }
    qint64 lastLine = reader.line();
    qint64 records = 0;
    while (reader.next()) {
        FUZZ_CHECK(reader.line() > lastLine);
        lastLine = reader.line();
        FUZZ_CHECK(!reader.record().isEmpty());
        (void)reader.value(reader.record().constFirst());
        FUZZ_CHECK(++records <= qint64(size) + 1);
    }
    if (reader.hasError()) {
        FUZZ_CHECK(!reader.problem().isEmpty());
        FUZZ_CHECK(reader.errorLine() >= 1);
    }
    FUZZ_CHECK(reader.bytesRead() <= qint64(size));
    return 0;
}

// The streaming gzip reader of the city pack (.csv.gz, .geojson.gz): any bytes inflate or stop
// with an error; reads never return more than asked.

#include "models/citypack/gzipdevice.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QBuffer>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = civicdesk::fuzz::bytes(data, size);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    civicdesk::GzipDevice gzip(&buffer);
    if (!gzip.open(QIODevice::ReadOnly))
        return 0;
    // A small input may inflate to a lot (a "bomb"); the pack reader streams it, so reading the
    // first 16 MiB in pieces is what matters here.
    constexpr qint64 Limit = 16 * 1024 * 1024;
    char piece[4099];
    qint64 total = 0;
    while (total < Limit) {
        const qint64 n = gzip.read(piece, sizeof piece);
        FUZZ_CHECK(n <= qint64(sizeof piece));
        if (n <= 0)
            break;
        total += n;
    }
    gzip.close();
    return 0;
}

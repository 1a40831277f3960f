// The HTTP/1.x request framer in front of Qt HTTP Server: the bytes of one connection, given in
// pieces whose sizes the input's first byte chooses. It never reads past what it was given,
// always moves forward, and reads nothing after refusing a request.

#include "app/server/requestframer.h"
#include "tests/fuzz/fuzzcheck.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using civicdesk::RequestFramer;
    using Step = RequestFramer::Step;
    if (size == 0)
        return 0;
    const qsizetype piece = 1 + data[0] % 64;
    const QByteArray stream = civicdesk::fuzz::bytes(data + 1, size - 1);
    RequestFramer framer(/*maxHeadBytes=*/1024, /*maxBodyBytes=*/4096);
    bool refused = false;
    for (qsizetype start = 0; start < stream.size(); start += piece) {
        const QByteArrayView chunk =
            QByteArrayView(stream).sliced(start, qMin(piece, stream.size() - start));
        qsizetype offset = 0;
        int steps = 0;
        while (offset < chunk.size()) {
            const qsizetype before = offset;
            if (framer.inLengthBody())
                offset += qsizetype(framer.skipBody(chunk.size() - offset));
            if (offset == chunk.size())
                break;
            const Step step = framer.next(chunk, &offset);
            FUZZ_CHECK(offset >= before && offset <= chunk.size());
            if (refused)
                FUZZ_CHECK(offset == before);
            if (step == Step::HeadTooLarge || step == Step::BodyTooLarge ||
                step == Step::Malformed) {
                refused = true;
                break;
            }
            if (step == Step::HeadReady) {
                FUZZ_CHECK(framer.head().contentLength >= 0);
                FUZZ_CHECK(framer.head().contentLength <= 4096);
                FUZZ_CHECK(!framer.head().method.isEmpty());
            }
            if (step == Step::NeedMore)
                FUZZ_CHECK(offset == chunk.size());
            // Every step but NeedMore marks a point in the stream; a stream cannot hold more
            // such points than bytes.
            FUZZ_CHECK(++steps <= chunk.size() + 2);
        }
        if (refused)
            break;
    }
    return 0;
}

#pragma once

// What every fuzzer in tests/fuzz shares: the input as Qt bytes, and a check that stops the run
// (libFuzzer keeps the input as a crash) when a decoder breaks one of its own promises.

#include <QByteArray>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__,          \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

namespace civicdesk::fuzz {

// The input without a copy; valid for the duration of one LLVMFuzzerTestOneInput call.
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace civicdesk::fuzz

// Runs a fuzzer's harness once over every input of its corpus folders, without libFuzzer: the
// normal (GCC) test build links each tests/fuzz/fuzz_*.cpp with this main, so every seed and every
// input a long fuzz run kept is replayed by the suite on every change, and under
// CIVICDESK_SANITIZE with AddressSanitizer and UndefinedBehaviorSanitizer too. A decoder that
// breaks one of its promises on an input stops the program (FUZZ_CHECK aborts), so the test fails
// naming the file; a folder without inputs fails as well (a corpus that was lost proves nothing).

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

QStringList inputsIn(const QString &path)
{
    const QFileInfo info(path);
    if (info.isFile())
        return {info.filePath()};
    QStringList files;
    const QDir dir(path);
    const auto entries = dir.entryInfoList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &entry : entries)
        files << entry.filePath();
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_FOLDER_OR_FILE...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        const QStringList files = inputsIn(path);
        if (files.isEmpty()) {
            std::fprintf(stderr, "no inputs in %s: the corpus is missing\n", argv[i]);
            return 1;
        }
        for (const QString &file : files) {
            QFile input(file);
            if (!input.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(file));
                return 1;
            }
            const QByteArray bytes = input.readAll();
            std::fprintf(stderr, "%s\n", qPrintable(file));
            LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()),
                                   size_t(bytes.size()));
            ++replayed;
        }
    }
    std::printf("%d inputs replayed, none broke a check\n", replayed);
    return 0;
}

// civicdesk-citystore: makes a city's prebuilt store at build time. It imports the pack with the
// same importer a workstation runs on its first start and stamps the store with the pack's
// checksum; the workstation copies it on its first start when the pack is unchanged (see
// models/citypack/prebuiltstore.h).

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/citypack/prebuiltstore.h"

#include <QCoreApplication>
#include <QStringList>
#include <cstdio>

using namespace civicdesk;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: civicdesk-citystore PACK_DIR OUTPUT.sqlite\n");
        return 2;
    }
    auto pack = CityPack::load(args.at(1));
    if (!pack) {
        std::fprintf(stderr, "civicdesk-citystore: %s\n", qPrintable(pack.error().message));
        return 1;
    }
    auto report = PrebuiltStore::build(pack.value(), args.at(2));
    if (!report) {
        std::fprintf(stderr, "civicdesk-citystore: %s\n", qPrintable(report.error().message));
        return 1;
    }
    std::printf("civicdesk-citystore: %s: %d requests, %d addresses, %d articles in %lld ms\n",
                qPrintable(args.at(2)), report.value().requests, report.value().addresses,
                report.value().articles, report.value().milliseconds);
    return 0;
}

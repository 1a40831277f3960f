#pragma once

#include "models/domain/result.h"

#include <QString>

namespace civicdesk {

struct CityPack;
struct ImportReport;

// A city's store made once from its pack by the real importer (at build time, by
// civicdesk-citystore) and copied into place on a workstation's first start instead of importing
// the pack there again: seconds instead of a minute. The copy is taken only when it was made
// from exactly the pack files the workstation would import (their checksum), at the schema
// version this build writes, and carries no workstation's identity; otherwise the caller imports
// the pack as before.
class PrebuiltStore
{
public:
    // The meta key holding the checksum of the pack a prebuilt store was made from.
    static QString checksumKey();
    // SHA-256 (hex) over every file under `packDir`: each relative path and its bytes, in path
    // order. Any changed, added, removed or renamed file changes it.
    static Result<QString> packChecksum(const QString &packDir);
    // Where a program in `programDir` finds the prebuilt store of the pack in `packDir`:
    // <programDir>/../share/civicdesk/stores/<pack folder name>.sqlite (the build tree and an
    // installation alike).
    static QString pathBeside(const QString &programDir, const QString &packDir);
    // Imports `pack` with CityImporter into a new store at `output` (an existing file there is
    // replaced only once the new one is complete) and stamps it with the pack's checksum.
    static Result<ImportReport> build(const CityPack &pack, const QString &output);
    // Copies the prebuilt store `prebuilt` to `target` (a store file that must not exist yet) if
    // it was made from the pack in `packDir` at this schema version; an error says why not, and
    // then nothing is left at `target`.
    static Status install(const QString &prebuilt, const QString &packDir, const QString &target);
};

} // namespace civicdesk

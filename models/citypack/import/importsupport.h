#pragma once

// Private to the city-pack importers: the one form of a pack file's error, and a small file read
// whole (the service list, a definition file, a map layer).

#include "models/domain/result.h"

#include <QByteArray>

namespace civicdesk {

struct CityPack;

// "FILE: PROBLEM", coded pack.file.
Error packFileError(const QString &file, const QString &problem);
// The whole of one of the pack's files (uncompressed when it is gzipped).
Result<QByteArray> readWholeFile(const CityPack &pack, const QString &file);

} // namespace civicdesk

#pragma once

#include "models/domain/result.h"

#include <QStringList>

namespace civicdesk {

struct CityPack;

// The bad rows of one pack file. An import stops at the first: the pack is refused with the file
// and line named, and nothing is written. A check (`--check-city`, CityPack::listEveryBadRow)
// reads the file to its end and lists every bad row — up to `Listed` of them, then how many more
// — so that a city's IT can mend a whole file at once instead of one row per run.
class RowProblems
{
public:
    static constexpr int Listed = 50;

    explicit RowProblems(const CityPack &pack);

    // Notes a bad row (the error names the file and line). True when reading must stop now, i.e.
    // in an import; in a check the caller skips the row and reads on.
    bool add(const Error &error);
    bool isEmpty() const { return m_count == 0; }

    // Ok when no row was bad. Otherwise an import's error is the first bad row as it was noted; a
    // check's error lists each noted row on its own line (the lines CityCheck reports).
    Status result() const;

private:
    bool m_listAll = false;
    Error m_first;
    QStringList m_listed;
    int m_count = 0;
};

} // namespace civicdesk

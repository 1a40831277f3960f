#pragma once

#include "models/citypack/cityimporter.h"

#include <QStringList>

namespace civicdesk {

// What `--check-city DIR` found: every problem (file, line or key, what was expected), and what
// an import would load.
struct CityCheck
{
    QStringList problems;
    ImportReport loaded;
    // The lines to print: each problem, then a summary.
    QString report(const QString &directory) const;
};

// Reads a whole city pack as an import would and lists every problem found, without writing to
// any store: the manifest's problems all at once, then each part of the pack (each definitions
// file, intake rules, referrals, knowledge, map layers, addresses, intersections, each history
// file) read on its own into a throwaway store, so that one bad file does not hide another's
// problems. Every bad row of a file is listed (up to RowProblems::Listed a file, then how many
// more); within a history file unreadable or implausible dates and unmapped statuses are counted
// with examples.
CityCheck checkCityPack(const QString &directory);

} // namespace civicdesk

#pragma once

// The one list of the city's reference tables: what a city pack fills and a workstation copies
// from the central store before it takes calls (catalogue, knowledge, places, map layers and
// the city's imported request history). Requests and callers made by agents travel as events.

#include <QList>
#include <QString>
#include <QStringList>

namespace civicdesk::referencedata {

struct Table
{
    QString name;
    QString key;     // an SQL expression unique per row (keyset paging)
    bool integerKey; // the key compares as a number
    QString filter;  // an SQL condition for the rows that are reference data; empty: every row
};

// In the order a workstation loads them (parents before the rows that name them).
const QList<Table> &tables();
// Their names, in the same order.
const QStringList &names();

} // namespace civicdesk::referencedata

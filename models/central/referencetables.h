#pragma once

#include "models/domain/result.h"

#include <QHash>
#include <QList>
#include <QStringList>
#include <QVariantList>

namespace civicdesk {

class Database;

// One page of a reference table, in key order.
struct ReferencePage
{
    QStringList columns;
    QStringList binaryColumns; // their values are base64 text
    QList<QVariantList> rows;
    QString next; // the key to continue after; empty when this was the last page
};

// The data a new workstation copies from the central store before it takes calls: catalogue,
// knowledge, places, map layers and the city's imported request history. Pages are cut by key
// (keyset paging), so a first sync interrupted anywhere resumes from the last key it stored.
class ReferenceTables
{
public:
    static constexpr int MaxPageSize = 5000;
    // In the order a workstation loads them.
    static QStringList names();

    explicit ReferenceTables(Database &database);

    Result<QList<std::pair<QString, qint64>>> counts() const;
    Result<ReferencePage> page(const QString &table, const QString &after, int pageSize) const;
    // The city's name, id, region, time zone and centre.
    QHash<QString, QString> cityMeta() const;

private:
    Database &m_database;
};

} // namespace civicdesk

#pragma once

#include "models/domain/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

namespace civicdesk {

class Database;

// Loads the central store's reference tables (catalogue, knowledge, layers, addresses) into a
// new workstation's store a page at a time. Each page and the key to resume after it commit in
// one transaction, so an interrupted first sync goes on from the last page it stored.
class ReferenceLoader
{
public:
    explicit ReferenceLoader(Database &database);

    // The tables a workstation takes from the server, in a safe loading order.
    static const QStringList &tables();
    static bool isKnownTable(const QString &table);

    // Where to resume a table: the server's last `next` key ("" = from the start).
    QString resumeAfter(const QString &table) const;
    bool isTableDone(const QString &table) const;
    qint64 rowsLoaded(const QString &table) const;
    // True once finish() ran for the reference version the server announced.
    bool isComplete() const;

    // Stores one page: rows are upserted by the table's key; unknown columns are ignored. The
    // values of `binaryColumns` are base64 of bytes, stored as they are (an error when one is
    // not base64). `next` null marks the table done.
    Status loadPage(const QString &table, const QStringList &columns,
                    const QStringList &binaryColumns, const QJsonArray &rows,
                    const QJsonValue &next);
    // After the last table: rebuilds the spatial and text indexes over what was loaded and
    // records the reference version (and the city, when the server names it).
    Status finish(const QString &version, const QJsonObject &city);

private:
    Database &m_database;
};

} // namespace civicdesk

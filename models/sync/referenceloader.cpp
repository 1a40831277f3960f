#include "models/sync/referenceloader.h"

#include "models/domain/text/jsonnumber.h"
#include "models/store/database.h"
#include "models/store/referencedata.h"
#include "models/store/schema/requestrollups.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSet>
#include <algorithm>
#include <limits>

namespace civicdesk {

namespace {

QString afterKey(const QString &table)
{
    return u"sync_reference_after." + table;
}

QString doneKey(const QString &table)
{
    return u"sync_reference_done." + table;
}

QString countKey(const QString &table)
{
    return u"sync_reference_rows." + table;
}

const QString versionKey = QStringLiteral("sync_reference_version");

struct TableColumns
{
    QStringList names;
    QStringList keys; // primary key columns
    QSet<QString> blobs;
};

// The table's columns as this store has them (names come from PRAGMA, never from the server).
Result<TableColumns> columnsOf(QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    // PRAGMA takes no bind values; `table` is one of the fixed names in tables().
    if (auto s = sql::exec(query, QStringLiteral("PRAGMA table_info(%1)").arg(table)); !s)
        return s.error();
    TableColumns columns;
    QList<std::pair<int, QString>> keys;
    while (query.next()) {
        const QString name = query.value(1).toString();
        columns.names.append(name);
        if (query.value(2).toString().compare(u"BLOB", Qt::CaseInsensitive) == 0)
            columns.blobs.insert(name);
        if (query.value(5).toInt() > 0)
            keys.append({query.value(5).toInt(), name});
    }
    std::sort(keys.begin(), keys.end());
    for (const auto &key : keys)
        columns.keys.append(key.second);
    return columns;
}

// A BLOB column (a map layer's GeoJSON) is stored compressed. The page says which columns carry
// bytes (`binary_columns`, base64 of the stored bytes, copied as they are); any other value for
// a BLOB column is the GeoJSON itself (object or text) and is compressed here. Nothing is
// guessed from how a value looks: a text that happens to read as base64 of compressed bytes
// stays that text.
Result<QVariant> bytesValue(const QJsonValue &value, const QString &column)
{
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!value.isString() || !decoded)
        return makeError(QStringLiteral("sync.reference"),
                         QCoreApplication::translate("Sync", "The server's \"%1\" column is "
                                                             "binary but a value is not base64.")
                             .arg(column));
    return QVariant(*decoded);
}

QVariant compressedValue(const QJsonValue &value)
{
    if (value.isObject())
        return qCompress(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact), 6);
    if (value.isArray())
        return qCompress(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact), 6);
    return qCompress(value.toString().toUtf8(), 6);
}

QVariant cellValue(const QJsonValue &value, bool blob)
{
    if (blob && !value.isNull())
        return compressedValue(value);
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    case QJsonValue::Bool:
        return value.toBool() ? 1 : 0;
    case QJsonValue::Double: {
        // A whole number within qint64 as an integer, any other as the double it is.
        if (const auto whole = jsonWholeNumber(value, std::numeric_limits<qint64>::min(),
                                               std::numeric_limits<qint64>::max()))
            return QVariant(*whole);
        return QVariant(value.toDouble());
    }
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }
    return {};
}

Status setMeta(QSqlQuery &query, const QString &key, const QString &value)
{
    return sql::exec(query,
                     QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) "
                                    "DO UPDATE SET value = excluded.value"),
                     {key, value});
}

} // namespace

ReferenceLoader::ReferenceLoader(Database &database) : m_database(database) {}

const QStringList &ReferenceLoader::tables()
{
    return referencedata::names();
}

bool ReferenceLoader::isKnownTable(const QString &table)
{
    return tables().contains(table);
}

QString ReferenceLoader::resumeAfter(const QString &table) const
{
    return m_database.meta(afterKey(table));
}

bool ReferenceLoader::isTableDone(const QString &table) const
{
    return m_database.meta(doneKey(table)) == u"1";
}

qint64 ReferenceLoader::rowsLoaded(const QString &table) const
{
    return m_database.meta(countKey(table)).toLongLong();
}

bool ReferenceLoader::isComplete() const
{
    return !m_database.meta(versionKey).isEmpty();
}

Status ReferenceLoader::loadPage(const QString &table, const QStringList &columns,
                                 const QStringList &binaryColumns, const QJsonArray &rows,
                                 const QJsonValue &next)
{
    if (!isKnownTable(table))
        return makeError(QStringLiteral("sync.reference"),
                         QCoreApplication::translate("Sync", "The server sent an unknown "
                                                             "reference table \"%1\".")
                             .arg(table));
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    auto local = columnsOf(db, table);
    if (!local)
        return local.error();
    // The server's columns this store also has, by position in the server's rows.
    QList<int> positions;
    QStringList names;
    for (int i = 0; i < columns.size(); ++i) {
        if (local.value().names.contains(columns.at(i))) {
            positions.append(i);
            names.append(columns.at(i));
        }
    }
    for (const QString &key : local.value().keys) {
        if (!names.contains(key))
            return makeError(QStringLiteral("sync.reference"),
                             QCoreApplication::translate("Sync", "The server's \"%1\" table "
                                                                 "has no \"%2\" column.")
                                 .arg(table, key));
    }
    QStringList updates;
    for (const QString &name : names) {
        if (!local.value().keys.contains(name))
            updates.append(name + u" = excluded." + name);
    }
    const QString statement =
        u"INSERT INTO " + table + u"(" + names.join(u", ") + u") VALUES(" +
        QStringList(names.size(), QStringLiteral("?")).join(u", ") + u") ON CONFLICT(" +
        local.value().keys.join(u", ") + u") DO " +
        (updates.isEmpty() ? QStringLiteral("NOTHING") : u"UPDATE SET " + updates.join(u", "));

    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery insert(db);
    if (!insert.prepare(statement))
        return sql::errorOf(insert, statement.left(60));
    for (const QJsonValue &row : rows) {
        const QJsonArray cells = row.toArray();
        QVariantList values;
        for (int i = 0; i < positions.size(); ++i) {
            const QJsonValue cell = cells.at(positions.at(i));
            if (binaryColumns.contains(names.at(i)) && !cell.isNull()) {
                auto bytes = bytesValue(cell, names.at(i));
                if (!bytes)
                    return bytes.error();
                values.append(bytes.value());
            } else {
                values.append(cellValue(cell, local.value().blobs.contains(names.at(i))));
            }
        }
        if (auto s = sql::execPrepared(insert, values); !s)
            return s;
    }
    QSqlQuery meta(db);
    const QString after =
        next.isNull() || next.isUndefined()
            ? resumeAfter(table)
            : (next.isString() ? next.toString() : QString::number(next.toVariant().toLongLong()));
    if (auto s = setMeta(meta, afterKey(table), sql::text(after)); !s)
        return s;
    if (auto s = setMeta(meta, countKey(table), QString::number(rowsLoaded(table) + rows.size()));
        !s)
        return s;
    if (next.isNull() || next.isUndefined()) {
        if (auto s = setMeta(meta, doneKey(table), QStringLiteral("1")); !s)
            return s;
    }
    return transaction.commit();
}

Status ReferenceLoader::finish(const QString &version, const QJsonObject &city)
{
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s;
    QSqlQuery query(db);
    const QStringList statements = {
        QStringLiteral("DELETE FROM addresses_rtree"),
        QStringLiteral("INSERT INTO addresses_rtree(id, min_lat, max_lat, min_lon, max_lon) "
                       "SELECT id, latitude, latitude, longitude, longitude FROM addresses "
                       "WHERE latitude IS NOT NULL AND longitude IS NOT NULL"),
        QStringLiteral("DELETE FROM requests_rtree WHERE id IN (SELECT rowid FROM requests "
                       "WHERE origin = 'import')"),
        QStringLiteral("INSERT INTO requests_rtree(id, min_lat, max_lat, min_lon, max_lon) "
                       "SELECT rowid, latitude, latitude, longitude, longitude FROM requests "
                       "WHERE origin = 'import' AND latitude IS NOT NULL AND longitude IS NOT "
                       "NULL"),
        QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"),
        QStringLiteral("INSERT INTO requests_text(requests_text) VALUES ('rebuild')"),
    };
    for (const QString &statement : statements) {
        if (auto s = sql::exec(query, statement); !s)
            return s;
    }
    // The supervisor's request figures count the imported history just loaded.
    if (auto s = requestrollups::rebuild(db); !s)
        return s;
    const QList<std::pair<QString, QString>> cityMeta = {
        {QStringLiteral("city_id"), QStringLiteral("id")},
        {QStringLiteral("city_name"), QStringLiteral("name")},
        {QStringLiteral("city_region"), QStringLiteral("region")},
        {QStringLiteral("city_timezone"), QStringLiteral("timezone")},
        {QStringLiteral("city_center"), QStringLiteral("center")},
        {QStringLiteral("city_phone"), QStringLiteral("phone")},
        {QStringLiteral("city_web"), QStringLiteral("web")},
        {QStringLiteral("city_status_url"), QStringLiteral("status_url")},
        {QStringLiteral("city_category_names"), QStringLiteral("category_names")},
        {QStringLiteral("city_service_names"), QStringLiteral("service_names")},
    };
    for (const auto &[key, field] : cityMeta) {
        const QJsonValue value = city.contains(field) ? city.value(field) : city.value(key);
        QString text = value.toString();
        if (value.isArray() && value.toArray().size() == 2)
            text = QStringLiteral("%1,%2")
                       .arg(value.toArray().at(0).toDouble(), 0, 'f', 6)
                       .arg(value.toArray().at(1).toDouble(), 0, 'f', 6);
        if (text.isEmpty() && key == u"city_id")
            text = u"central:" + version;
        if (text.isEmpty())
            continue;
        if (auto s = setMeta(query, key, text); !s)
            return s;
    }
    if (auto s = setMeta(query, versionKey, version.isEmpty() ? QStringLiteral("1") : version); !s)
        return s;
    return transaction.commit();
}

} // namespace civicdesk

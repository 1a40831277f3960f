#include "models/central/referencetables.h"

#include "models/store/database.h"
#include "models/store/referencedata.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QSqlField>
#include <QSqlRecord>

namespace civicdesk {

namespace {

using referencedata::Table;

const Table *spec(const QString &name)
{
    for (const Table &t : referencedata::tables()) {
        if (name == t.name)
            return &t;
    }
    return nullptr;
}

QString whereFilter(const Table &t)
{
    return t.filter.isEmpty() ? QStringLiteral("1 = 1") : t.filter;
}

} // namespace

QStringList ReferenceTables::names()
{
    return referencedata::names();
}

ReferenceTables::ReferenceTables(Database &database) : m_database(database) {}

Result<QList<std::pair<QString, qint64>>> ReferenceTables::counts() const
{
    QList<std::pair<QString, qint64>> list;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    for (const Table &t : referencedata::tables()) {
        // Table names come from the fixed list, never from a request.
        if (auto s = sql::exec(
                query,
                QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(t.name, whereFilter(t)));
            !s)
            return s.error();
        list.append({t.name, query.next() ? query.value(0).toLongLong() : 0});
    }
    return list;
}

Result<ReferencePage> ReferenceTables::page(const QString &table, const QString &after,
                                            int pageSize) const
{
    const Table *t = spec(table);
    if (!t)
        return makeError(QStringLiteral("not_found"),
                         QCoreApplication::translate("Storage",
                                                     "No reference table \"%1\"; the tables are: "
                                                     "%2.")
                             .arg(table, names().join(u", ")));
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    ReferencePage page;
    const QSqlRecord record = db.record(t->name);
    for (int i = 0; i < record.count(); ++i)
        page.columns.append(record.fieldName(i));
    const QString key = t->key;
    QString where = whereFilter(*t);
    QVariantList binds;
    if (!after.isEmpty()) {
        where += QStringLiteral(" AND %1 > ?").arg(key);
        binds.append(t->integerKey ? QVariant(after.toLongLong()) : QVariant(after));
    }
    binds.append(pageSize + 1);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (auto s = sql::exec(query,
                           QStringLiteral("SELECT %1, %2 FROM %3 WHERE %4 ORDER BY %2 LIMIT ?")
                               .arg(page.columns.join(u", "), key, t->name, where),
                           binds);
        !s)
        return s.error();
    QString lastKey;
    while (query.next()) {
        if (page.rows.size() == pageSize) {
            page.next = lastKey;
            break;
        }
        QVariantList row;
        for (int i = 0; i < page.columns.size(); ++i) {
            QVariant value = query.value(i);
            if (value.typeId() == QMetaType::QByteArray) {
                if (!page.binaryColumns.contains(page.columns.at(i)))
                    page.binaryColumns.append(page.columns.at(i));
                value = QString::fromLatin1(value.toByteArray().toBase64());
            }
            row.append(value);
        }
        page.rows.append(row);
        lastKey = query.value(page.columns.size()).toString();
    }
    return page;
}

QHash<QString, QString> ReferenceTables::cityMeta() const
{
    QHash<QString, QString> meta;
    // The lobby's receipts (how to check a request) and kiosk (the categories' names) and every
    // view of a type (its names in the window's language) need the city's contact and names on
    // every workstation, not only where the pack was imported.
    for (const char *key :
         {"city_id", "city_name", "city_region", "city_timezone", "city_center", "city_phone",
          "city_web", "city_status_url", "city_category_names", "city_service_names"})
        meta.insert(QString::fromLatin1(key), m_database.meta(QString::fromLatin1(key)));
    return meta;
}

} // namespace civicdesk

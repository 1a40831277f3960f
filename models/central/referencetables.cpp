#include "models/central/referencetables.h"

#include "models/store/database.h"
#include "models/store/sql.h"

#include <QCoreApplication>
#include <QSqlField>
#include <QSqlRecord>

namespace civicdesk {

namespace {

struct TableSpec
{
    const char *name;
    const char *key;    // an expression unique per row
    bool integerKey;    // compared as a number
    const char *filter; // rows that are reference data
};

// Requests and callers made by agents travel as events; the city's imported history is
// reference data.
constexpr TableSpec Tables[] = {
    {"departments", "code", false, nullptr},
    {"service_types", "code", false, nullptr},
    {"service_attributes", "service_code || '|' || code", false, nullptr},
    {"slas", "service_code", false, nullptr},
    {"referrals", "id", true, nullptr},
    {"synonyms", "language || '|' || term", false, nullptr},
    {"map_layers", "id", false, nullptr},
    {"addresses", "id", true, nullptr},
    {"intersections", "id", true, nullptr},
    {"articles", "id", false, nullptr},
    {"requests", "id", false, "origin = 'import'"},
};

const TableSpec *spec(const QString &name)
{
    for (const TableSpec &t : Tables) {
        if (name == QLatin1String(t.name))
            return &t;
    }
    return nullptr;
}

QString whereFilter(const TableSpec &t)
{
    return t.filter ? QString::fromLatin1(t.filter) : QStringLiteral("1 = 1");
}

} // namespace

QStringList ReferenceTables::names()
{
    QStringList list;
    for (const TableSpec &t : Tables)
        list.append(QString::fromLatin1(t.name));
    return list;
}

ReferenceTables::ReferenceTables(Database &database) : m_database(database) {}

Result<QList<std::pair<QString, qint64>>> ReferenceTables::counts() const
{
    QList<std::pair<QString, qint64>> list;
    QSqlQuery query(QSqlDatabase::database(m_database.connectionName()));
    for (const TableSpec &t : Tables) {
        // Table names come from the fixed list above, never from a request.
        if (auto s = sql::exec(query, QStringLiteral("SELECT count(*) FROM %1 WHERE %2")
                                          .arg(QLatin1String(t.name), whereFilter(t)));
            !s)
            return s.error();
        list.append({QString::fromLatin1(t.name), query.next() ? query.value(0).toLongLong() : 0});
    }
    return list;
}

Result<ReferencePage> ReferenceTables::page(const QString &table, const QString &after,
                                            int pageSize) const
{
    const TableSpec *t = spec(table);
    if (!t)
        return makeError(QStringLiteral("not_found"),
                         QCoreApplication::translate("Storage",
                                                     "No reference table \"%1\"; the tables are: "
                                                     "%2.")
                             .arg(table, names().join(u", ")));
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    ReferencePage page;
    const QSqlRecord record = db.record(QString::fromLatin1(t->name));
    for (int i = 0; i < record.count(); ++i)
        page.columns.append(record.fieldName(i));
    const QString key = QString::fromLatin1(t->key);
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
                               .arg(page.columns.join(u", "), key, QLatin1String(t->name), where),
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
    for (const char *key : {"city_id", "city_name", "city_region", "city_timezone", "city_center"})
        meta.insert(QString::fromLatin1(key), m_database.meta(QString::fromLatin1(key)));
    return meta;
}

} // namespace civicdesk

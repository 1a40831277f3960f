#include "tests/support/storerows.h"

#include "models/store/database.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

namespace civicdesk::test {

namespace {

QStringList linesOf(QSqlQuery &rows)
{
    QStringList lines;
    while (rows.next()) {
        QStringList values;
        for (int i = 0; i < rows.record().count(); ++i)
            values.append(rows.value(i).toString());
        lines.append(values.join(u'|'));
    }
    return lines;
}

} // namespace

QString storeRows(const Database &db, const std::function<bool(const QString &table)> &keep)
{
    QSqlDatabase connection = QSqlDatabase::database(db.connectionName());
    QStringList tables = connection.tables(QSql::Tables);
    tables.sort();
    QString dump;
    for (const QString &table : std::as_const(tables)) {
        if (keep && !keep(table))
            continue;
        QSqlQuery rows(connection);
        // Table names come from the catalogue, not from input.
        rows.exec(QStringLiteral("SELECT * FROM \"%1\"").arg(table));
        QStringList lines = linesOf(rows);
        lines.sort();
        dump += u"== " + table + u'\n' + lines.join(u'\n') + u'\n';
    }
    return dump;
}

QStringList statementRows(const Database &db, const QString &statement)
{
    QSqlQuery rows(QSqlDatabase::database(db.connectionName()));
    if (!rows.exec(statement))
        return {u"error: " + statement};
    return linesOf(rows);
}

} // namespace civicdesk::test

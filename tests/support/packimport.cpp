#include "tests/support/packimport.h"

#include "models/citypack/citypack.h"
#include "tests/support/teststore.h"

#include <QSqlQuery>

namespace civicdesk::test {

Result<ImportReport> importPack(TempStore &store, const QString &dir)
{
    auto pack = CityPack::load(dir);
    if (!pack)
        return pack.error();
    CityImporter importer(store.db());
    return importer.import(pack.value());
}

int scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QHash<QString, int> countBy(QSqlDatabase db, const QString &column)
{
    QHash<QString, int> counts;
    QSqlQuery q(db);
    if (!q.exec(u"SELECT " + column + u", count(*) FROM requests GROUP BY " + column))
        return counts;
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toInt());
    return counts;
}

} // namespace civicdesk::test

#include "tests/support/packimport.h"

#include "models/city/citylimits.h"
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

Result<ImportReport> importPackWithoutHistory(Database &db, const QString &dir)
{
    auto pack = CityPack::load(dir);
    if (!pack)
        return pack.error();
    pack.value().history.clear();
    return CityImporter(db).import(pack.value());
}

QByteArray historyHeader()
{
    return "source_row_index,CASE_ENQUIRY_ID,OPEN_DT,TARGET_DT,CLOSED_DT,OnTime_Status,"
           "CASE_STATUS,CLOSURE_REASON,CASE_TITLE,SUBJECT,REASON,TYPE,QUEUE,Department,"
           "SubmittedPhoto,ClosedPhoto,Location,fire_district,pwd_district,"
           "city_council_district,police_district,neighborhood,"
           "neighborhood_services_district,ward,precinct,land_usage,LOCATION_STREET_NAME,"
           "LOCATION_ZIPCODE,Property_Type,Property_ID,LATITUDE,LONGITUDE,Source,"
           "Geocoded_Location,source_file_type\n";
}

QByteArray historyRow(const QByteArray &id, const QByteArray &opened, const QByteArray &status,
                      const QByteArray &zip, const QByteArray &source)
{
    return "1," + id + "," + opened + ",,,ONTIME," + status +
           ",,t,s,r,Rodent Activity,q,ISD,,,1 A St,,,,,,,Ward 1,101.0,,," + zip +
           ",Address,1,42.37,-71.03," + source + ",,x\n";
}

void writeHistory(FixturePack &pack, const QByteArray &rows)
{
    pack.write(QStringLiteral("requests.csv"), historyHeader() + rows);
    pack.replace(QStringLiteral("city.json"), "\"requests.csv.gz\"", "\"requests.csv\"");
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

PointsOutside pointsOutsideTheCity(const Database &db)
{
    const CityLimits limits = CityLimits::load(db, {});
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    PointsOutside counted;
    if (!q.exec(QStringLiteral("SELECT latitude, longitude FROM requests WHERE latitude IS NOT "
                               "NULL")))
        return counted;
    while (q.next()) {
        ++counted.points;
        if (limits.outside(q.value(0).toDouble(), q.value(1).toDouble(), QString()))
            ++counted.outside;
    }
    return counted;
}

} // namespace civicdesk::test

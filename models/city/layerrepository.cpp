#include "models/city/layerrepository.h"

#include "models/store/database.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

namespace civicdesk {

LayerRepository::LayerRepository(const Database &database) : m_connection(database.connectionName())
{
}

QList<LayerInfo> LayerRepository::layers() const
{
    QList<LayerInfo> result;
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    // The pack's order (SQLite's rowid); PostgreSQL has no rowid, and a workstation's copy of
    // the central store's layers arrives in id order anyway.
    if (!sql::exec(q, QStringLiteral("SELECT id, kind, title, feature_count, min_lat, min_lon, "
                                     "max_lat, max_lon, name_property FROM map_layers ORDER BY %1")
                          .arg(dialect::of(db) == Dialect::Postgres ? QStringLiteral("id")
                                                                    : QStringLiteral("rowid"))))
        return result;
    while (q.next())
        result.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                       q.value(8).toString(), q.value(3).toInt(), q.value(4).toDouble(),
                       q.value(5).toDouble(), q.value(6).toDouble(), q.value(7).toDouble()});
    return result;
}

QByteArray LayerRepository::geoJson(const QString &id) const
{
    const QByteArray stored = compressedGeoJson(id);
    return stored.isEmpty() ? QByteArray() : qUncompress(stored);
}

QByteArray LayerRepository::compressedGeoJson(const QString &id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, QStringLiteral("SELECT geojson FROM map_layers WHERE id = ?"), {id}) &&
        q.next())
        return q.value(0).toByteArray();
    return {};
}

std::optional<QByteArray> LayerRepository::storedView(const QString &id, LayerDetail detail) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    const QString column = detail == LayerDetail::Overview ? QStringLiteral("overview_geojson")
                                                           : QStringLiteral("street_geojson");
    if (sql::exec(q, u"SELECT " + column + u" FROM map_layers WHERE id = ?", {id}) && q.next() &&
        !q.value(0).isNull())
        return qUncompress(q.value(0).toByteArray()); // stored compressed, like the layer
    return std::nullopt;
}

bool LayerRepository::viewsStored() const
{
    return countOf(QStringLiteral("SELECT count(*) FROM map_layers WHERE overview_geojson IS "
                                  "NULL OR street_geojson IS NULL")) == 0;
}

int LayerRepository::countOf(const QString &statement) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (sql::exec(q, statement) && q.next())
        return q.value(0).toInt();
    return 0;
}

int LayerRepository::addressCount() const
{
    return countOf(QStringLiteral("SELECT count(*) FROM addresses"));
}

int LayerRepository::intersectionCount() const
{
    return countOf(QStringLiteral("SELECT count(*) FROM intersections"));
}

} // namespace civicdesk

#include "models/citypack/cityimporter.h"

#include "models/citypack/citypack.h"
#include "models/citypack/import/boundarycheck.h"
#include "models/citypack/import/catalogueimport.h"
#include "models/citypack/import/historyimport.h"
#include "models/citypack/import/importsupport.h"
#include "models/citypack/import/intakeimport.h"
#include "models/citypack/import/knowledgeimport.h"
#include "models/citypack/import/placeimport.h"
#include "models/store/database.h"
#include "models/store/schema/requestrollups.h"
#include "models/store/sql/dialect.h"
#include "models/store/sql/sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <algorithm>

namespace civicdesk {

namespace {

// Gives lupdate and the runtime the same context for this file's messages.
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(CityImporter)
};

} // namespace

CityImporter::CityImporter(Database &database) : m_database(database) {}

Status CityImporter::makeRoomFor(QSqlDatabase &db, const CityPack &pack)
{
    const QString current = m_database.meta(QStringLiteral("city_id"));
    if (current.isEmpty() || current == pack.id)
        return Ok{};
    const QString currentName = m_database.meta(QStringLiteral("city_name"));
    if (!m_replaceCity)
        return makeError(QStringLiteral("pack.other_city"),
                         ImportText::tr("This store holds another city, \"%1\" (%2); the pack "
                                        "is \"%3\" (%4). A store holds one city: import into a "
                                        "new store, or replace the city explicitly "
                                        "(--replace-city).")
                             .arg(current, currentName, pack.id, pack.name));
    QSqlQuery q(db);
    // Requests, contacts and callers recorded here belong to the city they were taken in.
    if (auto s = sql::exec(q, QStringLiteral("SELECT count(*) FROM events")); !s)
        return s;
    const qint64 events = q.next() ? q.value(0).toLongLong() : 0;
    if (events > 0)
        return makeError(QStringLiteral("pack.other_city"),
                         ImportText::tr("This store holds %1 event(s) (requests, contacts, "
                                        "articles) recorded with the city \"%2\" (%3); they "
                                        "cannot be moved to \"%4\". Import %4 into a new store.")
                             .arg(events)
                             .arg(current, currentName, pack.id));
    // Nothing was recorded here: the whole city goes, the new one comes in its place.
    QStringList tables = {QStringLiteral("service_attributes"), QStringLiteral("slas"),
                          QStringLiteral("service_types"),      QStringLiteral("departments"),
                          QStringLiteral("article_versions"),   QStringLiteral("article_reads"),
                          QStringLiteral("articles"),           QStringLiteral("synonyms"),
                          QStringLiteral("referrals"),          QStringLiteral("map_layers"),
                          QStringLiteral("addresses"),          QStringLiteral("intersections"),
                          QStringLiteral("requests"),           QStringLiteral("drafts")};
    if (dialect::of(db) == Dialect::Sqlite)
        tables += {QStringLiteral("addresses_rtree"), QStringLiteral("requests_rtree")};
    for (const QString &table : std::as_const(tables)) {
        // Table names from the fixed list above.
        if (auto s = sql::exec(q, QStringLiteral("DELETE FROM %1").arg(table)); !s)
            return s;
    }
    qCInfo(lcStorage) << "replacing the city" << current << "with" << pack.id;
    return Ok{};
}

Result<ImportReport> CityImporter::importInto(const QString &databasePath, const CityPack &pack,
                                              bool replaceCity, ProgressHandler progress)
{
    auto db = Database::open(databasePath);
    if (!db)
        return db.error();
    CityImporter importer(*db.value());
    importer.setReplaceCity(replaceCity);
    importer.setProgressHandler(std::move(progress));
    return importer.import(pack);
}

Result<ImportReport> CityImporter::import(const CityPack &pack)
{
    QElapsedTimer timer;
    timer.start();
    ImportReport report;
    QSqlDatabase db = QSqlDatabase::database(m_database.connectionName());
    sql::Transaction transaction(db);
    if (auto s = transaction.begin(); !s)
        return s.error();
    // One city per store: another city is refused, or replaced when asked explicitly.
    if (auto s = makeRoomFor(db, pack); !s)
        return s.error();

    const int steps = 7 + int(pack.history.size());
    int step = 0;
    auto announce = [&](const QString &name) {
        ++step;
        if (m_progress)
            m_progress({name, step, steps, 0});
        return [this, name, step, steps](double fraction) {
            if (m_progress)
                m_progress({name, step, steps, std::clamp(fraction, 0.0, 1.0)});
        };
    };

    announce(ImportText::tr("Service catalogue"));
    if (auto s = importServices(db, pack, report); !s)
        return s.error();
    announce(ImportText::tr("Service definitions"));
    if (auto s = importDefinitions(db, pack, report); !s)
        return s.error();
    announce(ImportText::tr("Intake rules and referrals"));
    auto rules = importIntakeRules(db, pack);
    if (!rules)
        return rules.error();
    report.intakeRules = rules.value();
    auto referrals = importReferrals(db, pack);
    if (!referrals)
        return referrals.error();
    report.referrals = referrals.value();
    announce(ImportText::tr("Knowledge base"));
    if (auto s = importKnowledgeSeed(db, pack, report); !s)
        return s.error();
    auto articles = importArticles(db, pack);
    if (!articles)
        return articles.error();
    report.articles += articles.value();
    auto synonyms = importSynonyms(db, pack);
    if (!synonyms)
        return synonyms.error();
    report.synonyms = synonyms.value();
    announce(ImportText::tr("Map layers"));
    if (auto s = importLayers(db, pack, report); !s)
        return s.error();
    const auto addressProgress = announce(ImportText::tr("Address points"));
    if (auto s = importAddresses(db, pack, report, addressProgress); !s)
        return s.error();
    announce(ImportText::tr("Intersections"));
    if (auto s = importIntersections(db, pack, report); !s)
        return s.error();

    QHash<QString, QList<double>> targetHours;
    for (const HistorySchema &schema : pack.history) {
        const auto progress = announce(ImportText::tr("Request history (%1)").arg(schema.file));
        auto history = importHistory(db, pack, schema, progress);
        if (!history)
            return history.error();
        report.requests += history.value().rows;
        report.requestsMapped += history.value().mapped;
        for (auto it = history.value().targetHours.cbegin();
             it != history.value().targetHours.cend(); ++it)
            targetHours[it.key()] += it.value();
    }
    // A boundary that leaves the city's own requests outside would refuse every one of them.
    if (auto s = checkBoundaryHoldsTheRequests(m_database, pack); !s)
        return s.error();
    // The R*Tree is SQLite's; PostgreSQL searches its latitude/longitude index instead.
    if (m_database.dialect() == Dialect::Sqlite) {
        QSqlQuery q(db);
        if (auto s = sql::exec(q, QStringLiteral("DELETE FROM requests_rtree WHERE id IN (SELECT "
                                                 "rowid FROM requests WHERE origin = 'import')"));
            !s)
            return s.error();
        if (auto s =
                sql::exec(q, QStringLiteral("INSERT INTO requests_rtree(id, min_lat, max_lat, "
                                            "min_lon, max_lon) SELECT rowid, latitude, "
                                            "latitude, longitude, longitude FROM requests "
                                            "WHERE origin = 'import' AND latitude IS NOT NULL"));
            !s)
            return s.error();
    }
    if (auto s = deriveSlas(db, targetHours, report); !s)
        return s.error();
    // The supervisor's request figures count the history just written.
    if (auto s = requestrollups::rebuild(db); !s)
        return s.error();
    const QList<std::pair<QString, QString>> meta = {
        {QStringLiteral("city_id"), pack.id},
        {QStringLiteral("city_name"), pack.name},
        {QStringLiteral("city_region"), pack.region},
        {QStringLiteral("city_timezone"), pack.timezone},
        {QStringLiteral("city_phone"), pack.contactPhone},
        {QStringLiteral("city_web"), pack.contactWeb},
        {QStringLiteral("city_status_url"), pack.statusUrl},
        {QStringLiteral("city_clusters"),
         pack.clusters.isEmpty()
             ? QString()
             : QString::fromUtf8(QJsonDocument(pack.clusters).toJson(QJsonDocument::Compact))},
        {QStringLiteral("city_category_names"),
         pack.categoryNames.isEmpty()
             ? QString()
             : QString::fromUtf8(QJsonDocument(pack.categoryNames).toJson(QJsonDocument::Compact))},
        {QStringLiteral("city_service_names"),
         pack.serviceNames.isEmpty()
             ? QString()
             : QString::fromUtf8(QJsonDocument(pack.serviceNames).toJson(QJsonDocument::Compact))},
        {QStringLiteral("city_center"),
         QStringLiteral("%1,%2").arg(pack.centerLat, 0, 'f', 6).arg(pack.centerLon, 0, 'f', 6)}};
    for (const auto &[key, value] : meta) {
        if (auto s = m_database.setMeta(key, value); !s)
            return s.error();
    }
    if (auto s = transaction.commit(); !s)
        return s.error();
    // PostgreSQL plans from table statistics, which a bulk load leaves stale until autovacuum
    // comes by: refresh them now, so the first queries after an import use the indexes.
    if (m_database.dialect() == Dialect::Postgres) {
        QSqlQuery q(db);
        if (auto s = sql::exec(q, QStringLiteral("ANALYZE")); !s)
            return s.error();
    }
    report.milliseconds = timer.elapsed();
    m_database.changes().notify({StoreChanges::Origin::Import,
                                 {QStringLiteral("request"), QStringLiteral("contact"),
                                  QStringLiteral("caller"), QStringLiteral("article")},
                                 report.requests});
    return report;
}

} // namespace civicdesk

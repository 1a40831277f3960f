// A new workstation's first sync of the reference tables from a (fake) central store loaded
// with the fixture city: every table arrives identical, the spatial and text indexes are
// rebuilt, progress is reported, faults are retried, and an interrupted first sync resumes
// from the last stored page instead of starting over.

#include "models/city/cataloguerepository.h"
#include "models/sync/firstsync.h"
#include "models/sync/referenceloader.h"
#include "tests/support/fakeserver.h"
#include "tests/support/syncworkstation.h"

#include <QSignalSpy>
#include <QSqlRecord>
#include <QTest>

using namespace civicdesk;
using namespace civicdesk::test;

namespace {

const QUrl serverUrl(QStringLiteral("http://central.test"));

QStringList columnsOf(QSqlDatabase db, const QString &table)
{
    QStringList columns;
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA table_info(%1)").arg(table));
    while (q.next())
        columns.append(q.value(1).toString());
    return columns;
}

QJsonValue toJson(const QVariant &value)
{
    if (value.isNull())
        return QJsonValue::Null;
    if (value.typeId() == QMetaType::QByteArray)
        return QString::fromLatin1(value.toByteArray().toBase64());
    return QJsonValue::fromVariant(value);
}

// Every row of a table in key order, as text.
QString dumpTable(Database &database, const QString &table)
{
    QSqlDatabase db = QSqlDatabase::database(database.connectionName());
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT * FROM %1 ORDER BY 1, 2").arg(table));
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            cells.append(v.isNull() ? QStringLiteral("NULL")
                                    : (v.typeId() == QMetaType::QByteArray
                                           ? QString::fromLatin1(v.toByteArray().toHex())
                                           : v.toString()));
        }
        rows.append(cells.join(u'|'));
    }
    return rows.join(u'\n');
}

} // namespace

class TestFirstSync : public QObject
{
    Q_OBJECT

    std::unique_ptr<TempStore> m_source;
    std::unique_ptr<FakeServer> m_server;
    qint64 m_totalRows = 0;

    void serveSourceTables()
    {
        m_server = std::make_unique<FakeServer>();
        m_server->addUser(QStringLiteral("ana"), QStringLiteral("secret"),
                          QStringLiteral("call_taker"));
        m_server->setReference(
            QStringLiteral("7"),
            QJsonObject{{QStringLiteral("id"), QStringLiteral("mini-boston")},
                        {QStringLiteral("name"), QStringLiteral("Mini")},
                        {QStringLiteral("city_phone"), QStringLiteral("311")},
                        {QStringLiteral("city_category_names"),
                         m_source->db().meta(QStringLiteral("city_category_names"))},
                        {QStringLiteral("city_service_names"),
                         m_source->db().meta(QStringLiteral("city_service_names"))}});
        QSqlDatabase db = QSqlDatabase::database(m_source->db().connectionName());
        m_totalRows = 0;
        for (const QString &table : ReferenceLoader::tables()) {
            const QStringList columns = columnsOf(db, table);
            QList<QJsonArray> rows;
            QStringList binary; // as the server says: the columns whose values are bytes
            QSqlQuery q(db);
            QVERIFY(
                q.exec(u"SELECT " + columns.join(u", ") + u" FROM " + table + u" ORDER BY rowid"));
            while (q.next()) {
                QJsonArray row;
                for (int i = 0; i < columns.size(); ++i) {
                    row.append(toJson(q.value(i)));
                    if (q.value(i).typeId() == QMetaType::QByteArray &&
                        !binary.contains(columns.at(i)))
                        binary.append(columns.at(i));
                }
                rows.append(row);
            }
            m_totalRows += rows.size();
            m_server->addReferenceTable(table, columns, rows, binary);
        }
        QVERIFY(m_totalRows > 100);
    }

    void signIn(SyncWorkstation &ws)
    {
        bool done = false;
        ws.client().login(QStringLiteral("ana"), QStringLiteral("secret"), ws.device(),
                          [&](Result<LoginResult> r) {
                              QVERIFY(r.ok());
                              done = true;
                          });
        QTRY_VERIFY(done);
    }

    void compareWithSource(Database &db)
    {
        for (const QString &table : ReferenceLoader::tables())
            QVERIFY2(dumpTable(db, table) == dumpTable(m_source->db(), table), qPrintable(table));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM addresses_rtree")),
                 scalar(m_source->db(), QStringLiteral("SELECT count(*) FROM addresses WHERE "
                                                       "latitude IS NOT NULL")));
        QVERIFY(scalar(db, QStringLiteral("SELECT count(*) FROM addresses_rtree")) > 0);
        // The knowledge index answers searches over the loaded articles.
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM articles_fts WHERE "
                                           "articles_fts MATCH 'trash OR rodent OR pothole'")),
                 scalar(m_source->db(), QStringLiteral("SELECT count(*) FROM articles_fts WHERE "
                                                       "articles_fts MATCH 'trash OR rodent OR "
                                                       "pothole'")));
        QCOMPARE(db.meta(QStringLiteral("city_id")), QStringLiteral("mini-boston"));
        // What the lobby prints and shows: how to call, the categories' names for visitors.
        QCOMPARE(db.meta(QStringLiteral("city_phone")), QStringLiteral("311"));
        QVERIFY(db.meta(QStringLiteral("city_category_names")).contains(u"Animales"));
        QCOMPARE(db.meta(QStringLiteral("city_category_names")),
                 m_source->db().meta(QStringLiteral("city_category_names")));
        // Every view of a type names it in the window's language, as where the pack was imported.
        QCOMPARE(CatalogueRepository(db)
                     .serviceNames(QStringLiteral("es"))
                     .shown(QStringLiteral("RODENTACT"), QStringLiteral("Rodent Activity")),
                 QStringLiteral("Ratas o ratones"));
    }

private slots:
    void initTestCase() { m_source = miniCityStore(); }

    void init() { serveSourceTables(); }

    void loadsEveryReferenceTableWithProgress()
    {
        SyncWorkstation ws(m_server->network(), serverUrl);
        signIn(ws);
        QVERIFY(FirstSync::isNeeded(ws.db()));
        FirstSync first(ws.db(), ws.client());
        first.setPageSize(7);
        QSignalSpy progress(&first, &FirstSync::progress);
        QSignalSpy finished(&first, &FirstSync::finished);
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(1).toString()));
        QVERIFY(!FirstSync::isNeeded(ws.db()));
        compareWithSource(ws.db());
        qint64 previous = -1;
        for (const QList<QVariant> &p : std::as_const(progress)) {
            QVERIFY(p.at(0).toLongLong() >= previous);
            previous = p.at(0).toLongLong();
            QCOMPARE(p.at(1).toLongLong(), m_totalRows);
        }
        QCOMPARE(previous, m_totalRows);
    }

    // The page says which columns carry bytes; nothing is guessed from how a value looks. Before,
    // a layer's GeoJSON text that read as base64 of compressed bytes was stored as those bytes,
    // and bytes that did not uncompress were stored as compressed base64 text.
    void binaryColumnsAreTrustedNeverGuessed()
    {
        SyncWorkstation ws(m_server->network(), serverUrl);
        ReferenceLoader loader(ws.db());
        const QStringList columns = {QStringLiteral("id"),      QStringLiteral("kind"),
                                     QStringLiteral("title"),   QStringLiteral("feature_count"),
                                     QStringLiteral("geojson"), QStringLiteral("overview_geojson")};
        const QString looksCompressed = QString::fromLatin1(
            qCompress(QByteArray(R"({"type":"FeatureCollection"})")).toBase64());
        const QByteArray rawBytes("\x00\x01\xfe\xff not compressed", 20);
        const QJsonArray rows{
            QJsonArray{QStringLiteral("text"), QStringLiteral("polygon"), looksCompressed, 1,
                       looksCompressed, QJsonValue::Null},
            QJsonArray{QStringLiteral("bytes"), QStringLiteral("polygon"), QStringLiteral("B"), 1,
                       QString::fromLatin1(rawBytes.toBase64()), QJsonValue::Null}};
        QVERIFY(loader.loadPage(QStringLiteral("map_layers"), columns,
                                {QStringLiteral("overview_geojson")}, QJsonArray{rows.at(0)},
                                QStringLiteral("text")));
        QVERIFY(loader.loadPage(QStringLiteral("map_layers"), columns, {QStringLiteral("geojson")},
                                QJsonArray{rows.at(1)}, QJsonValue::Null));
        QSqlQuery q(QSqlDatabase::database(ws.db().connectionName()));
        QVERIFY(q.exec(QStringLiteral("SELECT id, title, geojson FROM map_layers ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("bytes"));
        QCOMPARE(q.value(2).toByteArray(), rawBytes); // a binary column round-trips
        QVERIFY(q.next());
        QCOMPARE(q.value(1).toString(), looksCompressed); // a text column stays text
        // A BLOB column the page does not call binary holds GeoJSON text: stored compressed.
        QCOMPARE(QString::fromUtf8(qUncompress(q.value(2).toByteArray())), looksCompressed);
        // A binary column whose value is not base64 refuses the page, naming the column.
        const auto refused = loader.loadPage(
            QStringLiteral("map_layers"), columns, {QStringLiteral("geojson")},
            QJsonArray{QJsonArray{QStringLiteral("bad"), QStringLiteral("polygon"),
                                  QStringLiteral("B"), 1, QStringLiteral("{not base64}"),
                                  QJsonValue::Null}},
            QJsonValue::Null);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(u"\"geojson\""),
                 qPrintable(refused.error().message));
    }

    void faultsAreRetried()
    {
        SyncWorkstation ws(m_server->network(), serverUrl);
        signIn(ws);
        m_server->addFault(QStringLiteral("GET /api/v1/reference"), 1, FakeServer::Fault::Refuse);
        m_server->addFault(QStringLiteral("GET /api/v1/reference/"), 3,
                           FakeServer::Fault::Truncate);
        m_server->addFault(QStringLiteral("GET /api/v1/reference/"), 6,
                           FakeServer::Fault::ServerError);
        m_server->addFault(QStringLiteral("GET /api/v1/reference/"), 9, FakeServer::Fault::Hang);
        ws.client().setTimeout(300);
        FirstSync first(ws.db(), ws.client());
        first.setPageSize(11);
        first.setBackoff(Backoff(10, 50, 1));
        QSignalSpy retrying(&first, &FirstSync::retrying);
        QSignalSpy finished(&first, &FirstSync::finished);
        first.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(retrying.size(), 4);
        compareWithSource(ws.db());
    }

    void interruptedFirstSyncResumesFromTheLastStoredPage()
    {
        SyncWorkstation ws(m_server->network(), serverUrl);
        signIn(ws);
        {
            FirstSync first(ws.db(), ws.client());
            first.setPageSize(5);
            int pages = 0;
            connect(&first, &FirstSync::progress, this, [&](qint64 loaded) {
                if (loaded > 0 && ++pages == 12)
                    first.cancel(); // the agent closes the window, or the process dies
            });
            first.start();
            QTRY_COMPARE(pages, 12);
        }
        ReferenceLoader loader(ws.db());
        QVERIFY(!loader.isComplete());
        QString resumedTable;
        QString resumedAfter;
        for (const QString &table : ReferenceLoader::tables()) {
            if (!loader.isTableDone(table)) {
                resumedTable = table;
                resumedAfter = loader.resumeAfter(table);
                break;
            }
        }
        QVERIFY(!resumedTable.isEmpty());
        QStringList doneBefore;
        for (const QString &table : ReferenceLoader::tables()) {
            if (loader.isTableDone(table))
                doneBefore.append(table);
        }
        QVERIFY(!doneBefore.isEmpty());
        ws.restart();
        signIn(ws);
        const qsizetype from = m_server->log().size();
        FirstSync again(ws.db(), ws.client());
        again.setPageSize(5);
        QSignalSpy finished(&again, &FirstSync::finished);
        again.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QVERIFY2(finished.first().first().toBool(), qPrintable(finished.first().at(1).toString()));
        compareWithSource(ws.db());
        // The first page asked for is the one after the last page stored, and no finished
        // table is fetched again.
        QStringList pages;
        for (qsizetype i = from; i < m_server->log().size(); ++i) {
            if (m_server->log().at(i).startsWith(u"GET /api/v1/reference/"))
                pages.append(m_server->log().at(i));
        }
        QVERIFY(!pages.isEmpty());
        QVERIFY2(pages.first().startsWith(u"GET /api/v1/reference/" + resumedTable + u'?'),
                 qPrintable(pages.first()));
        if (!resumedAfter.isEmpty())
            QVERIFY2(pages.first().contains(u"after=" + resumedAfter), qPrintable(pages.first()));
        for (const QString &line : std::as_const(pages)) {
            for (const QString &table : doneBefore)
                QVERIFY2(!line.startsWith(u"GET /api/v1/reference/" + table + u'?'),
                         qPrintable(line));
        }
    }
};

QTEST_GUILESS_MAIN(TestFirstSync)
#include "tst_firstsync.moc"

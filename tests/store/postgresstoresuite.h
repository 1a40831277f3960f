#pragma once

// The PostgreSQL store suite (tst_postgres_store): its class, one throwaway cluster for the
// suite with a fresh database per test, and the readers its tests share. Its tests are defined
// in two files: migrations, the event log, the import, radius queries and errors
// (tst_postgres_store.cpp), two processes at once (postgresconcurrency.cpp).

#include "models/citypack/cityimporter.h"
#include "models/citypack/citypack.h"
#include "models/requests/requestrepository.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/projector.h"
#include "models/store/schema/migrations.h"
#include "models/store/sql/sql.h"
#include "tests/support/pgcluster.h"
#include "tests/support/teststore.h"

#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QThread>
#include <atomic>
#include <functional>
#include <memory>

using namespace civicdesk;
using namespace Qt::StringLiterals;

inline QStringList pgTables(const Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.exec(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                          "current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

inline QStringList sqliteTables(const Database &db)
{
    QSqlQuery q(QSqlDatabase::database(db.connectionName()));
    q.exec(QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = "
                          "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    QStringList names;
    while (q.next())
        names.append(q.value(0).toString());
    return names;
}

// Every row of `tables`, one line per row, each table's lines sorted (rows that tie on their
// first columns, as a rollup's, come out the same on both stores).
inline QString dump(const Database &db, const QStringList &tables)
{
    QString text;
    for (const QString &table : tables) {
        QSqlQuery rows(QSqlDatabase::database(db.connectionName()));
        // Table names come from the catalogue, not from input.
        if (!rows.exec(QStringLiteral("SELECT * FROM %1").arg(table)))
            return QStringLiteral("cannot read ") + table;
        text += u"== " + table + u'\n';
        QStringList lines;
        while (rows.next()) {
            QStringList values;
            for (int i = 0; i < rows.record().count(); ++i)
                values.append(rows.value(i).isNull() ? QStringLiteral("NULL")
                                                     : rows.value(i).toString());
            lines.append(values.join(u'|'));
        }
        lines.sort();
        for (const QString &line : std::as_const(lines))
            text += line + u'\n';
    }
    return text;
}

using test::scalar;

inline Event requestCreated(const QString &id, const QString &number, double lat, double lon)
{
    return Event::make(QStringLiteral("request"), id, QStringLiteral("request.created"),
                       QJsonObject{{QStringLiteral("number"), number},
                                   {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                                   {QStringLiteral("service_code"), QStringLiteral("REQPOTHL")},
                                   {QStringLiteral("address"), QStringLiteral("1 City Hall Sq")},
                                   {QStringLiteral("latitude"), lat},
                                   {QStringLiteral("longitude"), lon}},
                       QStringLiteral("agent1"), QStringLiteral("ABCDE"),
                       QDateTime(QDate(2026, 11, 23), QTime(9, 30), Qt::UTC));
}

class TestPostgresStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::PgCluster> m_cluster;

    std::unique_ptr<Database> openFresh()
    {
        const QString url = m_cluster->createDatabase();
        if (url.isEmpty())
            qFatal("cannot create a database: %s", qPrintable(m_cluster->error()));
        auto db = Database::open(url);
        if (!db)
            qFatal("cannot open %s: %s", qPrintable(url), qPrintable(db.error().message));
        return std::move(db).value();
    }

    // A new database, migrated before any race (as a deployed store is); empty on failure.
    QString migratedDatabase()
    {
        const QString url = m_cluster->createDatabase();
        if (url.isEmpty() || !Database::open(url))
            return {};
        return url;
    }

    // Runs `body` on two threads at once, each with its own connection to `url` (as two server
    // processes have); what went wrong on each, empty when nothing did.
    static QStringList onTwoConnections(const QString &url,
                                        const std::function<QString(Database &, int)> &body)
    {
        QStringList errors = {QString(), QString()};
        std::unique_ptr<QThread> threads[2];
        for (int i = 0; i < 2; ++i) {
            threads[i].reset(QThread::create([&, i] {
                auto db = Database::open(url);
                errors[i] = db ? body(*db.value(), i) : db.error().message;
            }));
        }
        for (auto &thread : threads)
            thread->start();
        for (int i = 0; i < 2; ++i) {
            if (!threads[i]->wait(120000))
                errors[i] = QStringLiteral("still running after 120 s");
        }
        return errors;
    }

    CityPack minipack()
    {
        auto pack = CityPack::load(test::testDataDir() + QStringLiteral("/minipack"));
        if (!pack)
            qFatal("%s", qPrintable(pack.error().message));
        return pack.value();
    }

private slots:
    void initTestCase();
    void cleanupTestCase();
    void migratesFromEmpty();
    void reopeningKeepsTheStore();
    void refusesANewerStore();
    void twoProcessesMigratingTogetherBothSucceed();

    // Two server processes on one city store number Open311 requests from the same counter: no
    // number may be handed out twice, however their transactions interleave.
    void twoProcessesNeverHandOutTheSameRequestNumber();

    // Two server processes project a ticket with the same number at the same moment: the
    // second waits on the first's uncommitted row and is refused as a conflict (the kiosk that
    // asked takes the next number), never a second ticket with the number. Without the unique
    // index the second one's check reads before the first commits, and both are written.
    void twoWritersNeverProjectTheSameTicketNumber();

    void theEventLogIsAppendOnly();
    void appendWritesEventProjectionAndOutboxTogether_data();
    void appendWritesEventProjectionAndOutboxTogether();
    void radiusQueriesUseTheBoundingBox();
    void minipackImportEqualsSqlite();
    void importingTwiceIsIdempotent();
    void clearErrors_data();
    void clearErrors();
    void connectionErrorsNameTheProblem();
};

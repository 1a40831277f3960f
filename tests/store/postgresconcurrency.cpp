// tst_postgres_store: two server processes on one PostgreSQL store at once — migrating
// together, numbering Open311 requests from one counter, and projecting a ticket with the same
// number at the same moment.

#include "tests/store/postgresstoresuite.h"

using namespace civicdesk;

void TestPostgresStore::twoProcessesMigratingTogetherBothSucceed()
{
    const QString url = m_cluster->createDatabase();
    QVERIFY(!url.isEmpty());
    QString errors[2];
    int versions[2] = {-1, -1};
    // One connection per thread, as in two server processes starting at once.
    std::unique_ptr<QThread> threads[2];
    for (int i = 0; i < 2; ++i) {
        threads[i].reset(QThread::create([&, i] {
            auto db = Database::open(url);
            if (!db)
                errors[i] = db.error().message;
            else
                versions[i] = db.value()->schemaVersion();
        }));
        threads[i]->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
    QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
    QCOMPARE(versions[0], Migrations::latestVersion());
    QCOMPARE(versions[1], Migrations::latestVersion());
}

// Two server processes on one city store number Open311 requests from the same counter: no
// number may be handed out twice, however their transactions interleave.
void TestPostgresStore::twoProcessesNeverHandOutTheSameRequestNumber()
{
    const QString url = migratedDatabase();
    QVERIFY(!url.isEmpty());
    constexpr int PerProcess = 300;
    QStringList numbers[2];
    const QStringList errors = onTwoConnections(url, [&numbers](Database &db, int i) {
        EventStore events(db);
        for (int n = 0; n < PerProcess; ++n) {
            auto number = events.allocateRequestNumber();
            if (!number)
                return number.error().message;
            numbers[i].append(number.value().compact());
        }
        return QString();
    });
    QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
    QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
    const QStringList all = numbers[0] + numbers[1];
    const QSet<QString> distinct(all.cbegin(), all.cend());
    QCOMPARE(distinct.size(), 2 * PerProcess);
}

// Two server processes project a ticket with the same number at the same moment: the
// second waits on the first's uncommitted row and is refused as a conflict (the kiosk that
// asked takes the next number), never a second ticket with the number. Without the unique
// index the second one's check reads before the first commits, and both are written.
void TestPostgresStore::twoWritersNeverProjectTheSameTicketNumber()
{
    const QString url = migratedDatabase();
    QVERIFY(!url.isEmpty());
    const QString day = QStringLiteral("2026-12-07");
    const auto issued = [&day](const QString &device) {
        return Event::make(QStringLiteral("ticket"), Event::newId(),
                           QStringLiteral("ticket.issued"),
                           {{QStringLiteral("number"), QStringLiteral("A012")},
                            {QStringLiteral("seq"), 12},
                            {QStringLiteral("day"), day},
                            {QStringLiteral("category"), QStringLiteral("Animals")},
                            {QStringLiteral("language"), QStringLiteral("en")}},
                           QStringLiteral("kiosk"), device, QDateTime::currentDateTimeUtc());
    };
    std::atomic<bool> firstApplied = false;
    Status answers[2] = {Ok{}, Ok{}};
    const QStringList errors = onTwoConnections(url, [&](Database &db, int i) {
        if (i == 1) {
            while (!firstApplied)
                QThread::msleep(5);
        }
        QSqlDatabase connection = QSqlDatabase::database(db.connectionName());
        sql::Transaction transaction(connection);
        if (auto s = transaction.begin(); !s)
            return s.error().message;
        answers[i] = projector::apply(connection, issued(i ? u"KIOSK2"_s : u"KIOSK1"_s));
        if (i == 0) {
            firstApplied = true;
            QThread::msleep(500); // the other writer reads and inserts meanwhile
        }
        if (answers[i]) {
            if (auto s = transaction.commit(); !s)
                return s.error().message;
        }
        return QString();
    });
    QVERIFY2(errors[0].isEmpty(), qPrintable(errors[0]));
    QVERIFY2(errors[1].isEmpty(), qPrintable(errors[1]));
    QVERIFY(answers[0].ok());
    QVERIFY(!answers[1].ok());
    QCOMPARE(answers[1].error().code, QStringLiteral("conflict"));
    QCOMPARE(answers[1].error().message,
             QStringLiteral("Ticket number A012 is already given today."));
    auto db = Database::open(url);
    QVERIFY(db.ok());
    QSqlQuery q(QSqlDatabase::database(db.value()->connectionName()));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM lobby_tickets WHERE number = 'A012'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

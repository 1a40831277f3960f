// Group commit of the central store, on SQLite and (when its binaries are here) a throwaway
// PostgreSQL: a transaction begun inside another is a savepoint (kept by the outer commit,
// undone alone by its rollback, even after a failed statement), and CentralLog::pushAll writes
// several pushes in one transaction each as push() would, seeing those before it.

#include "models/central/centrallog.h"
#include "models/domain/eventjson.h"
#include "models/store/database.h"
#include "models/store/sql/sql.h"
#include "tests/support/pgcluster.h"
#include "tests/support/serverprocess.h"
#include "tests/support/teststore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <memory>

using namespace civicdesk;

namespace {

// A valid "request.created" event with a new id (the sync API's test event, decoded).
Event requestCreated(const QString &number)
{
    auto decoded = eventFromJson(test::requestCreatedEvent(QStringLiteral("agent1"), number));
    if (!decoded)
        qFatal("%s", qPrintable(decoded.error().message));
    return decoded.value().event;
}

} // namespace

class TestGroupPush : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::PgCluster> m_cluster;
    // The stores of the current data row: the first, and a second one for a comparison.
    std::unique_ptr<test::TempStore> m_sqlite[2];
    std::unique_ptr<Database> m_postgres[2];

    // Store `which` of the current data row; null (the row skipped) without PostgreSQL.
    Database *store(int which = 0)
    {
        QFETCH(QString, backend);
        if (backend == u"sqlite") {
            m_sqlite[which] = std::make_unique<test::TempStore>();
            return &m_sqlite[which]->db();
        }
        if (!m_cluster)
            return nullptr;
        auto db = Database::open(m_cluster->createDatabase());
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        m_postgres[which] = std::move(db).value();
        return m_postgres[which].get();
    }

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

private slots:
    void initTestCase()
    {
        if (test::PgCluster::unavailableReason().isEmpty()) {
            m_cluster = std::make_unique<test::PgCluster>();
            QVERIFY2(m_cluster->isRunning(), qPrintable(m_cluster->error()));
        }
    }

    void cleanup()
    {
        for (int which : {0, 1}) {
            m_postgres[which].reset();
            m_sqlite[which].reset();
        }
    }

    void nestedTransactionsAreSavepoints_data() { backends(); }
    void nestedTransactionsAreSavepoints()
    {
        Database *db = store();
        if (!db)
            QSKIP(qPrintable(test::PgCluster::unavailableReason()));
        QSqlDatabase connection = QSqlDatabase::database(db->connectionName());
        {
            sql::Transaction outer(connection);
            QVERIFY(outer.begin());
            QVERIFY(db->setMeta(QStringLiteral("a"), QStringLiteral("1")));
            {
                sql::Transaction kept(connection);
                QVERIFY(kept.begin());
                QVERIFY(db->setMeta(QStringLiteral("b"), QStringLiteral("2")));
                QVERIFY(kept.commit());
            }
            {
                sql::Transaction undone(connection);
                QVERIFY(undone.begin());
                QVERIFY(db->setMeta(QStringLiteral("c"), QStringLiteral("3")));
            }
            {
                // A failed statement (on PostgreSQL it aborts the transaction) is undone with
                // its savepoint; the outer transaction goes on.
                sql::Transaction failed(connection);
                QVERIFY(failed.begin());
                QSqlQuery query(connection);
                QVERIFY(!query.exec(QStringLiteral("SELECT * FROM no_such_table")));
            }
            QVERIFY(db->setMeta(QStringLiteral("d"), QStringLiteral("4")));
            QVERIFY(outer.commit());
        }
        QCOMPARE(db->meta(QStringLiteral("a")), QStringLiteral("1"));
        QCOMPARE(db->meta(QStringLiteral("b")), QStringLiteral("2"));
        QCOMPARE(db->meta(QStringLiteral("c")), QString());
        QCOMPARE(db->meta(QStringLiteral("d")), QStringLiteral("4"));
        {
            // What an inner transaction kept goes with an outer one that is rolled back.
            sql::Transaction outer(connection);
            QVERIFY(outer.begin());
            sql::Transaction inner(connection);
            QVERIFY(inner.begin());
            QVERIFY(db->setMeta(QStringLiteral("e"), QStringLiteral("5")));
            QVERIFY(inner.commit());
        }
        QCOMPARE(db->meta(QStringLiteral("e")), QString());
        // And a transaction begun afterwards is an outermost one again.
        {
            sql::Transaction again(connection);
            QVERIFY(again.begin());
            QVERIFY(db->setMeta(QStringLiteral("f"), QStringLiteral("6")));
            QVERIFY(again.commit());
        }
        QCOMPARE(db->meta(QStringLiteral("f")), QStringLiteral("6"));
    }

    void pushAllWritesEachPushAsPushWould_data() { backends(); }
    void pushAllWritesEachPushAsPushWould()
    {
        Database *db = store();
        if (!db)
            QSKIP(qPrintable(test::PgCluster::unavailableReason()));
        CentralLog log(*db);
        const Event first = requestCreated(QStringLiteral("G000000001"));
        const Event second = requestCreated(QStringLiteral("G000000002"));
        // The first one's number again: the store refuses it while writing.
        const Event clash = requestCreated(QStringLiteral("G000000001"));
        const Event third = requestCreated(QStringLiteral("G000000003"));
        const QList<Result<PushOutcome>> outcomes =
            log.pushAll({CentralLog::Push{{first}, {}}, CentralLog::Push{{first, second}, {}},
                         CentralLog::Push{{clash, third}, {}}});
        QCOMPARE(outcomes.size(), 3);
        for (const auto &outcome : outcomes)
            QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message));
        const auto &one = outcomes.at(0).value();
        QCOMPARE(one.accepted.size(), 1);
        const qint64 seq = one.accepted.at(0).second;
        // The second push sees the first one's event, stored already within the group.
        const auto &two = outcomes.at(1).value();
        QCOMPARE(two.accepted.size(), 2);
        QVERIFY(two.accepted.contains(std::pair{first.id, seq}));
        QVERIFY(two.accepted.contains(std::pair{second.id, seq + 1}));
        QVERIFY(two.rejected.isEmpty());
        const auto &three = outcomes.at(2).value();
        QCOMPARE(three.rejected.size(), 1);
        QCOMPARE(three.rejected.at(0).id, clash.id);
        QCOMPARE(three.rejected.at(0).code, QStringLiteral("conflict"));
        QCOMPARE(three.accepted, (QList<std::pair<QString, qint64>>{{third.id, seq + 2}}));
        QCOMPARE(three.lastSeq, seq + 2);
        QCOMPARE(log.lastSeq(), seq + 2);
        const auto stored = log.after(0, 10);
        QVERIFY(stored);
        QCOMPARE(stored.value().size(), 3);
        QCOMPARE(stored.value().at(0).event.id, first.id);
        QCOMPARE(stored.value().at(1).event.id, second.id);
        QCOMPARE(stored.value().at(2).event.id, third.id);
    }

    // Pushes with ids of their own are judged and written as one batch (a few statements for
    // the group instead of a dozen round trips each): each answered exactly as push() one at a
    // time answers on another store - the same accepted events with the same numbers, the same
    // rejections (an event the role may not write, a request number the store refuses, an id
    // stored before with other content) - and the log holds the same events in the same order.
    void pushesWithOwnIdsAnswerAsOneAtATime_data() { backends(); }
    void pushesWithOwnIdsAnswerAsOneAtATime()
    {
        Database *grouped = store();
        if (!grouped)
            QSKIP(qPrintable(test::PgCluster::unavailableReason()));
        Database *single = store(1);
        const Event stored = requestCreated(QStringLiteral("T000000001"));
        Event reused = requestCreated(QStringLiteral("T000000009"));
        reused.id = stored.id; // stored before, with other content
        const Event first = requestCreated(QStringLiteral("T000000002"));
        const Event clash = requestCreated(QStringLiteral("T000000002"));
        const Event second = requestCreated(QStringLiteral("T000000003"));
        const Event refused = requestCreated(QStringLiteral("T000000004"));
        const Event third = requestCreated(QStringLiteral("T000000005"));
        const CentralLog::Authorize forbid = [&](const Event &e, const EntityState &) {
            return e.id == refused.id
                       ? std::optional<EventRejection>(EventRejection{
                             e.id, QStringLiteral("forbidden"), QStringLiteral("not yours"), {}})
                       : std::nullopt;
        };
        const QList<CentralLog::Push> pushes{{{first}, {}},
                                             {{clash, second}, {}},
                                             {{refused, third}, forbid},
                                             {{stored, reused}, {}}};
        QList<QList<Result<PushOutcome>>> answers;
        for (Database *db : {grouped, single}) {
            CentralLog log(*db);
            QVERIFY(log.push({stored}, {}));
            if (db == grouped) {
                answers.append(log.pushAll(pushes));
                continue;
            }
            QList<Result<PushOutcome>> one;
            for (const CentralLog::Push &push : pushes)
                one.append(log.push(push.events, push.authorize));
            answers.append(one);
        }
        const qint64 base = CentralLog(*grouped).byId(stored.id)->seq;
        for (qsizetype i = 0; i < pushes.size(); ++i) {
            const auto &together = answers.at(0).at(i);
            const auto &alone = answers.at(1).at(i);
            QVERIFY2(together && alone, "a push failed");
            QCOMPARE(together.value().accepted, alone.value().accepted);
            QCOMPARE(together.value().rejected.size(), alone.value().rejected.size());
            for (qsizetype r = 0; r < alone.value().rejected.size(); ++r) {
                QCOMPARE(together.value().rejected.at(r).id, alone.value().rejected.at(r).id);
                QCOMPARE(together.value().rejected.at(r).code, alone.value().rejected.at(r).code);
            }
            QCOMPARE(together.value().lastSeq, base + 3); // the group's commit
        }
        // What each was answered, spelled out.
        using Accepted = QList<std::pair<QString, qint64>>;
        QCOMPARE(answers.at(0).at(0).value().accepted, (Accepted{{first.id, base + 1}}));
        QCOMPARE(answers.at(0).at(1).value().accepted, (Accepted{{second.id, base + 2}}));
        QCOMPARE(answers.at(0).at(1).value().rejected.at(0).code, QStringLiteral("conflict"));
        QCOMPARE(answers.at(0).at(2).value().accepted, (Accepted{{third.id, base + 3}}));
        QCOMPARE(answers.at(0).at(2).value().rejected.at(0).code, QStringLiteral("forbidden"));
        QCOMPARE(answers.at(0).at(3).value().accepted, (Accepted{{stored.id, base}}));
        QCOMPARE(answers.at(0).at(3).value().rejected.at(0).code, QStringLiteral("conflict"));
        const auto a = CentralLog(*grouped).after(0, 10);
        const auto b = CentralLog(*single).after(0, 10);
        QVERIFY(a && b);
        QCOMPARE(a.value().size(), 4);
        QCOMPARE(a.value().size(), b.value().size());
        for (qsizetype i = 0; i < a.value().size(); ++i) {
            QCOMPARE(a.value().at(i).event.id, b.value().at(i).event.id);
            QCOMPARE(a.value().at(i).seq, b.value().at(i).seq);
        }
    }
};

QTEST_GUILESS_MAIN(TestGroupPush)
#include "tst_grouppush.moc"

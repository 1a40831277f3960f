// The sign-in attempts counted in the central store (models/accounts/signinattempts.h), with
// given times, on SQLite and PostgreSQL: a key's minute from its first attempt, the refusal and
// its Retry-After, later limits left uncounted once one refuses, a window over starting again,
// two connections counting one key, windows over pruned, and keys kept short whatever was typed.

#include "models/accounts/signinattempts.h"
#include "models/store/database.h"
#include "tests/support/bothstores.h"
#include "tests/support/pgcluster.h"
#include "tests/support/teststore.h"

#include <QSqlQuery>
#include <QTest>

using namespace civicdesk;

namespace {

constexpr qint64 T0 = 1'800'000'000'000; // a fixed time, in milliseconds

int storedAttempts(Database &db, const QString &key)
{
    QSqlQuery query(QSqlDatabase::database(db.connectionName()));
    query.prepare(QStringLiteral("SELECT attempts FROM signin_attempts WHERE subject = ?"));
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

int windows(Database &db)
{
    QSqlQuery query(QSqlDatabase::database(db.connectionName()));
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM signin_attempts")) && query.next()
               ? query.value(0).toInt()
               : -1;
}

SignInAttempts::Verdict counted(SignInAttempts &attempts,
                                const QList<SignInAttempts::Limit> &limits, qint64 now,
                                bool prune = false)
{
    auto verdict = attempts.count(limits, now, prune);
    if (verdict)
        return verdict.value();
    qWarning("not counted: %s", qPrintable(verdict.error().message));
    return SignInAttempts::Verdict{99, 0}; // neither allowed nor refused by any limit given
}

} // namespace

class TestSignInAttempts : public QObject
{
    Q_OBJECT

    // One throwaway PostgreSQL cluster for the program, a new database per test.
    std::unique_ptr<test::PgCluster> m_cluster;
    QString m_noPostgres;

    // `check` on a fresh store of the row's kind, with the path or URL it was opened from.
    void onStore(const std::function<void(Database &, const QString &)> &check)
    {
        QFETCH(bool, postgres);
        if (!postgres) {
            test::TempStore store;
            check(store.db(), store.path());
            return;
        }
        if (!m_cluster)
            QSKIP(qPrintable(m_noPostgres));
        const QString url = m_cluster->createDatabase();
        QVERIFY2(!url.isEmpty(), qPrintable(m_cluster->error()));
        auto db = Database::open(url);
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        check(*db.value(), url);
    }

private slots:
    void initTestCase()
    {
        m_noPostgres = test::PgCluster::unavailableReason();
        if (!m_noPostgres.isEmpty()) {
            m_noPostgres.prepend(u"PostgreSQL not available: ");
            return;
        }
        m_cluster = std::make_unique<test::PgCluster>();
        QVERIFY2(m_cluster->isRunning(), qPrintable(m_cluster->error()));
    }

    void aMinuteFromTheFirstAttempt_data() { test::bothStores(); }
    void aMinuteFromTheFirstAttempt()
    {
        onStore([](Database &db, const QString &) {
            SignInAttempts attempts(db);
            const QList<SignInAttempts::Limit> address{{QStringLiteral("address 192.0.2.1"), 3}};
            for (int i = 0; i < 3; ++i)
                QVERIFY(counted(attempts, address, T0 + i * 1000).allowed());
            // The fourth, 10.5 s after the first: refused by the address, 49.5 s to wait (50).
            const auto refused = counted(attempts, address, T0 + 10500);
            QCOMPARE(refused.refusedBy, 0);
            QCOMPARE(refused.retryAfterSeconds, 50);
            // Still refused a moment before the minute is over, with at least a second to wait.
            const auto late = counted(attempts, address, T0 + 59999);
            QCOMPARE(late.refusedBy, 0);
            QCOMPARE(late.retryAfterSeconds, 1);
            // The minute over: a new one starts with this attempt.
            QVERIFY(counted(attempts, address, T0 + 60000).allowed());
            QCOMPARE(storedAttempts(db, QStringLiteral("address 192.0.2.1")), 1);
            QVERIFY(counted(attempts, address, T0 + 61000).allowed());
            QVERIFY(counted(attempts, address, T0 + 62000).allowed());
            QCOMPARE(counted(attempts, address, T0 + 63000).retryAfterSeconds, 57);
        });
    }

    void laterLimitsAreNotCountedOnceOneRefuses_data() { test::bothStores(); }
    void laterLimitsAreNotCountedOnceOneRefuses()
    {
        onStore([](Database &db, const QString &) {
            SignInAttempts attempts(db);
            const QString address = SignInAttempts::addressKey(QStringLiteral("192.0.2.2"));
            const QString ana = SignInAttempts::accountKey(QStringLiteral("ana"));
            const QString ben = SignInAttempts::accountKey(QStringLiteral("ben"));
            QVERIFY(counted(attempts, {{address, 2}, {ana, 5}}, T0).allowed());
            QVERIFY(counted(attempts, {{address, 2}, {ben, 5}}, T0 + 1).allowed());
            // The address refuses the third: ana's count is left as it was.
            QCOMPARE(counted(attempts, {{address, 2}, {ana, 5}}, T0 + 2).refusedBy, 0);
            QCOMPARE(storedAttempts(db, ana), 1);
            // From other addresses the account's own limit decides.
            const QString other = SignInAttempts::addressKey(QStringLiteral("192.0.2.3"));
            QVERIFY(counted(attempts, {{other, 100}, {ana, 2}}, T0 + 3).allowed());
            const auto refused = counted(attempts, {{other, 100}, {ana, 2}}, T0 + 4);
            QCOMPARE(refused.refusedBy, 1);
            QCOMPARE(refused.retryAfterSeconds, 60);
        });
    }

    // Two connections (two server processes' store writers) counting one key alternately share
    // one count.
    void twoConnectionsShareOneCount_data() { test::bothStores(); }
    void twoConnectionsShareOneCount()
    {
        onStore([](Database &db, const QString &url) {
            auto second = Database::open(url);
            QVERIFY2(second.ok(), second.ok() ? "" : qPrintable(second.error().message));
            SignInAttempts one(db);
            SignInAttempts two(*second.value());
            const QList<SignInAttempts::Limit> limits{{QStringLiteral("address 192.0.2.4"), 4}};
            int allowed = 0;
            for (int i = 0; i < 8; ++i)
                allowed += counted(i % 2 ? two : one, limits, T0 + i).allowed() ? 1 : 0;
            QCOMPARE(allowed, 4);
        });
    }

    void windowsOverArePruned_data() { test::bothStores(); }
    void windowsOverArePruned()
    {
        onStore([](Database &db, const QString &) {
            SignInAttempts attempts(db);
            for (int i = 0; i < 5; ++i)
                counted(attempts, {{QStringLiteral("address 192.0.2.%1").arg(10 + i), 10}},
                        T0 + i * 20000);
            QCOMPARE(windows(db), 5);
            // At T0 + 100 s the windows begun at T0, +20 s and +40 s are over (+40 s exactly).
            counted(attempts, {{QStringLiteral("address 192.0.2.99"), 10}}, T0 + 100000, true);
            QCOMPARE(windows(db), 3);
            QCOMPARE(storedAttempts(db, QStringLiteral("address 192.0.2.13")), 1);
        });
    }

    // Whatever a client types as its user name, the key stays short (a PostgreSQL index entry has
    // a size limit); real user names stay readable.
    void keysAreShortWhateverWasTyped_data() { test::bothStores(); }
    void keysAreShortWhateverWasTyped()
    {
        onStore([](Database &db, const QString &) {
            QCOMPARE(SignInAttempts::accountKey(QStringLiteral("ana.lopez")),
                     QStringLiteral("account ana.lopez"));
            const QString typed = QString(10000, u'é');
            const QString key = SignInAttempts::accountKey(typed);
            QVERIFY(key.size() < 100);
            QVERIFY(key != SignInAttempts::accountKey(typed + u'x'));
            SignInAttempts attempts(db);
            QVERIFY(counted(attempts, {{key, 1}}, T0).allowed());
            QCOMPARE(counted(attempts, {{key, 1}}, T0 + 1).refusedBy, 0);
        });
    }
};

QTEST_GUILESS_MAIN(TestSignInAttempts)
#include "tst_signinattempts.moc"

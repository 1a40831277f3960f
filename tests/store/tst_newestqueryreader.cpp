// The store's one "newest query wins" reader thread (knowledge search, history search, the map's
// requests): a newer query supersedes an older one, the results of a superseded query never reach
// the caller, and closing the reader while a query runs is safe.

#include "models/store/database.h"
#include "models/store/newestqueryreader.h"
#include "tests/support/teststore.h"

#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <thread>

using namespace civicdesk;

namespace {

// What a query reads: its own connection's name and the store's schema version through it.
class Probe
{
public:
    explicit Probe(const Database &database) : m_connection(database.connectionName()) {}
    QString connection() const { return m_connection; }
    int schemaVersion() const
    {
        QSqlQuery query(QSqlDatabase::database(m_connection));
        return query.exec(QStringLiteral("PRAGMA user_version")) && query.next()
                   ? query.value(0).toInt()
                   : -1;
    }

private:
    QString m_connection;
};

using Reader = NewestQueryReader<Probe>;

// Where a query ran, and on which connection.
struct Seen
{
    int number = 0;
    QString thread;
    QString connection;
    int schemaVersion = -1;
};

// Holds a query on the reader thread until the test lets it go.
struct Gate
{
    QSemaphore entered;
    QSemaphore release;
};

} // namespace

class TestNewestQueryReader : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;

    static auto seen(int number)
    {
        return [number](const Probe &probe) {
            return Seen{number, QThread::currentThread()->objectName(), probe.connection(),
                        probe.schemaVersion()};
        };
    }
    static auto gated(int number, std::shared_ptr<Gate> gate)
    {
        return [number, gate](const Probe &probe) {
            gate->entered.release();
            // Bounded, so a broken reader fails the test instead of hanging it.
            const bool released = gate->release.tryAcquire(1, 10000);
            return Seen{released ? number : -number, QThread::currentThread()->objectName(),
                        probe.connection(), probe.schemaVersion()};
        };
    }

private slots:
    void init() { m_store = std::make_unique<test::TempStore>(); }
    void cleanup() { m_store.reset(); }

    void answersOnItsOwnThreadAndConnection()
    {
        const Probe here(m_store->db());
        Reader reader(m_store->path(), QStringLiteral("test-reader"), &here);
        QVERIFY(reader.isThreaded());
        QList<Seen> answers;
        const quint64 generation =
            reader.ask(seen(1), [&](const Result<Seen> &seen) { answers << seen.value(); });
        QCOMPARE(generation, reader.newest());
        QVERIFY(answers.isEmpty()); // answered later, on this thread's event loop
        QTRY_COMPARE(answers.size(), 1);
        QCOMPARE(answers[0].number, 1);
        QCOMPARE(answers[0].thread, QStringLiteral("test-reader"));
        QVERIFY(answers[0].connection != here.connection());
        QCOMPARE(answers[0].schemaVersion, here.schemaVersion());
        QVERIFY(answers[0].schemaVersion > 0);
        // The thread keeps its connection for the next query.
        reader.ask(seen(2), [&](const Result<Seen> &seen) { answers << seen.value(); });
        QTRY_COMPARE(answers.size(), 2);
        QCOMPARE(answers[1].connection, answers[0].connection);
    }

    // A query still queued when a newer one is asked is skipped; the one running when a newer
    // one is asked runs to its end, and its answer is dropped.
    void aNewerQuerySupersedesAnOlderOne()
    {
        Reader reader(m_store->path(), QStringLiteral("test-reader"), nullptr);
        auto gate = std::make_shared<Gate>();
        QList<int> answered;
        const auto record = [&](const Result<Seen> &seen) { answered << seen.value().number; };
        reader.ask(gated(1, gate), record);
        QVERIFY(gate->entered.tryAcquire(1, 10000)); // query 1 runs
        reader.ask(seen(2), record);
        const quint64 newest = reader.ask(seen(3), record);
        gate->release.release();
        QTRY_COMPARE(answered, QList<int>{3});
        QCOMPARE(reader.newest(), newest);
        QCOMPARE(reader.skipped(), 1);     // query 2 never ran
        QTRY_COMPARE(reader.dropped(), 1); // query 1's answer came too late
        QTest::qWait(50);
        QCOMPARE(answered, QList<int>{3});
    }

    // An answer already on its way home when a newer query is asked never arrives.
    void anAnswerOnItsWayIsDropped()
    {
        Reader reader(m_store->path(), QStringLiteral("test-reader"), nullptr);
        QList<int> answered;
        const auto record = [&](const Result<Seen> &seen) { answered << seen.value().number; };
        reader.ask(seen(1), record);
        // Jobs run in turn: once this one runs, query 1's answer has been sent home. This thread
        // has not run its event loop since, so the answer waits there.
        QSemaphore sent;
        reader.onContext([&sent](const Probe &) { sent.release(); });
        QVERIFY(sent.tryAcquire(1, 10000));
        QVERIFY(answered.isEmpty());
        reader.ask(seen(2), record);
        QTRY_COMPARE(answered, QList<int>{2});
        QCOMPARE(reader.dropped(), 1);
        QCOMPARE(reader.skipped(), 0);
        // Superseding without a new query drops what is on its way too (the map's cancel()).
        reader.ask(seen(3), record);
        reader.onContext([&sent](const Probe &) { sent.release(); });
        QVERIFY(sent.tryAcquire(1, 10000));
        reader.supersede();
        QTest::qWait(50);
        QCOMPARE(answered, QList<int>{2});
        QCOMPARE(reader.dropped(), 2);
    }

    // Typed fast: of many queries asked back to back, only the last one is ever answered.
    void onlyTheLastOfABurstIsAnswered()
    {
        Reader reader(m_store->path(), QStringLiteral("test-reader"), nullptr);
        QList<int> answered;
        for (int i = 1; i <= 200; ++i)
            reader.ask(seen(i), [&](const Result<Seen> &seen) { answered << seen.value().number; });
        QTRY_COMPARE(answered.size(), 1);
        QCOMPARE(answered[0], 200);
        QTest::qWait(50);
        QCOMPARE(answered.size(), 1);
        QCOMPARE(reader.skipped() + reader.dropped(), 199);
    }

    // Closing while a query runs waits for it, drops its answer and closes the thread's
    // connection on its thread.
    void closingWhileAQueryRunsIsSafe()
    {
        auto reader =
            std::make_unique<Reader>(m_store->path(), QStringLiteral("test-reader"), nullptr);
        auto gate = std::make_shared<Gate>();
        int answered = 0;
        QString connection;
        reader->ask(
            [gate, &connection](const Probe &probe) {
                connection = probe.connection();
                gate->entered.release();
                QThread::msleep(200); // still running when the reader is closed
                return gate->release.tryAcquire(1, 10000);
            },
            [&answered](const Result<bool> &) { ++answered; });
        QVERIFY(gate->entered.tryAcquire(1, 10000));
        QVERIFY(QSqlDatabase::connectionNames().contains(connection));
        std::thread releaser([gate] {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            gate->release.release();
        });
        reader.reset(); // returns once the query has ended
        releaser.join();
        QCOMPARE(gate->release.available(), 0); // the query took its release before the close ended
        QTest::qWait(100);
        QCOMPARE(answered, 0);
        QVERIFY(!QSqlDatabase::connectionNames().contains(connection));
    }

    void aStoreTheThreadCannotOpenIsAnError()
    {
        // A folder cannot be made inside a file.
        const QString missing = m_store->path() + QStringLiteral("/inside/store.sqlite");
        Reader reader(missing, QStringLiteral("test-reader"), nullptr);
        QVERIFY(reader.isThreaded());
        QList<Result<Seen>> answers;
        reader.ask(seen(1), [&](const Result<Seen> &seen) { answers << seen; });
        QTRY_COMPARE(answers.size(), 1);
        QVERIFY(!answers[0].ok());
        QVERIFY(!answers[0].error().message.isEmpty());
    }

    // A store without a file, or the calling-thread mode: the caller's context answers at once.
    void withoutAThreadItAnswersBeforeAskReturns()
    {
        auto memory = Database::open(QStringLiteral(":memory:"));
        QVERIFY(memory.ok());
        const Probe here(*memory.value());
        for (const auto &[path, mode] :
             {std::pair{QStringLiteral(":memory:"), Reader::Mode::Background},
              std::pair{m_store->path(), Reader::Mode::CallingThread},
              std::pair{QString(), Reader::Mode::Background}}) {
            Reader reader(path, QStringLiteral("test-reader"), &here, mode);
            QVERIFY(!reader.isThreaded());
            QList<Seen> answers;
            reader.ask(seen(7), [&](const Result<Seen> &seen) { answers << seen.value(); });
            QCOMPARE(answers.size(), 1);
            QCOMPARE(answers[0].connection, here.connection());
            int visited = 0;
            reader.onContext([&visited](const Probe &) { ++visited; });
            QCOMPARE(visited, 1);
        }
        QVERIFY(Reader::threadable(QStringLiteral("postgresql://u@h/db")).isEmpty());
        QCOMPARE(Reader::threadable(m_store->path()), m_store->path());
    }

    // onContext before any query made the thread's context does nothing (no connection is
    // opened for it); after one, it runs on the thread's context.
    void onContextReachesOnlyAMadeContext()
    {
        Reader reader(m_store->path(), QStringLiteral("test-reader"), nullptr);
        const QStringList before = QSqlDatabase::connectionNames();
        QSemaphore ran;
        QString visited;
        reader.onContext([&](const Probe &probe) {
            visited = probe.connection();
            ran.release();
        });
        QList<Seen> answers;
        reader.ask(seen(1), [&](const Result<Seen> &seen) { answers << seen.value(); });
        QTRY_COMPARE(answers.size(), 1);
        QCOMPARE(ran.available(), 0);
        QVERIFY(!before.contains(answers[0].connection));
        reader.onContext([&](const Probe &probe) {
            visited = probe.connection();
            ran.release();
        });
        QVERIFY(ran.tryAcquire(1, 10000));
        QCOMPARE(visited, answers[0].connection);
    }
};

QTEST_GUILESS_MAIN(TestNewestQueryReader)
#include "tst_newestqueryreader.moc"

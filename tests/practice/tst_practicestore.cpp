// The practice store: the city's reference data copied from the live store and nothing of a
// real person (no caller, contact, request or event); the scenario's seeded requests carry the
// practice mark and can be found as duplicates; the live store's files are the same, byte for
// byte, after a practice store was built and used.

#include "models/city/cataloguerepository.h"
#include "models/intake/intakeservice.h"
#include "models/knowledge/articlerepository.h"
#include "models/practice/practicestore.h"
#include "models/requests/requestrepository.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

qint64 rows(const Database &db, const QString &table)
{
    // `table` is one of the fixed names of the tests.
    return test::scalar(db, u"SELECT count(*) FROM " + table);
}

} // namespace

class TestPracticeStore : public QObject
{
    Q_OBJECT

    test::TempStore m_live{test::TempStore::MiniCity};
    QDateTime m_now = QDateTime(QDate(2026, 12, 1), QTime(15, 0), Qt::UTC);

    Scenario streetLight() const
    {
        Scenario s;
        s.id = QStringLiteral("light");
        s.seeds.append({QStringLiteral("s1"), QStringLiteral("STRLGTOUT"),
                        QStringLiteral("1 City Hall Plz, 02108"), 42.3601, -71.0579, 2,
                        QStringLiteral("Light out")});
        return s;
    }

    // A practice store of the live one, with its event store as practice mode sets it up.
    struct Practice
    {
        QTemporaryDir dir;
        std::unique_ptr<Database> db;
        std::unique_ptr<EventStore> events;
    };
    std::unique_ptr<Practice> practiceStore()
    {
        auto p = std::make_unique<Practice>();
        auto created =
            PracticeStore::create(m_live.db(), p->dir.filePath(QStringLiteral("practice.sqlite")));
        if (!created)
            return nullptr;
        p->db = std::move(created.value());
        p->events = std::make_unique<EventStore>(*p->db);
        p->events->setRole(AgentRole::CallTaker);
        p->events->setPracticeMark(true);
        return p;
    }

private slots:
    void initTestCase()
    {
        // Real people's work in the live store: a caller, a contact, a request.
        EventStore events(m_live.db());
        events.setRole(AgentRole::CallTaker);
        IntakeService service(m_live.db(), events, QStringLiteral("ana"));
        Caller caller;
        caller.name = QStringLiteral("Real Resident");
        caller.phone = QStringLiteral("617-555-0100");
        QVERIFY(service.saveCaller(caller).ok());
        QVERIFY(service.startContact(Channel::Phone).ok());
        QVERIFY(rows(m_live.db(), QStringLiteral("requests")) > 0);
        QVERIFY(rows(m_live.db(), QStringLiteral("callers")) == 1);
    }

    void referenceDataOnly()
    {
        QTemporaryDir dir;
        auto practice =
            PracticeStore::create(m_live.db(), dir.filePath(QStringLiteral("practice.sqlite")));
        QVERIFY2(practice.ok(), qPrintable(practice.ok() ? QString() : practice.error().message));
        Database &p = *practice.value();
        for (const QString &table : PracticeStore::referenceTables()) {
            QCOMPARE(rows(p, table), rows(m_live.db(), table));
            QVERIFY2(rows(p, table) > 0 || table == u"synonyms" || table == u"slas",
                     qPrintable(table));
        }
        for (const QString &table :
             {QStringLiteral("requests"), QStringLiteral("callers"), QStringLiteral("contacts"),
              QStringLiteral("events"), QStringLiteral("outbox"), QStringLiteral("drafts"),
              QStringLiteral("request_callers"), QStringLiteral("article_reads")})
            QCOMPARE(rows(p, table), 0);
        QCOMPARE(p.meta(QStringLiteral("city_name")),
                 m_live.db().meta(QStringLiteral("city_name")));
        QCOMPARE(p.meta(QStringLiteral("city_timezone")),
                 m_live.db().meta(QStringLiteral("city_timezone")));
        // The catalogue and the knowledge base read as they do live (search included).
        QCOMPARE(CatalogueRepository(p).serviceTypes(),
                 CatalogueRepository(m_live.db()).serviceTypes());
        ArticleRepository articles(p);
        QCOMPARE(articles.count(), ArticleRepository(m_live.db()).count());
        QVERIFY(!articles.search(QStringLiteral("trash")).isEmpty());
        // A second practice store never overwrites the first.
        QVERIFY(!PracticeStore::create(m_live.db(), dir.filePath(QStringLiteral("practice.sqlite")))
                     .ok());
    }

    void seedsAreOpenPracticeRequestsNearby()
    {
        const auto practice = practiceStore();
        QVERIFY(practice);
        Database &p = *practice->db;
        EventStore &events = *practice->events;
        auto numbers = PracticeStore::seed(p, events, streetLight(), Clock::fixed(m_now));
        QVERIFY2(numbers.ok(), qPrintable(numbers.ok() ? QString() : numbers.error().message));
        QCOMPARE(numbers.value().size(), 1);
        QCOMPARE(rows(p, QStringLiteral("requests")), 1);
        const QList<ServiceRequest> near = RequestRepository(p).openNear(
            QStringLiteral("STRLGTOUT"), 42.3601, -71.0579, 30, m_now.addDays(-30));
        QCOMPARE(near.size(), 1);
        // The caller reads it as it is printed (with the hyphen); the store keeps it compact.
        QCOMPARE(near.first().number, numbers.value().value(QStringLiteral("s1")).remove(u'-'));
        QCOMPARE(near.first().openedAt, m_now.addDays(-2));
        const QList<Event> seeded = events.eventsFor(QStringLiteral("request"), near.first().id);
        QCOMPARE(seeded.size(), 1);
        QVERIFY(seeded.first().payload.value(u"practice").toBool());
        // A type the catalogue does not have is refused.
        Scenario bad = streetLight();
        bad.seeds.first().serviceCode = QStringLiteral("NOPE");
        QVERIFY(!PracticeStore::seed(p, events, bad, Clock::fixed(m_now)).ok());
    }

    void theLiveStoreIsUnchangedByteForByte()
    {
        const QString live = m_live.path();
        const QStringList files = {live, live + QStringLiteral("-wal")};
        QList<QByteArray> before;
        for (const QString &f : files)
            before.append(test::fileSha256(f));
        const QString dump = test::dumpStore(m_live.db());
        {
            const auto practice = practiceStore();
            QVERIFY(practice);
            Database &p = *practice->db;
            EventStore &events = *practice->events;
            QVERIFY(PracticeStore::seed(p, events, streetLight(), Clock::fixed(m_now)).ok());
            IntakeService service(p, events, QStringLiteral("trainee"));
            const QString contact = service.startContact(Channel::Phone).value();
            QVERIFY(service.endContact(contact, Outcome::InformationGiven, {}, {}).ok());
        }
        for (qsizetype i = 0; i < files.size(); ++i)
            QCOMPARE(test::fileSha256(files.at(i)), before.at(i));
        QCOMPARE(test::dumpStore(m_live.db()), dump);
    }

    void anInMemoryStoreCannotBePractisedFrom()
    {
        auto memory = Database::open(QStringLiteral(":memory:"));
        QVERIFY(memory.ok());
        QTemporaryDir dir;
        QVERIFY(
            !PracticeStore::create(*memory.value(), dir.filePath(QStringLiteral("p.sqlite"))).ok());
    }
};

QTEST_GUILESS_MAIN(TestPracticeStore)
#include "tst_practicestore.moc"

// The store's one "latest event of each entity" reader against hand-made logs: which event is
// the latest by the workstation's clock and which by the log's order (a workstation whose clock
// is behind), which kinds count, and ranges of entity ids.

#include "models/domain/supervision/teammembership.h"
#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/store/latestevents.h"
#include "tests/support/teststore.h"

#include <QTest>

using namespace civicdesk;

namespace {

QDateTime at(int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, 10), QTime(hour, minute), Qt::UTC);
}

} // namespace

class TestLatestEvents : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TempStore> m_store;
    std::unique_ptr<EventStore> m_events;

    void append(const QString &type, const QString &id, const QString &kind,
                const QJsonObject &payload, const QString &actor, const QString &device,
                const QDateTime &when)
    {
        auto r = m_events->append(Event::make(type, id, kind, payload, actor, device, when));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
    }
    void team(const QString &agent, const QString &name, const QString &device,
              const QDateTime &when)
    {
        append(teammembership::entityType(), agent, teammembership::kind(),
               teammembership::payload(name), QStringLiteral("sam"), device, when);
    }
    QString connection() const { return m_store->db().connectionName(); }

private slots:
    void init()
    {
        m_store = std::make_unique<test::TempStore>();
        m_events = std::make_unique<EventStore>(m_store->db());
        m_events->setRole(AgentRole::Supervisor);
    }

    void theLatestByClockOrByLog()
    {
        team(QStringLiteral("ana"), QStringLiteral("North"), QStringLiteral("W1"), at(10));
        // Written after, on a workstation whose clock is an hour behind.
        team(QStringLiteral("ana"), QStringLiteral("South"), QStringLiteral("W2"), at(9, 30));
        team(QStringLiteral("bob"), QStringLiteral("East"), QStringLiteral("W1"), at(8));
        const auto byClock = latestevents::read(connection(), teammembership::entityType(),
                                                {teammembership::kind()});
        QVERIFY(byClock);
        QCOMPARE(byClock.value().keys(),
                 QStringList({QStringLiteral("ana"), QStringLiteral("bob")}));
        QCOMPARE(byClock.value().value(QStringLiteral("ana")).payload.value(u"team").toString(),
                 QStringLiteral("North"));
        QCOMPARE(byClock.value().value(QStringLiteral("ana")).device, QStringLiteral("W1"));
        QCOMPARE(byClock.value().value(QStringLiteral("ana")).clientTime, at(10));
        const auto byLog = latestevents::read(connection(), teammembership::entityType(),
                                              {teammembership::kind()}, latestevents::Order::Log);
        QVERIFY(byLog);
        QCOMPARE(byLog.value().value(QStringLiteral("ana")).payload.value(u"team").toString(),
                 QStringLiteral("South"));
        QCOMPARE(byLog.value().value(QStringLiteral("bob")).payload.value(u"team").toString(),
                 QStringLiteral("East"));
    }

    void onlyTheKindsAskedForCount()
    {
        append(QStringLiteral("agent"), QStringLiteral("flag-1"),
               QStringLiteral("agent.help_requested"), {}, QStringLiteral("ana"),
               QStringLiteral("W1"), at(9));
        append(QStringLiteral("agent"), QStringLiteral("flag-1"),
               QStringLiteral("agent.help_answered"),
               {{QStringLiteral("agent"), QStringLiteral("ana")}}, QStringLiteral("sam"),
               QStringLiteral("W2"), at(9, 5));
        append(QStringLiteral("agent"), QStringLiteral("flag-2"),
               QStringLiteral("agent.help_requested"), {}, QStringLiteral("bob"),
               QStringLiteral("W3"), at(9, 10));
        const QString requested = QStringLiteral("agent.help_requested");
        const QString answered = QStringLiteral("agent.help_answered");
        const auto both =
            latestevents::read(connection(), QStringLiteral("agent"), {requested, answered});
        QVERIFY(both);
        QCOMPARE(both.value().size(), 2);
        QCOMPARE(both.value().value(QStringLiteral("flag-1")).kind, answered);
        QCOMPARE(both.value().value(QStringLiteral("flag-2")).kind, requested);
        const auto asked = latestevents::read(connection(), QStringLiteral("agent"), {requested});
        QVERIFY(asked);
        QCOMPARE(asked.value().value(QStringLiteral("flag-1")).kind, requested);
        QCOMPARE(asked.value().value(QStringLiteral("flag-1")).actor, QStringLiteral("ana"));
        // Another entity type, or no kinds: nothing.
        QVERIFY(latestevents::read(connection(), QStringLiteral("request"), {requested})
                    .value()
                    .isEmpty());
        QVERIFY(latestevents::read(connection(), QStringLiteral("agent"), {}).value().isEmpty());
    }

    void aRangeOfIds()
    {
        for (const char *agent : {"ana", "bob", "bobby", "cy"})
            team(QString::fromLatin1(agent), QStringLiteral("North"), QStringLiteral("W1"), at(8));
        const auto read = [this](const QString &from, const QString &until) {
            return latestevents::read(connection(), teammembership::entityType(),
                                      {teammembership::kind()}, latestevents::Order::ClientTime,
                                      {from, until})
                .value()
                .keys();
        };
        QCOMPARE(read(QStringLiteral("b"), QStringLiteral("c")),
                 QStringList({QStringLiteral("bob"), QStringLiteral("bobby")}));
        QCOMPARE(read(QStringLiteral("bob"), QString()), QStringList({QStringLiteral("bob")}));
        QCOMPARE(read(QString(), QString()).size(), 4);
    }
};

QTEST_GUILESS_MAIN(TestLatestEvents)
#include "tst_latestevents.moc"

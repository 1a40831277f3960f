// The agent's help flag: raised once (a second press keeps the open flag), listed until a
// supervisor answers, answered once; the permission table decides who may do which, on the
// workstation's own store as on the central store.

#include "models/store/database.h"
#include "models/store/eventstore.h"
#include "models/supervision/helpflags.h"
#include "tests/support/teststore.h"

#include <QTest>

using namespace civicdesk;

class TestHelpFlags : public QObject
{
    Q_OBJECT

private slots:
    void raiseListAndAnswer()
    {
        test::TempStore store;
        EventStore agentEvents(store.db());
        agentEvents.setRole(AgentRole::CallTaker);
        const QDateTime raisedAt = QDateTime(QDate(2026, 3, 8), QTime(15, 0), Qt::UTC);
        HelpFlags agent(store.db(), agentEvents, QStringLiteral("ana"), Clock::fixed(raisedAt));
        QVERIFY(agent.open().isEmpty());

        auto id = agent.raise(QStringLiteral("contact-1"));
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        // A second press while the flag is open keeps the one flag.
        auto again = agent.raise();
        QVERIFY(again.ok());
        QCOMPARE(again.value(), id.value());
        QList<HelpFlag> open = agent.open();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().id, id.value());
        QCOMPARE(open.first().agent, QStringLiteral("ana"));
        QCOMPARE(open.first().contactId, QStringLiteral("contact-1"));
        QCOMPARE(open.first().raisedAt, raisedAt);
        QVERIFY(!open.first().device.isEmpty());

        // A call taker may not answer; nothing is written.
        const qint64 events = agentEvents.eventCount();
        QVERIFY(!agent.answer(id.value()).ok());
        QCOMPARE(agentEvents.eventCount(), events);
        QCOMPARE(agent.open().size(), 1);

        EventStore supervisorEvents(store.db());
        supervisorEvents.setRole(AgentRole::Supervisor);
        HelpFlags supervisor(store.db(), supervisorEvents, QStringLiteral("sam"));
        // A note that is too long is refused before anything is written.
        QCOMPARE(
            supervisor.answer(id.value(), QString(HelpFlags::MaxNoteLength + 1, u'x')).error().code,
            QStringLiteral("help.note"));
        QVERIFY(supervisor.answer(id.value(), QStringLiteral("coming")).ok());
        QVERIFY(supervisor.open().isEmpty());
        const QList<Event> trail = supervisorEvents.eventsFor(QStringLiteral("agent"), id.value());
        QCOMPARE(trail.size(), 2);
        QCOMPARE(trail.at(1).kind, QStringLiteral("agent.help_answered"));
        QCOMPARE(trail.at(1).actor, QStringLiteral("sam"));
        QCOMPARE(trail.at(1).payload.value(u"agent").toString(), QStringLiteral("ana"));
        // Answered twice: refused with a reason.
        QCOMPARE(supervisor.answer(id.value()).error().code, QStringLiteral("help.answered"));
        // A new press after the answer is a new flag.
        auto next = agent.raise();
        QVERIFY(next.ok());
        QVERIFY(next.value() != id.value());
        QCOMPARE(agent.open().size(), 1);
    }

    // Raised at a lobby counter, the flag names the counter (the supervisor goes there, not to
    // the PC); a name longer than a counter's is refused before anything is written.
    void aFlagRaisedAtACounterNamesIt()
    {
        test::TempStore store;
        EventStore events(store.db());
        events.setRole(AgentRole::Lobby);
        const QDateTime raisedAt = QDateTime(QDate(2026, 3, 8), QTime(15, 0), Qt::UTC);
        HelpFlags lobby(store.db(), events, QStringLiteral("lena"), Clock::fixed(raisedAt));
        QVERIFY(
            !lobby
                 .raise(QStringLiteral("contact-1"), QString(HelpFlags::MaxCounterLength + 1, u'9'))
                 .ok());
        QCOMPARE(events.eventCount(), 0);
        auto id = lobby.raise(QStringLiteral("contact-1"), QStringLiteral(" 3 "));
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        const QList<HelpFlag> open = lobby.open();
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().counter, QStringLiteral("3"));
        QCOMPARE(open.first().contactId, QStringLiteral("contact-1"));
        // A desk that is no counter raises a flag without one.
        HelpFlags desk(store.db(), events, QStringLiteral("ana"),
                       Clock::fixed(raisedAt.addSecs(60)));
        QVERIFY(desk.raise().ok());
        QCOMPARE(desk.open().size(), 2);
        QVERIFY(desk.open().at(1).counter.isEmpty());
    }

    void rolesThatMay()
    {
        QVERIFY(HelpFlags::mayRaise(AgentRole::CallTaker));
        QVERIFY(HelpFlags::mayRaise(AgentRole::Lobby));
        QVERIFY(!HelpFlags::mayRaise(AgentRole::Trainer));
        QVERIFY(HelpFlags::mayAnswer(AgentRole::Supervisor));
        QVERIFY(HelpFlags::mayAnswer(AgentRole::Admin));
        QVERIFY(!HelpFlags::mayAnswer(AgentRole::CallTaker));
        QVERIFY(!HelpFlags::mayAnswer(AgentRole::Editor));
    }

    void trainerCannotRaise()
    {
        test::TempStore store;
        EventStore events(store.db());
        events.setRole(AgentRole::Trainer);
        HelpFlags flags(store.db(), events, QStringLiteral("tom"));
        QVERIFY(!flags.raise().ok());
        QVERIFY(flags.open().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHelpFlags)
#include "tst_helpflags.moc"

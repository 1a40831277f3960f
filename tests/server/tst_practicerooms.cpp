// The practice channel's rules with a clock the test gives: idle calls expire (and their codes
// stop working), ended calls are forgotten a minute later, the server holds a bounded number of
// calls, the message windows restart each minute, and old messages are dropped beyond the kept
// number.

#include "app/server/practicerooms.h"

#include <QTest>

using namespace civicdesk;

class TestPracticeRooms : public QObject
{
    Q_OBJECT

private slots:
    void idleCallsExpire()
    {
        PracticeLimits limits;
        limits.idleExpiryMs = 10 * 60 * 1000;
        PracticeRooms rooms(limits);
        const auto opened = rooms.open(QStringLiteral("tina"), AgentRole::Trainer,
                                       QStringLiteral("pothole-en"), QString(), 0);
        QVERIFY(opened.ok());
        const PracticeRoom room = opened.value();
        QVERIFY(rooms.join(QStringLiteral("ana"), AgentRole::CallTaker, room.code, 1000).ok());
        // Talking keeps it alive.
        QVERIFY(rooms
                    .post(room.id, QStringLiteral("tina"), QStringLiteral("line"),
                          QStringLiteral("Hello"), {}, 9 * 60 * 1000)
                    .ok());
        QVERIFY(rooms.expire(18 * 60 * 1000).isEmpty());
        QCOMPARE(rooms.expire(9 * 60 * 1000 + limits.idleExpiryMs), QStringList{room.id});
        QCOMPARE(rooms.size(), 0);
        const auto late =
            rooms.join(QStringLiteral("bo"), AgentRole::CallTaker, room.code, 20 * 60 * 1000);
        QVERIFY(!late.ok());
        QCOMPARE(late.error().code, QStringLiteral("practice.not_found"));
    }

    void endedCallsAreForgottenAMinuteLater()
    {
        PracticeRooms rooms;
        const PracticeRoom room =
            rooms.open(QStringLiteral("tina"), AgentRole::Admin, QStringLiteral("x"), QString(), 0)
                .value();
        QVERIFY(rooms.close(room.id, QStringLiteral("tina"), 1000).ok());
        // Still there for the trainee's last pull: the end.
        const auto messages = rooms.messagesFor(room.id, QStringLiteral("tina"), 0, 2000);
        QVERIFY(messages.ok());
        QCOMPARE(messages.value().size(), 1);
        QCOMPARE(messages.value().first().kind, QStringLiteral("end"));
        QVERIFY(rooms.expire(30 * 1000).isEmpty());
        QCOMPARE(rooms.expire(63 * 1000).size(), 1);
    }

    void theServerHoldsABoundedNumber()
    {
        PracticeLimits limits;
        limits.maxSessions = 4;
        limits.maxSessionsPerTrainer = 2;
        PracticeRooms rooms(limits);
        for (const char *trainer : {"a", "a", "b", "b"})
            QVERIFY(rooms
                        .open(QString::fromLatin1(trainer), AgentRole::Trainer, QStringLiteral("x"),
                              QString(), 0)
                        .ok());
        const auto mine =
            rooms.open(QStringLiteral("a"), AgentRole::Trainer, QStringLiteral("x"), QString(), 0);
        QCOMPARE(mine.error().code, QStringLiteral("practice.full"));
        const auto full =
            rooms.open(QStringLiteral("c"), AgentRole::Trainer, QStringLiteral("x"), QString(), 0);
        QCOMPARE(full.error().code, QStringLiteral("practice.full"));
        QVERIFY(full.error().message.contains(u'4'));
    }

    void messageWindowsRestartEachMinute()
    {
        PracticeLimits limits;
        limits.messagesPerMinute = 3;
        limits.keptMessages = 4;
        PracticeRooms rooms(limits);
        const PracticeRoom room =
            rooms.open(QStringLiteral("t"), AgentRole::Trainer, QStringLiteral("x"), QString(), 0)
                .value();
        for (int i = 0; i < 3; ++i)
            QVERIFY(rooms
                        .post(room.id, QStringLiteral("t"), QStringLiteral("line"),
                              QStringLiteral("line %1").arg(i), {}, 100 + i)
                        .ok());
        const auto fourth = rooms.post(room.id, QStringLiteral("t"), QStringLiteral("line"),
                                       QStringLiteral("one more"), {}, 30 * 1000);
        QCOMPARE(fourth.error().code, QStringLiteral("practice.rate"));
        QCOMPARE(rooms.retryAfterSeconds(), 30);
        QVERIFY(rooms
                    .post(room.id, QStringLiteral("t"), QStringLiteral("line"),
                          QStringLiteral("next minute"), {}, 61 * 1000)
                    .ok());
        QVERIFY(rooms
                    .post(room.id, QStringLiteral("t"), QStringLiteral("line"),
                          QStringLiteral("and another"), {}, 62 * 1000)
                    .ok());
        // Five said, four kept: a pull from the start gets the last four.
        const auto kept = rooms.messagesFor(room.id, QStringLiteral("t"), 0, 63 * 1000);
        QCOMPARE(kept.value().size(), 4);
        QCOMPARE(kept.value().first().text, QStringLiteral("line 1"));
        QCOMPARE(kept.value().last().seq, qint64(5));
    }

    void intakeIsBoundedAndMarked()
    {
        PracticeLimits limits;
        limits.maxIntakeBytes = 200;
        PracticeRooms rooms(limits);
        const PracticeRoom room =
            rooms.open(QStringLiteral("t"), AgentRole::Trainer, QStringLiteral("x"), QString(), 0)
                .value();
        QVERIFY(rooms.join(QStringLiteral("ana"), AgentRole::Lobby, room.code, 0).ok());
        QString field;
        auto r = rooms.post(room.id, QStringLiteral("ana"), QStringLiteral("intake"), QString(),
                            QJsonObject{{QStringLiteral("practice"), true},
                                        {QStringLiteral("description"), QString(300, u'x')}},
                            0, &field);
        QCOMPARE(r.error().code, QStringLiteral("practice.validation"));
        QCOMPARE(field, QStringLiteral("intake"));
        r = rooms.post(room.id, QStringLiteral("ana"), QStringLiteral("intake"), QString(),
                       QJsonObject{{QStringLiteral("description"), QStringLiteral("short")}}, 0,
                       &field);
        QCOMPARE(field, QStringLiteral("intake.practice"));
        QVERIFY(rooms
                    .post(room.id, QStringLiteral("ana"), QStringLiteral("intake"), QString(),
                          QJsonObject{{QStringLiteral("practice"), true}}, 0)
                    .ok());
    }
};

QTEST_GUILESS_MAIN(TestPracticeRooms)
#include "tst_practicerooms.moc"

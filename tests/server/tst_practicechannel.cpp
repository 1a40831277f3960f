// The practice channel of the real civicdesk-server (a trainer plays the caller live), on SQLite
// or PostgreSQL (CIVICDESK_TEST_BACKEND): a live call end to end through the workstation's
// PracticeChannel on both sides, which asks no URL outside /api/v1/practice/; the refusals (roles
// from the one permission table, non-practice ids and intakes, people not in the call); the
// bounds (text and body size, messages per minute, calls per trainer, join guesses, waits); and
// the store unchanged afterwards, row for row (and byte for byte on SQLite).

#include "models/practice/practicechannel.h"
#include "models/store/database.h"
#include "tests/support/recordingnetwork.h"
#include "tests/support/serverfixture.h"
#include "tests/support/storerows.h"
#include "tests/support/teststore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTest>
#include <QUuid>

using namespace civicdesk;
using test::RecordingNetwork;
using test::ServerProcess;

namespace {

// Every row of every table of the store, sorted: equal for the same content. On SQLite the
// fixture's dump; on PostgreSQL every table's rows.
QString storeContent(const Database &db)
{
    return db.dialect() == Dialect::Sqlite ? test::dumpStore(db) : test::storeRows(db);
}

QString errorCode(const ServerProcess::Reply &r)
{
    return r.json().object().value(u"error").toObject().value(u"code").toString();
}

QString errorField(const ServerProcess::Reply &r)
{
    return r.json().object().value(u"error").toObject().value(u"field").toString();
}

const QStringList Roles = {QStringLiteral("call_taker"), QStringLiteral("lobby"),
                           QStringLiteral("supervisor"), QStringLiteral("trainer"),
                           QStringLiteral("editor"),     QStringLiteral("admin")};

} // namespace

class TestPracticeChannel : public QObject
{
    Q_OBJECT

    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};

    ServerProcess &server() { return m_fixture.server(); }
    QHash<QString, QString> m_tokens;  // user -> token
    std::unique_ptr<Database> m_watch; // held open: no checkpoint of the SQLite file meanwhile
    QString m_dumpBefore;
    QByteArray m_fileBefore;

    ServerProcess::Reply post(const QString &path, const QJsonObject &body, const QString &user)
    {
        return server().postJson(u"/api/v1/practice/" + path, QJsonDocument(body),
                                 m_tokens.value(user));
    }

    // A live call opened by `trainer`; its id and code.
    std::pair<QString, QString> openCall(const QString &trainer = QStringLiteral("u_trainer"))
    {
        const auto r = post(QStringLiteral("sessions"),
                            QJsonObject{{QStringLiteral("scenario"), QStringLiteral("pothole-en")},
                                        {QStringLiteral("title"), QStringLiteral("A pothole")}},
                            trainer);
        if (r.status != 201)
            qWarning("open: %d %s", r.status, r.body.constData());
        return {r.json()[u"session"].toString(), r.json()[u"code"].toString()};
    }

    ServerProcess::Reply joinCall(const QString &code, const QString &user, bool practice = true)
    {
        QJsonObject body{{QStringLiteral("code"), code}};
        if (practice)
            body.insert(QStringLiteral("practice"), true);
        return post(QStringLiteral("join"), body, user);
    }

    ServerProcess::Reply say(const QString &session, const QString &user, const QString &kind,
                             const QString &text)
    {
        return post(QStringLiteral("messages"),
                    QJsonObject{{QStringLiteral("session"), session},
                                {QStringLiteral("kind"), kind},
                                {QStringLiteral("text"), text}},
                    user);
    }

    // The kinds of the messages `user` gets from the call, in order.
    QStringList kindsFor(const QString &session, const QString &user)
    {
        QStringList kinds;
        const QJsonArray messages =
            server()
                .get(u"/api/v1/practice/messages?session=" + session, m_tokens.value(user))
                .json()[u"messages"]
                .toArray();
        for (const QJsonValue &m : messages)
            kinds.append(m[u"kind"].toString());
        return kinds;
    }

    void closeCall(const QString &session, const QString &user = QStringLiteral("u_trainer"))
    {
        QCOMPARE(
            post(QStringLiteral("close"), QJsonObject{{QStringLiteral("session"), session}}, user)
                .status,
            204);
    }

private slots:
    void initTestCase()
    {
        // A store with a city in it: there is something the channel must not touch.
        QList<test::ServerUser> users;
        for (const QString &role : Roles)
            users.append({u"u_" + role, role});
        users.append({QStringLiteral("u_trainer2"), QStringLiteral("trainer")});
        users.append({QStringLiteral("u_guesser"), QStringLiteral("lobby")});
        QStringList names;
        for (const test::ServerUser &user : std::as_const(users))
            names.append(user.name);
        QVERIFY2(m_fixture.setUp(users, test::ServerFixture::City::Mini, names),
                 qPrintable(m_fixture.error()));
        for (const QString &name : std::as_const(names))
            m_tokens.insert(name, m_fixture.token(name));
        // Every sign-in is written; from here on nothing may be.
        auto watch = Database::open(m_fixture.storeUrl());
        QVERIFY2(watch.ok(), qPrintable(watch ? QString() : watch.error().message));
        m_watch = std::move(watch.value());
        m_dumpBefore = storeContent(*m_watch);
        QVERIFY(m_dumpBefore.size() > 1000);
        if (test::ServerStore::backend() == u"sqlite")
            m_fileBefore = test::fileSha256(m_fixture.storeUrl()) +
                           test::fileSha256(m_fixture.storeUrl() + QStringLiteral("-wal"));
    }

    // A whole live call through the workstation's client on both sides: the trainee joins with
    // the code, the trainer's lines reach the trainee, the trainee's questions and intake reach
    // the trainer, the trainer ends it. Neither client asks anything but the practice channel.
    void liveCallEndToEnd()
    {
        RecordingNetwork trainerNetwork;
        RecordingNetwork traineeNetwork;
        const QUrl server(m_fixture.baseUrl());
        PracticeChannel trainer(trainerNetwork, server,
                                m_tokens.value(QStringLiteral("u_trainer")));
        PracticeChannel trainee(traineeNetwork, server,
                                m_tokens.value(QStringLiteral("u_call_taker")));
        QSignalSpy joined(&trainer, &PracticeChannel::traineeJoined);
        QSignalSpy questions(&trainer, &PracticeChannel::questionReceived);
        QSignalSpy intakes(&trainer, &PracticeChannel::intakeReceived);
        QSignalSpy lines(&trainee, &PracticeChannel::lineReceived);
        QSignalSpy ended(&trainee, &PracticeChannel::ended);
        QSignalSpy trainerFailed(&trainer, &PracticeChannel::failed);
        QSignalSpy traineeFailed(&trainee, &PracticeChannel::failed);

        std::optional<Result<PracticeCallInfo>> opened;
        trainer.open(QStringLiteral("pothole-en"), QStringLiteral("A pothole"),
                     [&](Result<PracticeCallInfo> r) { opened = r; });
        QTRY_VERIFY(opened.has_value());
        QVERIFY2(opened->ok(), qPrintable(opened->ok() ? QString() : opened->error().message));
        const QString code = opened->value().code;
        QCOMPARE(code.size(), 6);

        std::optional<Result<PracticeCallInfo>> joinedCall;
        trainee.join(code.toLower(), [&](Result<PracticeCallInfo> r) { joinedCall = r; });
        QTRY_VERIFY(joinedCall.has_value());
        QVERIFY2(joinedCall->ok(),
                 qPrintable(joinedCall->ok() ? QString() : joinedCall->error().message));
        QCOMPARE(joinedCall->value().scenario, QStringLiteral("pothole-en"));
        QCOMPARE(joinedCall->value().trainer, QStringLiteral("u_trainer"));
        QVERIFY(joinedCall->value().code.isEmpty()); // the code is the trainer's to give
        QTRY_COMPARE(joined.size(), 1);
        QCOMPARE(joined.first().first().toString(), QStringLiteral("u_call_taker"));

        trainer.say(QStringLiteral("Hi, there's a huge pothole on my street."));
        QTRY_COMPARE(lines.size(), 1);
        QCOMPARE(lines.first().first().toString(),
                 QStringLiteral("Hi, there's a huge pothole on my street."));
        trainee.ask(QStringLiteral("Where is it?"));
        QTRY_COMPARE(questions.size(), 1);
        QCOMPARE(questions.first().first().toString(), QStringLiteral("Where is it?"));
        // Said quickly one after another, they arrive in the order said.
        for (int i = 1; i <= 5; ++i)
            trainer.say(QStringLiteral("Line %1.").arg(i));
        QTRY_COMPARE(lines.size(), 6);
        for (int i = 1; i <= 5; ++i)
            QCOMPARE(lines.at(i).first().toString(), QStringLiteral("Line %1.").arg(i));

        // The intake as it fills in: only changes travel, each with the practice mark.
        trainee.mirror(QJsonObject{{QStringLiteral("type"), QStringLiteral("Pothole (PTHL)")}});
        QTRY_COMPARE(intakes.size(), 1);
        trainee.mirror(QJsonObject{{QStringLiteral("type"), QStringLiteral("Pothole (PTHL)")}});
        trainee.mirror(
            QJsonObject{{QStringLiteral("type"), QStringLiteral("Pothole (PTHL)")},
                        {QStringLiteral("location"), QStringLiteral("1 City Hall Plz")}});
        QTRY_COMPARE(intakes.size(), 2);
        const QJsonObject last = intakes.last().first().toJsonObject();
        QCOMPARE(last.value(u"location").toString(), QStringLiteral("1 City Hall Plz"));
        QCOMPARE(last.value(u"practice").toBool(), true);

        trainer.close();
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(ended.first().first().toString(), QStringLiteral("u_trainer"));
        QVERIFY(!trainee.isOpen());
        QCOMPARE(trainerFailed.size(), 0);
        QCOMPARE(traineeFailed.size(), 0);

        // The channel's client asked nothing else of the server.
        for (const auto *network : {&trainerNetwork, &traineeNetwork}) {
            QVERIFY(network->urls.size() >= 4);
            for (const QUrl &url : network->urls) {
                QCOMPARE(url.authority(), server.authority());
                QVERIFY2(url.path().startsWith(u"/api/v1/practice/"), qPrintable(url.toString()));
            }
        }
        // Nor can it be made to: a path given to it stays below the prefix.
        QCOMPARE(trainer.url(QStringLiteral("../events")).path(),
                 QStringLiteral("/api/v1/practice/events"));
    }

    // Trainers and admins open; agents who take calls join; the others are told who may.
    void rolesFromThePermissionTable()
    {
        for (const QString &role : Roles) {
            const auto r =
                post(QStringLiteral("sessions"),
                     QJsonObject{{QStringLiteral("scenario"), QStringLiteral("x")}}, u"u_" + role);
            const bool may = role == u"trainer" || role == u"admin";
            QCOMPARE(r.status, may ? 201 : 403);
            if (may)
                closeCall(r.json()[u"session"].toString(), u"u_" + role);
            else
                QCOMPARE(errorCode(r), QStringLiteral("forbidden"));
        }
        for (const QString &role : Roles) {
            const auto [session, code] = openCall(QStringLiteral("u_trainer2"));
            const auto r = joinCall(code, u"u_" + role);
            QCOMPARE(r.status, role == u"trainer" ? 403 : 200);
            closeCall(session, QStringLiteral("u_trainer2"));
        }
        // Without a sign-in, nothing.
        QCOMPARE(server()
                     .postJson(QStringLiteral("/api/v1/practice/sessions"),
                               QJsonDocument(
                                   QJsonObject{{QStringLiteral("scenario"), QStringLiteral("x")}}))
                     .status,
                 401);
    }

    // The channel carries practice only, between the two people in the call, in the right
    // direction.
    void refusesWhatIsNotPractice()
    {
        const auto [session, code] = openCall();
        QVERIFY(!session.isEmpty());
        // A workstation that is not in practice does not join.
        auto r = joinCall(code, QStringLiteral("u_call_taker"), false);
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("practice"));
        QCOMPARE(joinCall(QStringLiteral("ZZZZZZ"), QStringLiteral("u_call_taker")).status, 404);
        QCOMPARE(joinCall(code, QStringLiteral("u_call_taker")).status, 200);
        // The call has its trainee: another agent is turned away.
        r = joinCall(code, QStringLiteral("u_editor"));
        QCOMPARE(r.status, 409);
        // Ids that are not a live practice call: a random one, a sign-in token.
        for (const QString &other : {QUuid::createUuid().toString(QUuid::WithoutBraces),
                                     m_tokens.value(QStringLiteral("u_trainer"))}) {
            QCOMPARE(say(other, QStringLiteral("u_trainer"), QStringLiteral("line"),
                         QStringLiteral("hello"))
                         .status,
                     404);
            QCOMPARE(server()
                         .get(u"/api/v1/practice/messages?session=" + other,
                              m_tokens.value(QStringLiteral("u_trainer")))
                         .status,
                     404);
        }
        // Someone who is not in the call reads and says nothing of it.
        QCOMPARE(server()
                     .get(u"/api/v1/practice/messages?session=" + session,
                          m_tokens.value(QStringLiteral("u_supervisor")))
                     .status,
                 403);
        QCOMPARE(
            say(session, QStringLiteral("u_admin"), QStringLiteral("line"), QStringLiteral("hi"))
                .status,
            403);
        // Each side says its own kind of message.
        QCOMPARE(say(session, QStringLiteral("u_call_taker"), QStringLiteral("line"),
                     QStringLiteral("I am the caller now"))
                     .status,
                 403);
        QCOMPARE(say(session, QStringLiteral("u_trainer"), QStringLiteral("question"),
                     QStringLiteral("Where?"))
                     .status,
                 403);
        r = say(session, QStringLiteral("u_trainer"), QStringLiteral("event"),
                QStringLiteral("request.created"));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("kind"));
        // An intake without the practice mark is live work: refused.
        r = post(QStringLiteral("messages"),
                 QJsonObject{{QStringLiteral("session"), session},
                             {QStringLiteral("kind"), QStringLiteral("intake")},
                             {QStringLiteral("intake"),
                              QJsonObject{{QStringLiteral("caller"), QStringLiteral("Ana")}}}},
                 QStringLiteral("u_call_taker"));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("intake.practice"));
        // The trainee never sees the intake messages (the trainer does) and sees the lines.
        QCOMPARE(say(session, QStringLiteral("u_trainer"), QStringLiteral("line"),
                     QStringLiteral("Hello?"))
                     .status,
                 200);
        r = post(QStringLiteral("messages"),
                 QJsonObject{{QStringLiteral("session"), session},
                             {QStringLiteral("kind"), QStringLiteral("intake")},
                             {QStringLiteral("intake"),
                              QJsonObject{{QStringLiteral("practice"), true},
                                          {QStringLiteral("caller"), QStringLiteral("Ana")}}}},
                 QStringLiteral("u_call_taker"));
        QCOMPARE(r.status, 200);
        QCOMPARE(kindsFor(session, QStringLiteral("u_call_taker")),
                 QStringList({QStringLiteral("joined"), QStringLiteral("line")}));
        QCOMPARE(kindsFor(session, QStringLiteral("u_trainer")),
                 QStringList(
                     {QStringLiteral("joined"), QStringLiteral("line"), QStringLiteral("intake")}));
        closeCall(session);
        // Ended: nothing more is said in it.
        QCOMPARE(say(session, QStringLiteral("u_trainer"), QStringLiteral("line"),
                     QStringLiteral("Still there?"))
                     .status,
                 409);
    }

    // Message size, body size, messages per minute, calls per trainer, join guesses, waits.
    void boundsHold()
    {
        const auto [session, code] = openCall();
        QCOMPARE(joinCall(code, QStringLiteral("u_call_taker")).status, 200);
        auto r =
            say(session, QStringLiteral("u_trainer"), QStringLiteral("line"), QString(1001, u'a'));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("text"));
        QCOMPARE(
            say(session, QStringLiteral("u_trainer"), QStringLiteral("line"), QString()).status,
            400);
        // A body beyond 32 KiB is refused from its head.
        r = say(session, QStringLiteral("u_trainer"), QStringLiteral("line"),
                QString(40 * 1024, u'b'));
        QCOMPARE(r.status, 413);
        r = server().get(u"/api/v1/practice/messages?wait=31&session=" + session,
                         m_tokens.value(QStringLiteral("u_trainer")));
        QCOMPARE(r.status, 400);
        QCOMPARE(errorField(r), QStringLiteral("wait"));
        // 120 messages a minute per participant, then 429 with Retry-After.
        // (The refused lines above did not count.)
        int accepted = 0;
        int status = 200;
        while (status == 200 && accepted < 200) {
            status = say(session, QStringLiteral("u_call_taker"), QStringLiteral("question"),
                         QStringLiteral("Question %1?").arg(accepted))
                         .status;
            if (status == 200)
                ++accepted;
        }
        QCOMPARE(status, 429);
        QCOMPARE(accepted, 120);
        // The trainer's own allowance is the trainer's.
        QCOMPARE(say(session, QStringLiteral("u_trainer"), QStringLiteral("line"),
                     QStringLiteral("Are you still there?"))
                     .status,
                 200);
        closeCall(session);

        // Three open calls per trainer.
        QStringList open;
        for (int i = 0; i < 3; ++i) {
            const auto [id, unused] = openCall(QStringLiteral("u_trainer2"));
            QVERIFY(!id.isEmpty());
            open.append(id);
        }
        r = post(QStringLiteral("sessions"),
                 QJsonObject{{QStringLiteral("scenario"), QStringLiteral("x")}},
                 QStringLiteral("u_trainer2"));
        QCOMPARE(r.status, 429);
        QCOMPARE(errorCode(r), QStringLiteral("busy"));
        for (const QString &id : std::as_const(open))
            closeCall(id, QStringLiteral("u_trainer2"));

        // Join codes are not guessed: ten tries a minute per user.
        int tries = 0;
        do {
            r = joinCall(QStringLiteral("QQQQQ%1").arg(tries % 10), QStringLiteral("u_guesser"));
            ++tries;
        } while (r.status == 404 && tries < 50);
        QCOMPARE(r.status, 429);
        QCOMPARE(tries, 11);
        QVERIFY(!r.header("Retry-After").isEmpty());
    }

    // A waiting pull is answered as soon as the other side speaks.
    void longPollWakesOnAMessage()
    {
        const auto [session, code] = openCall();
        QCOMPARE(joinCall(code, QStringLiteral("u_call_taker")).status, 200);
        RecordingNetwork network;
        PracticeChannel trainee(network, QUrl(server().baseUrl()),
                                m_tokens.value(QStringLiteral("u_call_taker")));
        QSignalSpy lines(&trainee, &PracticeChannel::lineReceived);
        std::optional<Result<PracticeCallInfo>> joined;
        trainee.join(code, [&](Result<PracticeCallInfo> r) { joined = r; }); // again: allowed
        QTRY_VERIFY(joined.has_value() && joined->ok());
        QTest::qWait(300); // the pull is waiting now
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(say(session, QStringLiteral("u_trainer"), QStringLiteral("line"),
                     QStringLiteral("Hello?"))
                     .status,
                 200);
        QTRY_COMPARE(lines.size(), 1);
        QVERIFY2(clock.elapsed() < 5000, "answered by the wake-up, not the wait's end");
        closeCall(session);
    }

    // Everything above wrote nothing: the store's rows (and on SQLite its file) are as they
    // were after the sign-ins.
    void storeIsUnchanged()
    {
        const QString after = storeContent(*m_watch);
        QCOMPARE(after.size(), m_dumpBefore.size());
        QVERIFY(after == m_dumpBefore);
        if (test::ServerStore::backend() == u"sqlite")
            QCOMPARE(test::fileSha256(m_fixture.storeUrl()) +
                         test::fileSha256(m_fixture.storeUrl() + QStringLiteral("-wal")),
                     m_fileBefore);
    }

    void cleanupTestCase()
    {
        m_watch.reset();
        m_fixture.stop();
    }
};

QTEST_GUILESS_MAIN(TestPracticeChannel)
#include "tst_practicechannel.moc"

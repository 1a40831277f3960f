// The telephony adapters against the other end of their link, served here on loopback: the
// generic call-event socket (JSON lines, TCP and a local socket) and baresip's ctrl_tcp
// framing (netstrings). Events come through once per call id, in any order; bad lines are
// refused without disturbing calls; commands reach the phone; a lost link is retried with
// backoff and its state shown. Then the screen pop's lookup and the contact's call record on a
// real store.

#include "models/cti/baresipadapter.h"
#include "models/cti/calleventsocketadapter.h"
#include "models/cti/practicephone.h"
#include "models/cti/screenpop.h"
#include "models/domain/intakestep.h"
#include "models/intake/intakerepository.h"
#include "models/intake/intakeservice.h"
#include "models/requests/historyrepository.h"
#include "models/store/eventstore.h"
#include "tests/support/teststore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

CtiEndpoint tcpEndpoint(CtiEndpoint::Kind kind, quint16 port)
{
    return CtiEndpoint::tcp(kind, QStringLiteral("127.0.0.1"), port);
}

// The bridge's side of one connection: what it received, and a way to write.
struct Peer
{
    QPointer<QIODevice> socket;
    QByteArray received;
};

Peer acceptOne(QTcpServer &server)
{
    Peer peer;
    // The event loop runs meanwhile: the adapter's retries are timers.
    if (!QTest::qWaitFor([&server] { return server.hasPendingConnections(); }, 5000))
        return peer;
    peer.socket = server.nextPendingConnection();
    return peer;
}

} // namespace

class TestCtiAdapters : public QObject
{
    Q_OBJECT

private slots:
    void socketEvents()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        CallEventSocketAdapter adapter(
            tcpEndpoint(CtiEndpoint::Kind::EventSocket, server.serverPort()), {});
        QSignalSpy states(&adapter, &TelephonyAdapter::stateChanged);
        QSignalSpy offered(&adapter, &TelephonyAdapter::offered);
        QSignalSpy answered(&adapter, &TelephonyAdapter::answered);
        QSignalSpy ended(&adapter, &TelephonyAdapter::ended);
        QSignalSpy refused(&adapter, &CallEventSocketAdapter::lineRefused);
        adapter.start();
        QCOMPARE(adapter.state(), LinkState::Connecting);
        Peer bridge = acceptOne(server);
        QVERIFY(bridge.socket);
        QTRY_COMPARE(adapter.state(), LinkState::Connected);

        // Split across writes, two events in one, a duplicate offer, an unknown event.
        bridge.socket->write(R"({"event":"offered","call_id":"c1","from":" (617) 555-0100 ",)");
        bridge.socket->write(R"("to":"311","queue":"general","language":"es-US",)"
                             R"("at":"2026-12-06T14:00:00Z"})"
                             "\n");
        bridge.socket->write(R"({"event":"offered","call_id":"c1","from":"6175550100"})"
                             "\n"
                             R"({"event":"answered","call_id":"c1"})"
                             "\n"
                             "not json\n"
                             R"({"event":"ringing","call_id":"c1"})"
                             "\n"
                             R"({"event":"ended","call_id":"c1","cause":"gone"})"
                             "\n"
                             R"({"event":"ended","call_id":"c1","cause":"normal"})"
                             "\n");
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(offered.size(), 1);
        const auto offer = offered.at(0).at(0).value<CallOffer>();
        QCOMPARE(offer.callId, QStringLiteral("c1"));
        QCOMPARE(offer.caller.raw, QStringLiteral(" (617) 555-0100 "));
        QCOMPARE(offer.caller.e164, QStringLiteral("+16175550100"));
        QCOMPARE(offer.dialledNumber, QStringLiteral("311"));
        QCOMPARE(offer.queue, QStringLiteral("general"));
        QCOMPARE(offer.language, QStringLiteral("es"));
        QCOMPARE(offer.at, QDateTime(QDate(2026, 12, 6), QTime(14, 0), Qt::UTC));
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered.at(0).at(0).toString(), QStringLiteral("c1"));
        QCOMPARE(ended.at(0).at(0).value<CallEnd>().cause, CallEndCause::Normal);
        QCOMPARE(refused.size(), 3); // not json, unknown event, unknown cause
        QVERIFY(refused.at(2).at(1).toString().contains(QStringLiteral("gone")));

        // Ended before anyone answered: missed. Answered before offered still counts.
        bridge.socket->write(R"({"event":"offered","call_id":"c2","from":"anonymous"})"
                             "\n"
                             R"({"event":"ended","call_id":"c2"})"
                             "\n"
                             R"({"event":"answered","call_id":"c3"})"
                             "\n");
        QTRY_COMPARE(ended.size(), 2);
        QCOMPARE(ended.at(1).at(0).value<CallEnd>().cause, CallEndCause::Missed);
        QCOMPARE(offered.at(1).at(0).value<CallOffer>().caller.kind, PhoneNumber::Kind::Withheld);
        QTRY_COMPARE(answered.size(), 2);
        QCOMPARE(answered.at(1).at(0).toString(), QStringLiteral("c3"));

        // Commands, one JSON object a line.
        adapter.answer(QStringLiteral("c4"));
        adapter.hangUp(QStringLiteral("c4"));
        adapter.transfer(QStringLiteral("c4"), QStringLiteral(" 2001 "));
        adapter.dial(QStringLiteral("+16175550100"));
        QByteArray lines;
        QTRY_VERIFY((lines += bridge.socket->readAll(), lines.count('\n') == 4));
        const QList<QByteArray> sent = lines.trimmed().split('\n');
        const auto json = [&sent](int i) { return QJsonDocument::fromJson(sent.at(i)).object(); };
        QCOMPARE(json(0).value(u"command").toString(), QStringLiteral("answer"));
        QCOMPARE(json(0).value(u"call_id").toString(), QStringLiteral("c4"));
        QCOMPARE(json(1).value(u"command").toString(), QStringLiteral("hangup"));
        QCOMPARE(json(2).value(u"target").toString(), QStringLiteral("2001"));
        QCOMPARE(json(3).value(u"number").toString(), QStringLiteral("+16175550100"));

        // The phone system refuses a command: the agent is told.
        QSignalSpy failed(&adapter, &TelephonyAdapter::commandFailed);
        bridge.socket->write(R"({"event":"error","message":"no such call"})"
                             "\n");
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("no such call")));
    }

    void localSocket()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cti.sock"));
        QLocalServer server;
        QVERIFY(server.listen(path));
        CtiEndpoint endpoint;
        endpoint.kind = CtiEndpoint::Kind::EventSocket;
        endpoint.localPath = path;
        CallEventSocketAdapter adapter(endpoint, {});
        QSignalSpy offered(&adapter, &TelephonyAdapter::offered);
        adapter.start();
        QVERIFY(QTest::qWaitFor([&server] { return server.hasPendingConnections(); }, 5000));
        QLocalSocket *bridge = server.nextPendingConnection();
        QTRY_COMPARE(adapter.state(), LinkState::Connected);
        bridge->write(R"({"event":"offered","call_id":"L1","from":"+44 20 7946 0958"})"
                      "\n");
        QTRY_COMPARE(offered.size(), 1);
        QCOMPARE(offered.at(0).at(0).value<CallOffer>().caller.e164,
                 QStringLiteral("+442079460958"));
    }

    // Refused, then lost, then back: the state says so each time and the adapter reconnects by
    // itself with backoff; a command while down fails with a message.
    void reconnects()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nobody listens: refused
        CallEventSocketAdapter adapter(tcpEndpoint(CtiEndpoint::Kind::EventSocket, port), {});
        adapter.setBackoff(Backoff(50, 200, 7));
        QSignalSpy failed(&adapter, &TelephonyAdapter::commandFailed);
        adapter.start();
        QTRY_COMPARE(adapter.state(), LinkState::Retrying);
        QVERIFY(!adapter.stateDetail().isEmpty());
        QVERIFY(adapter.retryDelayMs() > 0);
        adapter.answer(QStringLiteral("x"));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("not connected")));

        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, port));
        Peer first = acceptOne(server);
        QVERIFY(first.socket);
        QTRY_COMPARE(adapter.state(), LinkState::Connected);
        QCOMPARE(adapter.stateDetail(), QString());

        first.socket->close(); // the bridge restarts
        QTRY_COMPARE(adapter.state(), LinkState::Retrying);
        Peer second = acceptOne(server);
        QVERIFY(second.socket);
        QTRY_COMPARE(adapter.state(), LinkState::Connected);
        QSignalSpy offered(&adapter, &TelephonyAdapter::offered);
        second.socket->write(R"({"event":"offered","call_id":"after","from":"311"})"
                             "\n");
        QTRY_COMPARE(offered.size(), 1);
        adapter.stop();
        QCOMPARE(adapter.state(), LinkState::Off);
    }

    // baresip's ctrl_tcp: netstrings, events as baresip 1.0 sends them, commands to the call.
    void baresipFraming()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        BaresipAdapter adapter(tcpEndpoint(CtiEndpoint::Kind::Baresip, server.serverPort()), {});
        QSignalSpy offered(&adapter, &TelephonyAdapter::offered);
        QSignalSpy answered(&adapter, &TelephonyAdapter::answered);
        QSignalSpy ended(&adapter, &TelephonyAdapter::ended);
        QSignalSpy failed(&adapter, &TelephonyAdapter::commandFailed);
        adapter.start();
        Peer phone = acceptOne(server);
        QVERIFY(phone.socket);
        QTRY_COMPARE(adapter.state(), LinkState::Connected);
        const QByteArray incoming = BaresipAdapter::frame(
            R"({"event":true,"type":"CALL_INCOMING","class":"call",)"
            R"("accountaor":"sip:agent@127.0.0.1:5072","direction":"incoming",)"
            R"("peeruri":"sip:6175550100@127.0.0.1:5082","id":"edb868098b5b5e48",)"
            R"("param":"sip:6175550100@127.0.0.1:5082"})");
        // Half a frame, then the rest with the next ones.
        phone.socket->write(incoming.left(37));
        QTest::qWait(20);
        QCOMPARE(offered.size(), 0);
        phone.socket->write(
            incoming.mid(37) +
            BaresipAdapter::frame(R"({"response":true,"ok":false,"data":"call not found",)"
                                  R"("token":"1"})") +
            BaresipAdapter::frame(R"({"event":true,"type":"CALL_ESTABLISHED","class":"call",)"
                                  R"("direction":"incoming","id":"edb868098b5b5e48"})") +
            BaresipAdapter::frame(R"({"event":true,"type":"CALL_RINGING","class":"call",)"
                                  R"("direction":"outgoing","id":"out1"})") +
            BaresipAdapter::frame(R"({"event":true,"type":"CALL_CLOSED","class":"call",)"
                                  R"("direction":"incoming","id":"edb868098b5b5e48",)"
                                  R"("param":"Connection reset by peer"})"));
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(offered.size(), 1);
        const auto offer = offered.at(0).at(0).value<CallOffer>();
        QCOMPARE(offer.callId, QStringLiteral("edb868098b5b5e48"));
        QCOMPARE(offer.caller.raw, QStringLiteral("sip:6175550100@127.0.0.1:5082"));
        QCOMPARE(offer.caller.e164, QStringLiteral("+16175550100"));
        QCOMPARE(offer.dialledNumber, QStringLiteral("agent"));
        QCOMPARE(answered.size(), 1);
        QCOMPARE(ended.at(0).at(0).value<CallEnd>().cause, CallEndCause::Normal);
        QCOMPARE(ended.at(0).at(0).value<CallEnd>().detail,
                 QStringLiteral("Connection reset by peer"));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("call not found")));

        adapter.answer(QStringLiteral("abc"));
        QByteArray sent;
        QTRY_VERIFY((sent += phone.socket->readAll(), sent.count(',') >= 2 && sent.endsWith(',')));
        QVERIFY(sent.startsWith(
            BaresipAdapter::frame(R"({"command":"callfind","params":"abc","token":"1"})").left(3)));
        QVERIFY(sent.contains(R"("command":"callfind")"));
        QVERIFY(sent.contains(R"("params":"abc")"));
        QVERIFY(sent.contains(R"("command":"accept")"));
        // Each message is one netstring: the length prefix matches.
        const qsizetype colon = sent.indexOf(':');
        const int length = sent.left(colon).toInt();
        QCOMPARE(sent.at(colon + 1 + length), ',');
    }

    // The pop reads the local store: one caller, a shared number, nobody, withheld.
    void screenPopLookup()
    {
        test::TempStore store;
        EventStore events(store.db());
        IntakeService service(store.db(), events, QStringLiteral("ana"));
        IntakeRepository callers(store.db());
        const auto save = [&service](const QString &name, const QString &phone) {
            Caller c;
            c.name = name;
            c.phone = phone;
            return service.saveCaller(c).value();
        };
        save(QStringLiteral("Rosa Diaz"), QStringLiteral("(617) 555-0100"));
        save(QStringLiteral("Ana Ruiz"), QStringLiteral("617.555.0142"));
        save(QStringLiteral("Luis Ruiz"), QStringLiteral("+1 617 555 0142"));
        const auto offer = [](const QString &from) {
            CallOffer o;
            o.callId = QStringLiteral("c");
            o.caller = PhoneNumber::parse(from);
            return o;
        };
        ScreenPop one = screenPopFor(offer(QStringLiteral("16175550100")), callers);
        QCOMPARE(one.kind, ScreenPop::Kind::OneCaller);
        QCOMPARE(one.callers.first().caller.name, QStringLiteral("Rosa Diaz"));
        ScreenPop shared = screenPopFor(offer(QStringLiteral("sip:+16175550142@pbx")), callers);
        QCOMPARE(shared.kind, ScreenPop::Kind::SeveralCallers);
        QCOMPARE(shared.callers.size(), 2);
        QCOMPARE(screenPopFor(offer(QStringLiteral("617-555-0199 x12")), callers).kind,
                 ScreenPop::Kind::NewCaller);
        QCOMPARE(screenPopFor(offer(QStringLiteral("311")), callers).kind,
                 ScreenPop::Kind::NewCaller);
        const ScreenPop withheld = screenPopFor(offer(QStringLiteral("anonymous")), callers);
        QCOMPARE(withheld.kind, ScreenPop::Kind::Anonymous);
        QVERIFY(withheld.callers.isEmpty());
        QCOMPARE(withheld.contactCall().number, QString());
        QCOMPARE(withheld.contactCall().rawNumber, QStringLiteral("anonymous"));
    }

    // The contact keeps its call: id, numbers, when it rang, was answered and ended, and why.
    // A call id the store refuses writes nothing.
    void contactRecordsTheCall()
    {
        test::TempStore store;
        EventStore events(store.db());
        IntakeService service(store.db(), events, QStringLiteral("ana"));
        const QDateTime rang(QDate(2026, 12, 6), QTime(14, 0, 0), Qt::UTC);
        QDateTime now = rang.addSecs(4);
        service.setClock([&now] { return now; });
        ContactCall call;
        call.callId = QStringLiteral("edb868098b5b5e48");
        call.number = QStringLiteral("+16175550100");
        call.rawNumber = QStringLiteral("sip:6175550100@127.0.0.1:5082");
        call.dialledNumber = QStringLiteral("311");
        call.queue = QStringLiteral("general");
        call.offeredAt = rang;
        const auto id = service.startContact(Channel::Phone, call);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        now = rang.addSecs(95);
        call.endedAt = rang.addSecs(90);
        call.endCause = CallEndCause::Normal;
        QVERIFY(service.endContact(id.value(), Outcome::InformationGiven, {}, {}, call).ok());
        const auto entry = HistoryRepository(store.db()).contactEntry(id.value());
        QVERIFY(entry);
        const auto contact = std::optional<Contact>(entry->contact);
        QVERIFY(contact);
        QCOMPARE(contact->call.callId, call.callId);
        QCOMPARE(contact->call.number, call.number);
        QCOMPARE(contact->call.rawNumber, call.rawNumber);
        QCOMPARE(contact->call.dialledNumber, QStringLiteral("311"));
        QCOMPARE(contact->call.queue, QStringLiteral("general"));
        QCOMPARE(contact->call.offeredAt, rang);
        // Its steps say the number came with the call (practice scoring), never the number.
        const QList<IntakeStep> steps =
            intakeStepsFromEvents(events.eventsFor(QStringLiteral("contact"), id.value()));
        QVERIFY(steps.first().detail.value(u"number_from_call").toBool());
        QVERIFY(!QJsonDocument(steps.first().detail).toJson().contains("5550100"));
        const auto byHand = service.startContact(Channel::Phone, ContactCall());
        QVERIFY(byHand.ok());
        QVERIFY(!intakeStepsFromEvents(events.eventsFor(QStringLiteral("contact"), byHand.value()))
                     .first()
                     .detail.value(u"number_from_call")
                     .toBool());
        QCOMPARE(contact->call.answeredAt, rang.addSecs(4));
        QCOMPARE(contact->call.endedAt, rang.addSecs(90));
        QCOMPARE(contact->call.endCause, CallEndCause::Normal);
        QCOMPARE(contact->endedAt, rang.addSecs(95));

        // A contact started by hand has no call.
        const auto manual = service.startContact(Channel::WalkIn);
        QVERIFY(manual.ok());
        QVERIFY(HistoryRepository(store.db()).contactEntry(manual.value())->contact.call.isEmpty());

        // Refused: a call id longer than the limit, a number that is not E.164.
        const qint64 before = events.eventCount();
        ContactCall bad = call;
        bad.callId = QString(maxCallIdLength + 1, u'x');
        const auto tooLong = service.startContact(Channel::Phone, bad);
        QVERIFY(!tooLong.ok());
        QVERIFY(tooLong.error().message.contains(QStringLiteral("call_id")));
        bad = call;
        bad.number = QStringLiteral("617-555-0100");
        const auto notE164 = service.startContact(Channel::Phone, bad);
        QVERIFY(!notE164.ok());
        QVERIFY(notE164.error().message.contains(QStringLiteral("call_number")));
        QCOMPARE(events.eventCount(), before);
    }
    // The agent finished the contact with the caller still on the line: the call's end,
    // reported afterwards, goes on that contact; bad input is refused and nothing is written.
    void callEndedAfterItsContact()
    {
        test::TempStore store;
        EventStore events(store.db());
        IntakeService service(store.db(), events, QStringLiteral("ana"));
        const QDateTime rang(QDate(2026, 12, 6), QTime(15, 0, 0), Qt::UTC);
        QDateTime now = rang.addSecs(3);
        service.setClock([&now] { return now; });
        ContactCall call;
        call.callId = QStringLiteral("pbx-77");
        call.number = QStringLiteral("+16175550100");
        call.offeredAt = rang;
        const auto id = service.startContact(Channel::Phone, call);
        QVERIFY(id.ok());
        now = rang.addSecs(60);
        QVERIFY(
            service.endContact(id.value(), Outcome::ColdTransfer, QStringLiteral("2001"), {}, call)
                .ok());
        HistoryRepository history(store.db());
        QVERIFY(!history.contactEntry(id.value())->contact.call.endedAt.isValid());
        now = rang.addSecs(75);
        QVERIFY(service
                    .recordCallEnded(id.value(), call.callId, rang.addSecs(70),
                                     CallEndCause::Transferred)
                    .ok());
        const Contact contact = history.contactEntry(id.value())->contact;
        QCOMPARE(contact.call.endedAt, rang.addSecs(70));
        QCOMPARE(contact.call.endCause, CallEndCause::Transferred);
        QCOMPARE(contact.endedAt, rang.addSecs(60));
        QCOMPARE(contact.outcome, Outcome::ColdTransfer);

        const qint64 before = events.eventCount();
        QVERIFY(!service.recordCallEnded(id.value(), call.callId, QDateTime(), CallEndCause::Normal)
                     .ok());
        QVERIFY(!service.recordCallEnded(QString(), call.callId, now, CallEndCause::Normal).ok());
        // The store itself refuses an unknown cause or time.
        const auto device = store.db().deviceCode();
        QVERIFY(device.ok());
        for (const QJsonObject &payload :
             {QJsonObject{{QStringLiteral("call_ended_at"), QStringLiteral("2026-12-06T15:01:10Z")},
                          {QStringLiteral("call_end_cause"), QStringLiteral("vanished")}},
              QJsonObject{{QStringLiteral("call_ended_at"), QStringLiteral("yesterday")},
                          {QStringLiteral("call_end_cause"), QStringLiteral("normal")}}}) {
            const auto refused = events.append(Event::make(
                QStringLiteral("contact"), id.value(), QStringLiteral("contact.call_ended"),
                payload, QStringLiteral("ana"), device.value(), now));
            QVERIFY(!refused.ok());
            QVERIFY(refused.error().message.contains(QStringLiteral("call_end")));
        }
        QCOMPARE(events.eventCount(), before);
        QCOMPARE(history.contactEntry(id.value())->contact.call.endCause,
                 CallEndCause::Transferred);
    }

    // Practice's phone (issue 19 item 5): it rings with a scenario's caller through the same
    // signals as a real adapter, answers and hangs up at once, and has no link at all: started
    // or not, it makes no socket.
    void practicePhone()
    {
        PracticePhone phone(NumberingPlan::northAmerica(QStringLiteral("617")));
        QCOMPARE(phone.state(), LinkState::Connected);
        phone.start(); // no endpoint: nothing to connect to
        QCOMPARE(phone.state(), LinkState::Connected);
        QVERIFY(phone.findChildren<QAbstractSocket *>().isEmpty());
        QVERIFY(phone.findChildren<QLocalSocket *>().isEmpty());
        QSignalSpy offered(&phone, &TelephonyAdapter::offered);
        QSignalSpy answered(&phone, &TelephonyAdapter::answered);
        QSignalSpy ended(&phone, &TelephonyAdapter::ended);
        QSignalSpy failed(&phone, &TelephonyAdapter::commandFailed);
        phone.ring(QStringLiteral("p1"), QStringLiteral("617-555-0142"), QStringLiteral("es"));
        phone.ring(QStringLiteral("p1"), QStringLiteral("617-555-0142"), QStringLiteral("es"));
        QCOMPARE(offered.size(), 1); // one call, however often it rings
        const auto offer = offered.first().first().value<CallOffer>();
        QCOMPARE(offer.caller.e164, QStringLiteral("+16175550142"));
        QCOMPARE(offer.caller.raw, QStringLiteral("617-555-0142"));
        QCOMPARE(offer.language, QStringLiteral("es"));
        QCOMPARE(offer.dialledNumber, QStringLiteral("311"));
        phone.answer(QStringLiteral("p1"));
        QCOMPARE(answered.size(), 1);
        phone.hangUp(QStringLiteral("p1"));
        QCOMPARE(ended.size(), 1);
        QCOMPARE(ended.first().first().value<CallEnd>().cause, CallEndCause::Normal);
        phone.ring(QStringLiteral("p2"), QStringLiteral("anonymous"), QStringLiteral("en"));
        QCOMPARE(offered.last().first().value<CallOffer>().caller.kind,
                 PhoneNumber::Kind::Withheld);
        phone.hangUp(QStringLiteral("p2"));
        QCOMPARE(ended.last().first().value<CallEnd>().cause, CallEndCause::Missed);
        phone.dial(QStringLiteral("+16175550100"));
        QCOMPARE(failed.size(), 1);
        QVERIFY(phone.findChildren<QAbstractSocket *>().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCtiAdapters)
#include "tst_ctiadapters.moc"

// The example bridge packaging/civicdesk-cti-bridge.py (the fake dialer a phone system's bridge
// is modelled on) against CivicDesk's call-event socket adapter, both real, on loopback and on a
// local socket: a ring typed at its prompt pops with the number, language and queue; Answer
// and Transfer from the desk come back as the phone system's events; a withheld caller and a
// hang-up typed at the prompt come through.

#include "models/cti/calleventsocketadapter.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

// The bridge listening at `where` ("--port N" or "--unix PATH"); "" when it runs.
QString startBridge(QProcess &bridge, const QStringList &where)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        return QStringLiteral("python3 is not installed");
    bridge.setProcessChannelMode(QProcess::MergedChannels);
    bridge.start(python, QStringList{QStringLiteral(CIVICDESK_BRIDGE_SCRIPT)} + where);
    QByteArray out;
    if (!QTest::qWaitFor(
            [&] {
                out += bridge.readAll();
                return out.contains("Listening") || bridge.state() == QProcess::NotRunning;
            },
            10000) ||
        !out.contains("Listening"))
        return QStringLiteral("the bridge did not start: ") + QString::fromUtf8(out);
    return QString();
}

void stopBridge(QProcess &bridge)
{
    bridge.write("quit\n");
    if (!bridge.waitForFinished(3000))
        bridge.kill();
    bridge.waitForFinished(2000);
}

quint16 freePort()
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost) ? server.serverPort() : 0;
}

} // namespace

class TestCtiBridge : public QObject
{
    Q_OBJECT

    void callsThrough(const QStringList &where, const CtiEndpoint &endpoint)
    {
        QProcess bridge;
        if (const QString why = startBridge(bridge, where); !why.isEmpty())
            QFAIL(qPrintable(why));
        CallEventSocketAdapter adapter(endpoint, NumberingPlan::northAmerica());
        QSignalSpy offered(&adapter, &TelephonyAdapter::offered);
        QSignalSpy answered(&adapter, &TelephonyAdapter::answered);
        QSignalSpy ended(&adapter, &TelephonyAdapter::ended);
        adapter.start();
        QTRY_COMPARE(adapter.state(), LinkState::Connected);
        // The bridge takes the connection on a thread of its own: a call rung before it has
        // would reach no one (as a phone system's bridge would drop it too).
        QByteArray said;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         said += bridge.readAll();
                         return said.contains("CivicDesk connected");
                     },
                     10000),
                 said.constData());

        bridge.write("ring (617) 555-0100 es general\n");
        QTRY_COMPARE(offered.size(), 1);
        const auto offer = offered.at(0).at(0).value<CallOffer>();
        QCOMPARE(offer.caller.raw, QStringLiteral("(617) 555-0100"));
        QCOMPARE(offer.caller.e164, QStringLiteral("+16175550100"));
        QCOMPARE(offer.language, QStringLiteral("es"));
        QCOMPARE(offer.queue, QStringLiteral("general"));
        QCOMPARE(offer.dialledNumber, QStringLiteral("311"));
        QVERIFY(offer.at.isValid());
        // Answer and Transfer from the desk: the bridge carries them out and says so.
        adapter.answer(offer.callId);
        QTRY_COMPARE(answered.size(), 1);
        QCOMPARE(answered.at(0).at(0).toString(), offer.callId);
        adapter.transfer(offer.callId, QStringLiteral("2001"));
        QTRY_COMPARE(ended.size(), 1);
        QCOMPARE(ended.at(0).at(0).value<CallEnd>().cause, CallEndCause::Transferred);

        // Withheld, then hung up at the prompt before anyone answered: missed.
        bridge.write("ring anonymous\n");
        QTRY_COMPARE(offered.size(), 2);
        QCOMPARE(offered.at(1).at(0).value<CallOffer>().caller.kind, PhoneNumber::Kind::Withheld);
        bridge.write("hangup\n");
        QTRY_COMPARE(ended.size(), 2);
        QCOMPARE(ended.at(1).at(0).value<CallEnd>().callId,
                 offered.at(1).at(0).value<CallOffer>().callId);
        QCOMPARE(ended.at(1).at(0).value<CallEnd>().cause, CallEndCause::Missed);
        adapter.stop();
        stopBridge(bridge);
    }

private slots:
    void onALoopbackPort()
    {
        const quint16 port = freePort();
        QVERIFY(port);
        callsThrough(
            {QStringLiteral("--port"), QString::number(port)},
            CtiEndpoint::tcp(CtiEndpoint::Kind::EventSocket, QStringLiteral("127.0.0.1"), port));
    }

    void onALocalSocket()
    {
        QTemporaryDir dir;
        CtiEndpoint endpoint;
        endpoint.kind = CtiEndpoint::Kind::EventSocket;
        endpoint.localPath = dir.filePath(QStringLiteral("cti.sock"));
        callsThrough({QStringLiteral("--unix"), endpoint.localPath}, endpoint);
    }
};

QTEST_MAIN(TestCtiBridge)
#include "tst_ctibridge.moc"

// "Test connection" (models/cti CtiProbe) against the other end of the link on loopback:
// baresip's ctrl_tcp (a real baresip when installed, and a fake one speaking netstrings), a
// port where something else listens, a closed port, a call-event bridge on TCP and on a local
// socket, a missing socket file; each outcome said in words that name the place and the fix.

#include "models/cti/baresipadapter.h"
#include "models/cti/ctiprobe.h"
#include "models/cti/phonenumber.h"
#include "tests/support/baresipprocess.h"

#include <QLocalServer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace civicdesk;

namespace {

CtiEndpoint tcp(CtiEndpoint::Kind kind, quint16 port)
{
    return CtiEndpoint::tcp(kind, QStringLiteral("127.0.0.1"), port);
}

// The outcome and message of one probe (waits at most `waitMs`).
std::pair<CtiProbe::Outcome, QString> probe(const CtiEndpoint &endpoint, int timeoutMs = 5000,
                                            int waitMs = 8000)
{
    CtiProbe p;
    QSignalSpy finished(&p, &CtiProbe::finished);
    p.start(endpoint, timeoutMs);
    if (!finished.wait(waitMs) && finished.isEmpty())
        return {CtiProbe::Outcome::TimedOut, QStringLiteral("(no outcome)")};
    return {finished.at(0).at(0).value<CtiProbe::Outcome>(), finished.at(0).at(1).toString()};
}

// A port nothing listens on.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    return server.serverPort(); // closed when `server` goes
}

} // namespace

class TestCtiProbe : public QObject
{
    Q_OBJECT

private slots:
    void baresipThatAnswers()
    {
        // ctrl_tcp's reply to any command: a netstring with "response".
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QByteArray asked;
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s, &asked] {
                asked += s->readAll();
                s->write(BaresipAdapter::frame(
                    R"({"response":true,"ok":true,"data":"","token":"civicdesk-test"})"));
            });
        });
        const auto [outcome, message] = probe(tcp(CtiEndpoint::Kind::Baresip, server.serverPort()));
        QCOMPARE(outcome, CtiProbe::Outcome::Reached);
        QVERIFY(message.contains(
            QStringLiteral("baresip at 127.0.0.1:%1 answered").arg(server.serverPort())));
        QVERIFY(asked.contains(R"("command":"reginfo")"));
    }

    void somethingElseOnTheBaresipPort()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, &server, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s] {
                s->readAll();
                s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            });
        });
        const auto [outcome, message] = probe(tcp(CtiEndpoint::Kind::Baresip, server.serverPort()));
        QCOMPARE(outcome, CtiProbe::Outcome::NotBaresip);
        QVERIFY(message.contains(QStringLiteral("did not answer as baresip's ctrl_tcp")));
        QVERIFY(message.contains(QStringLiteral("ctrl_tcp_listen")));
    }

    void silentPortIsNotBaresip()
    {
        QTcpServer server; // accepts (the backlog) and never says a word
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const auto [outcome, message] =
            probe(tcp(CtiEndpoint::Kind::Baresip, server.serverPort()), 500);
        QCOMPARE(outcome, CtiProbe::Outcome::NotBaresip);
        QVERIFY(message.contains(QString::number(server.serverPort())));
    }

    void refused()
    {
        const quint16 port = closedPort();
        QVERIFY(port);
        auto [outcome, message] = probe(tcp(CtiEndpoint::Kind::Baresip, port));
        QCOMPARE(outcome, CtiProbe::Outcome::Unreachable);
        QVERIFY2(message.startsWith(
                     QStringLiteral("Could not connect to baresip at 127.0.0.1:%1: ").arg(port)),
                 qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("refused"), Qt::CaseInsensitive));
        QVERIFY(message.contains(QStringLiteral("Check that baresip is running")));
        std::tie(outcome, message) = probe(tcp(CtiEndpoint::Kind::EventSocket, port));
        QCOMPARE(outcome, CtiProbe::Outcome::Unreachable);
        QVERIFY(message.contains(QStringLiteral("Check that the bridge is running")));
    }

    void bridgeOnAPortAndASocketFile()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        auto [outcome, message] = probe(tcp(CtiEndpoint::Kind::EventSocket, server.serverPort()));
        QCOMPARE(outcome, CtiProbe::Outcome::Reached);
        QVERIFY(message.contains(QStringLiteral("accepted the connection")));

        QTemporaryDir dir;
        CtiEndpoint file;
        file.kind = CtiEndpoint::Kind::EventSocket;
        file.localPath = dir.filePath(QStringLiteral("cti.sock"));
        std::tie(outcome, message) = probe(file);
        QCOMPARE(outcome, CtiProbe::Outcome::Unreachable);
        QVERIFY(message.contains(file.localPath));
        QLocalServer local;
        QVERIFY(local.listen(file.localPath));
        std::tie(outcome, message) = probe(file);
        QCOMPARE(outcome, CtiProbe::Outcome::Reached);
    }

    void noPhoneHasNothingToTest()
    {
        const auto [outcome, message] = probe(CtiEndpoint());
        QCOMPARE(outcome, CtiProbe::Outcome::Unreachable);
        QVERIFY(message.contains(QStringLiteral("nothing to test")));
    }

    void areaCodes()
    {
        QVERIFY(NumberingPlan::areaCodeProblem(QStringLiteral("617")).isEmpty());
        QVERIFY(NumberingPlan::areaCodeProblem(QStringLiteral(" 857 ")).isEmpty());
        for (const char *bad : {"", "61", "6170", "017", "1x7", "+1 617"}) {
            const QString problem = NumberingPlan::areaCodeProblem(QString::fromLatin1(bad));
            QVERIFY2(problem.contains(QStringLiteral("is not an area code")), bad);
        }
    }

    // A real baresip answers the question the test asks.
    void realBaresip()
    {
        if (const QString why = test::baresipMissing(); !why.isEmpty())
            QSKIP(qPrintable(why));
        test::Baresip phone;
        if (const QString why = phone.start(QStringLiteral("agent")); !why.isEmpty())
            QSKIP(qPrintable(QStringLiteral("baresip cannot run in this sandbox: ") + why));
        const auto [outcome, message] = probe(tcp(CtiEndpoint::Kind::Baresip, phone.ctrlPort()));
        QCOMPARE(outcome, CtiProbe::Outcome::Reached);
        // Its SIP port is not ctrl_tcp.
        QVERIFY(probe(tcp(CtiEndpoint::Kind::Baresip, phone.sipPort()), 1500).first !=
                CtiProbe::Outcome::Reached);
    }
};

QTEST_MAIN(TestCtiProbe)
#include "tst_ctiprobe.moc"

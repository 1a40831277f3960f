#pragma once

// The server limits suite (tst_serverlimits): its class, one server store for the suite (the
// fixture city and three call takers) restarted with the limits each test sets, and the
// requests its tests share. Its tests are defined in two files: bodies, connections and the
// limits' validation (tst_serverlimits.cpp), sign-ins (serversignins.cpp).

#include "tests/support/rawhttp.h"
#include "tests/support/serverfixture.h"
#include "tests/support/teststore.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUuid>
#include <memory>

using namespace civicdesk;
using test::headerOf;
using test::RawConnection;
using test::responseLength;
using test::ServerProcess;
using test::statusOf;

inline const QString Password = QStringLiteral("correct horse battery");

inline QJsonObject bodyOf(const QByteArray &response)
{
    return QJsonDocument::fromJson(response.mid(response.indexOf("\r\n\r\n") + 4)).object();
}

inline QString errorCode(const QByteArray &response)
{
    return bodyOf(response).value(u"error").toObject().value(u"code").toString();
}

inline QByteArray loginBody(const QString &name, const QString &password = Password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("username"), name},
                                     {QStringLiteral("password"), password}})
        .toJson(QJsonDocument::Compact);
}

inline QByteArray loginRequest(const QString &name, const QByteArray &extraHeaders = {})
{
    const QByteArray body = loginBody(name);
    return "POST /api/v1/login HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" +
           extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

class TestServerLimits : public QObject
{
    Q_OBJECT

    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};

    ServerProcess &server() { return m_fixture.server(); }

    // A fresh server process on the suite's store, with `arguments` added.
    bool restart(const QStringList &arguments = {})
    {
        const bool started = m_fixture.start(arguments);
        if (!started)
            qWarning("%s", qPrintable(m_fixture.error()));
        return started;
    }

    QByteArray servicesRequest(const QByteArray &version = "HTTP/1.1",
                               const QByteArray &extraHeaders = {})
    {
        return "GET /open311/v2/services.json " + version + "\r\nHost: test\r\n" + extraHeaders +
               "\r\n";
    }

private slots:
    void initTestCase();
    void cleanupTestCase();

    // Four 256 MB bodies took the process to 2.9 GB: each was buffered whole before its 413.
    void aBodyTooLongIsRefusedFromItsHead();

    void aBodyWithoutSignInIsRefusedBeforeItIsRead();
    void chunkedBodiesAreCountedAsTheyArrive();
    void slowHeadsAndIdleConnectionsAreClosed();
    void connectionCloseAndHttp10CloseAfterTheAnswer();
    void theConnectionCapRefusesCleanly();

    // Hundreds of connections in one moment (nginx opening one per held long-poll) were dropped
    // at the SYN beyond Qt's listen backlog of 50: nginx timed out connecting and answered 503.
    void aBurstOfConnectionsWaitsInTheListenQueue();

    // A hostile client filling the cap with idle sockets locked signed-in workstations out: a
    // new connection was refused at the cap whether or not it carried a valid token.
    void signedInWorkstationsAreServedAtTheCap();

    void limitsAreValidated_data();
    void limitsAreValidated();

    // Argon2id ran on the event loop: during a burst of sign-ins a 0.5 ms GET waited for all.
    void aSignInBurstDoesNotStallOtherRequests();

    void aFullSignInQueueIsA503();

    // Behind nginx the per-address limit counted the proxy: a whole centre refused.
    void forwardedForIsBelievedOnlyFromTrustedProxies();

    void signInsAreLimitedPerAccount();
};

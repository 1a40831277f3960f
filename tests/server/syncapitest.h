#pragma once

// The base of the sync API suites (tst_syncapiauth, tst_syncapipush, tst_syncapihostile): the
// real civicdesk-server, on SQLite or PostgreSQL (CIVICDESK_TEST_BACKEND), with the fixture city
// and one signed-in user per role, and the events and requests the suites send it.

#include "models/accounts/accountstore.h"
#include "models/domain/eventjson.h"
#include "tests/support/jsonschema.h"
#include "tests/support/permissionmatrix.h"
#include "tests/support/serverfixture.h"
#include "tests/support/teststore.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QUuid>

namespace civicdesk::test {

inline QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Events from the test device T3ST2.
inline QJsonObject makeEvent(const QString &actor, const QString &entityType,
                             const QString &entityId, const QString &kind,
                             const QJsonObject &payload, const QString &id = uuid())
{
    return syncEvent(actor, entityType, entityId, kind, payload, QStringLiteral("T3ST2"), id);
}

inline QJsonObject requestCreated(const QString &actor, const QString &number,
                                  const QString &id = uuid())
{
    return requestCreatedEvent(actor, number, QStringLiteral("T3ST2"), id);
}

inline QJsonDocument batch(const QJsonArray &events)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("events"), events}});
}

inline QString errorCode(const ServerProcess::Reply &r)
{
    return r.json().object().value(u"error").toObject().value(u"code").toString();
}

class SyncApiTest : public QObject
{
protected:
    test::ServerFixture m_fixture{QStringLiteral(CIVICDESK_SERVER)};
    QHash<QString, QString> m_tokens; // role -> token of a user with that role
    int m_numbers = 0;

    ServerProcess &server() { return m_fixture.server(); }

    QString nextNumber() { return QStringLiteral("T%1").arg(++m_numbers, 9, 10, QLatin1Char('0')); }

    ServerProcess::Reply push(const QJsonArray &events, const QString &role)
    {
        return server().postJson(QStringLiteral("/api/v1/events"), batch(events),
                                 m_tokens.value(role));
    }

    qint64 lastSeq() { return server().lastSeq(m_tokens.value(QStringLiteral("admin"))); }

    void verifyError(const ServerProcess::Reply &r, int status, const QString &code)
    {
        QCOMPARE(r.status, status);
        QCOMPARE(errorCode(r), code);
        const QStringList problems =
            test::validateJson(r.json().object(), test::loadSchema(QStringLiteral("sync-error")));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    // The server with the fixture city and one signed-in user per role (u_<role>).
    void startServer()
    {
        const QStringList roles{QStringLiteral("call_taker"), QStringLiteral("lobby"),
                                QStringLiteral("supervisor"), QStringLiteral("trainer"),
                                QStringLiteral("editor"),     QStringLiteral("admin")};
        QList<test::ServerUser> users;
        QStringList names;
        for (const QString &role : roles) {
            users.append({u"u_" + role, role});
            names.append(u"u_" + role);
        }
        QVERIFY2(m_fixture.setUp(users, test::ServerFixture::City::Mini, names),
                 qPrintable(m_fixture.error()));
        for (const QString &role : roles)
            m_tokens.insert(role, m_fixture.token(u"u_" + role));
    }
};

} // namespace civicdesk::test

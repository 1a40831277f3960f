#pragma once

// A headless workstation for sync tests: a temporary store, its event log, and a sync engine
// on a given network. Events are made the way intake makes them.

#include "models/domain/event.h"
#include "models/domain/eventjson.h"
#include "models/domain/permissions/agentrole.h"
#include "models/store/eventstore.h"
#include "models/sync/syncclient.h"
#include "models/sync/syncengine.h"
#include "models/sync/syncstore.h"
#include "tests/support/teststore.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSqlQuery>
#include <QTest>
#include <memory>
#include <optional>

namespace civicdesk::test {

class SyncWorkstation
{
public:
    SyncWorkstation(QNetworkAccessManager &network, const QUrl &server,
                    const QString &device = QStringLiteral("K7M2A"),
                    const QString &actor = QStringLiteral("ana"),
                    TempStore::Content content = TempStore::Empty)
        : m_network(network), m_server(server), m_device(device), m_actor(actor), m_store(content)
    {
        build();
    }

    Database &db() { return m_store.db(); }
    EventStore &events() { return *m_events; }
    SyncClient &client() { return *m_client; }
    SyncEngine &engine() { return *m_engine; }
    SyncStore &sync() { return m_engine->store(); }
    QString device() const { return m_device; }
    QString actor() const { return m_actor; }

    // Closes and reopens the store and makes a new engine, as a restart of the process would.
    void restart()
    {
        m_engine.reset();
        m_client.reset();
        m_events.reset();
        m_store.reopen();
        build();
    }

    Event make(const QString &entityId, const QString &kind, const QJsonObject &payload) const
    {
        return Event::make(QStringLiteral("request"), entityId, kind, payload, m_actor, m_device,
                           QDateTime::currentDateTimeUtc());
    }

    // A new request on this workstation; returns its entity id.
    QString createRequest(const QString &description)
    {
        const QString id = Event::newId();
        static int counter = 0;
        const Event e =
            make(id, QStringLiteral("request.created"),
                 {{QStringLiteral("number"), QStringLiteral("%1-%2").arg(m_device).arg(++counter)},
                  {QStringLiteral("type_name"), QStringLiteral("Pothole")},
                  {QStringLiteral("description"), description}});
        if (!m_events->append(e))
            qFatal("append failed");
        return id;
    }

    Event changeDescription(const QString &requestId, const QString &before, const QString &after)
    {
        const Event e = make(requestId, QStringLiteral("request.field_changed"),
                             {{QStringLiteral("field"), QStringLiteral("description")},
                              {QStringLiteral("before"), before},
                              {QStringLiteral("after"), after}});
        if (!m_events->append(e))
            qFatal("append failed");
        return e;
    }

    QString description(const QString &requestId)
    {
        QSqlQuery q(QSqlDatabase::database(db().connectionName()));
        q.prepare(QStringLiteral("SELECT description FROM requests WHERE id = ?"));
        q.addBindValue(requestId);
        if (!q.exec() || !q.next())
            return QStringLiteral("<missing>");
        return q.value(0).toString();
    }

    qint64 scalar(const QString &statement, const QVariantList &values = {})
    {
        return test::scalar(db(), statement, values);
    }

    qint64 requestCount() { return scalar(QStringLiteral("SELECT count(*) FROM requests")); }

private:
    void build()
    {
        m_events = std::make_unique<EventStore>(m_store.db());
        m_client = std::make_unique<SyncClient>(m_network, m_server);
        m_engine = std::make_unique<SyncEngine>(m_store.db(), *m_client);
    }

    QNetworkAccessManager &m_network;
    QUrl m_server;
    QString m_device;
    QString m_actor;
    TempStore m_store;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<SyncEngine> m_engine;
};

// Signs `ws` in to its server as its actor with `password`: false, with the reason in `error`,
// when the server refuses or does not answer in 10 s.
inline bool signIn(SyncWorkstation &ws, const QString &password, QString *error = nullptr)
{
    std::optional<Result<LoginResult>> answer;
    ws.client().login(ws.actor(), password, ws.device(),
                      [&answer](Result<LoginResult> r) { answer = std::move(r); });
    QString why;
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, 10000))
        why = QStringLiteral("no answer to the sign-in in 10 s");
    else if (!*answer)
        why = answer->error().message;
    if (error)
        *error = why;
    return why.isEmpty();
}

// A workstation on `network` (one each, so that each can go offline alone) for the server at
// `server`, long polls of 5 s, signed in as `actor`; null, with the reason in `error`, when the
// sign-in fails. Its sync engine is not started.
inline std::unique_ptr<SyncWorkstation>
signedInWorkstation(QNetworkAccessManager &network, const QString &server, const QString &device,
                    const QString &actor, const QString &password, QString *error,
                    TempStore::Content content = TempStore::Empty)
{
    auto ws = std::make_unique<SyncWorkstation>(network, QUrl(server), device, actor, content);
    ws->engine().setLongPollSeconds(5);
    if (!signIn(*ws, password, error))
        return nullptr;
    return ws;
}

// The same, checking its own events as `role` does, its engine started (long polls of
// `longPollSeconds`); nullptr when the sign-in fails. With the mini city, the store's device
// code is `device`, so the events its windows make say the device that signed in.
inline std::unique_ptr<SyncWorkstation>
signedInWorkstation(QNetworkAccessManager &network, const QUrl &server, const QString &device,
                    const QString &actor, const QString &password, AgentRole role,
                    int longPollSeconds = 5, TempStore::Content content = TempStore::Empty)
{
    auto ws =
        signedInWorkstation(network, server.toString(), device, actor, password, nullptr, content);
    if (ws && content == TempStore::MiniCity &&
        !ws->db().setMeta(QStringLiteral("device_code"), device))
        return nullptr;
    if (!ws)
        return nullptr;
    ws->engine().setLongPollSeconds(longPollSeconds);
    ws->events().setRole(role);
    ws->engine().start();
    return ws;
}

// Offline = every connection refused (an unreachable proxy), as when the cable is out; back
// online, the engine is told at once.
inline void setOnline(QNetworkAccessManager &network, SyncWorkstation &ws, bool online)
{
    network.setProxy(online
                         ? QNetworkProxy(QNetworkProxy::NoProxy)
                         : QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 1));
    if (online)
        ws.engine().notifyReconnected();
}

} // namespace civicdesk::test

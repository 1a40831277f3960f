#pragma once

#include "models/domain/event.h"
#include "models/domain/result.h"
#include "models/sync/syncstore.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace civicdesk {

// Error codes of SyncClient calls (Error::code):
//   "network"   no connection (refused, reset, DNS, offline)
//   "timeout"   no complete answer in time
//   "server"    5xx: the store failed, nothing was written
//   "protocol"  an answer that is not the JSON the API promises (truncated, wrong shape)
//   "throttled" 429 (Error::message carries the server's text)
//   "auth"      401: no, unknown or expired token, or a wrong password
//   "too_large" 413: the batch must be smaller
//   "http"      any other refusal (400, 403, 404, 405, 409)
namespace syncerror {
bool isTransient(const Error &error); // worth retrying after a backoff
} // namespace syncerror

struct LoginResult
{
    QString token;
    QDateTime expiresAt;
    QString name;
    QString role;
};

struct PushResult
{
    QList<Acknowledgement> accepted;
    QList<EventRejection> rejected;
    qint64 lastSeq = 0;
};

struct PullResult
{
    QList<SequencedEvent> events;
    qint64 lastSeq = 0;
    qint64 through = 0; // the answer covers the log up to here (events left out for this reader)
    bool more = false;
};

struct RemoteReferenceTable
{
    QString name;
    qint64 rows = 0;
};

struct RemoteReferenceIndex
{
    QString version;
    QList<RemoteReferenceTable> tables;
    QJsonObject city; // optional: the city the server describes
};

struct RemoteReferencePage
{
    QStringList columns;
    QStringList binaryColumns; // their values are base64 of the stored bytes
    QJsonArray rows;
    QJsonValue next; // null on the last page
};

// The sync API of civicdesk-server (app/server/API.md) over an injected
// QNetworkAccessManager. Every call is asynchronous and answers exactly once through its
// callback, with a value or an Error (see syncerror); calls still running when the client is
// destroyed or abort() is called are abandoned without calling back.
class SyncClient : public QObject
{
    Q_OBJECT

public:
    template <typename T> using Callback = std::function<void(Result<T>)>;

    SyncClient(QNetworkAccessManager &network, QUrl server, QObject *parent = nullptr);
    ~SyncClient() override;

    QUrl server() const { return m_server; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    // Milliseconds a call may take beyond any long-poll wait (default 30 s).
    void setTimeout(int milliseconds) { m_timeoutMs = milliseconds; }

    void login(const QString &user, const QString &password, const QString &device,
               Callback<LoginResult> done);
    void logout(Callback<Ok> done);
    // Calls that may need to be abandoned alone (a long poll on a dead connection) return an
    // id for cancel().
    quint64 push(const QList<Event> &events, Callback<PushResult> done);
    // `waitSeconds` > 0 long-polls.
    quint64 pull(qint64 after, int limit, int waitSeconds, Callback<PullResult> done);
    quint64 reference(Callback<RemoteReferenceIndex> done);
    quint64 referencePage(const QString &table, const QString &after, int pageSize,
                          Callback<RemoteReferencePage> done);

    // GET /api/v1/requests?{key}={value}: requests beyond the local replica, newest first.
    void findRequests(const QString &key, const QString &value, int limit,
                      Callback<QJsonArray> done);

    // Abandons one call (no callback).
    void cancel(quint64 call);
    // Abandons every call in flight (no callbacks).
    void abort();
    int callsInFlight() const { return int(m_inFlight.size()); }

    // How long the server asked to be left alone, counted from now, by the answer last received:
    // a 503 (the store unreachable or busy) or a 429 with Retry-After in seconds (at most 300);
    // 0 when that answer did not ask. Read it in a failed call's callback.
    int retryAfterMs() const;

private:
    using JsonCallback = std::function<void(Result<QJsonObject>)>;
    quint64 send(const QByteArray &method, const QString &path, const QJsonObject *body,
                 int extraTimeoutMs, JsonCallback done);
    QUrl url(const QString &path) const;

    QNetworkAccessManager &m_network;
    QUrl m_server;
    QString m_token;
    int m_timeoutMs = 30000;
    QHash<quint64, QPointer<QNetworkReply>> m_inFlight;
    quint64 m_nextCall = 1;
    QDeadlineTimer m_notBefore; // from the last answer's Retry-After
};

} // namespace civicdesk

#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QSslCertificate>
#include <QSslSocket>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>

namespace civicdesk::test {

// One HTTPS keep-alive connection to nginx from the loopback address `local`, one request at a
// time; a connection that breaks is opened anew for the next request.
class NginxChannel
{
public:
    using Done = std::function<void(const QByteArray &response)>;

    NginxChannel(quint16 port, QSslCertificate certificate, QHostAddress local);
    ~NginxChannel();
    NginxChannel(const NginxChannel &) = delete;
    NginxChannel &operator=(const NginxChannel &) = delete;

    // Sends `request`; `done` gets the whole response, or an empty one when the connection broke
    // or no whole response came within `ms`.
    void send(const QByteArray &request, int ms, Done done);

private:
    void open();
    void drop();
    void finish(const QByteArray &response);

    quint16 m_port;
    QSslCertificate m_certificate;
    QHostAddress m_local;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_pending; // written once the connection is encrypted
    QByteArray m_in;
    QTimer m_timeout;
    Done m_done;
};

// A workstation syncing through nginx the way the sync engine does: pushes one batch at a time
// and long-polls on a connection of its own; a request whose connection breaks, that times out
// or that nginx answers 502/503/504 is sent again unchanged after its Retry-After (pushes are
// idempotent by event id, a pull keeps its cursor). It records what it was told: the sequence
// number of every event of its own that was acknowledged, and every event the long-polls
// delivered, in the order they arrived.
class NginxWorkstation
{
public:
    NginxWorkstation(quint16 port, const QSslCertificate &certificate, const QHostAddress &local,
                     QByteArray token);

    QByteArray token() const { return m_token; }
    // Long-polls (wait 20 s) from after `after` until stopPolling().
    void startPolling(qint64 after);
    void stopPolling() { m_polling = false; }
    // Pushes `events` one batch of one after the other, each after the last was acknowledged.
    void push(const QList<QJsonObject> &events);
    bool pushesDone() const { return m_next >= m_toPush.size(); }

    // Event id -> the sequence number the store acknowledged it with.
    const QHash<QString, qint64> &acknowledged() const { return m_acknowledged; }
    // (seq, event id) of every event delivered by a pull, in arrival order.
    const QList<std::pair<qint64, QString>> &received() const { return m_received; }
    bool hasReceived(const QString &id) const { return m_receivedIds.contains(id); }
    // Requests sent again after a broken connection or a 502/503/504.
    int resentPushes() const { return m_resentPushes; }
    int resentPulls() const { return m_resentPulls; }
    // Anything else that went wrong: answers no workstation should get, refused events.
    const QStringList &problems() const { return m_problems; }

private:
    void poll();
    void pushNext();
    // Whether `response` is a failure to send again; if so, counts it in `*count` and calls
    // `send` after the answer's Retry-After.
    bool resendLater(const QByteArray &response, int *count, void (NginxWorkstation::*send)());

    NginxChannel m_pushChannel;
    NginxChannel m_pullChannel;
    QByteArray m_token;
    QObject m_context; // owns the retry timers
    bool m_polling = false;
    qint64 m_cursor = 0;
    QList<QByteArray> m_toPush;
    qsizetype m_next = 0;
    QHash<QString, qint64> m_acknowledged;
    QList<std::pair<qint64, QString>> m_received;
    QSet<QString> m_receivedIds;
    int m_resentPushes = 0;
    int m_resentPulls = 0;
    QStringList m_problems;
};

} // namespace civicdesk::test

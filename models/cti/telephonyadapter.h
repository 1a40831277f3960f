#pragma once

#include "models/cti/callevents.h"
#include "models/cti/ctiendpoint.h"
#include "models/domain/backoff.h"
#include "models/domain/clock.h"

#include <QHash>
#include <QObject>
#include <memory>

class QIODevice;
class QTimer;

namespace civicdesk {

// The desk's link to the phone: three events (a call offered, answered, ended) and four
// commands (answer, hang up, transfer, dial), whatever the phone system. The link is a stream
// (TCP or a local socket) the adapter keeps open: when it drops or is refused, the next attempt
// waits with exponential backoff, and state() says where it stands. Events are idempotent on
// the call id (a repeated "offered" is dropped) and tolerate order: an "answered" or "ended"
// the adapter never saw offered still comes through.
class TelephonyAdapter : public QObject
{
    Q_OBJECT

public:
    ~TelephonyAdapter() override;

    // The adapter for the endpoint (null for "none"), owned by the caller.
    static std::unique_ptr<TelephonyAdapter> create(const CtiEndpoint &endpoint,
                                                    const NumberingPlan &plan);

    // Opens the link and keeps it open; an adapter without an endpoint (the practice phone) has
    // no link to open and never makes a socket.
    void start();
    void stop();
    LinkState state() const { return m_state; }
    // Why the link is down (the socket's error), or "" when connected.
    QString stateDetail() const { return m_detail; }
    // Milliseconds until the next attempt while retrying.
    int retryDelayMs() const { return m_retryDelayMs; }
    const CtiEndpoint &endpoint() const { return m_endpoint; }
    // "baresip at 127.0.0.1:4444", for the status bar.
    virtual QString description() const = 0;
    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }

    virtual void answer(const QString &callId) = 0;
    virtual void hangUp(const QString &callId) = 0;
    virtual void transfer(const QString &callId, const QString &target) = 0;
    virtual void dial(const QString &number) = 0;

signals:
    void offered(const civicdesk::CallOffer &offer);
    void answered(const QString &callId, const QDateTime &at);
    void ended(const civicdesk::CallEnd &end);
    void stateChanged(civicdesk::LinkState state, const QString &detail);
    // A command the phone refused or could not be sent, in words for the agent.
    void commandFailed(const QString &message);

protected:
    TelephonyAdapter(CtiEndpoint endpoint, NumberingPlan plan, QObject *parent);

    // Writes to the link; a command while the link is down fails with a message.
    bool send(const QByteArray &bytes);
    // Consumes the complete messages at the front of `buffer`, leaving a partial one.
    virtual void received(QByteArray &buffer) = 0;
    virtual void linkUp() {}

    // Each event goes through these: duplicates dropped, a call ended unanswered is "missed".
    void reportOffered(CallOffer offer);
    void reportAnswered(const QString &callId, const QDateTime &at);
    void reportEnded(CallEnd end);

    const NumberingPlan &plan() const { return m_plan; }
    QDateTime now() const { return m_clock.now(); }
    void setState(LinkState state, const QString &detail);

private:
    void connectNow();
    void onConnected();
    void onDropped(const QString &why);

    CtiEndpoint m_endpoint;
    NumberingPlan m_plan;
    Clock m_clock;
    Backoff m_backoff{500, 30000};
    QIODevice *m_device = nullptr;
    QTimer *m_retry;
    QTimer *m_connectTimeout;
    QByteArray m_buffer;
    LinkState m_state = LinkState::Off;
    QString m_detail;
    int m_retryDelayMs = 0;
    bool m_running = false;
    // Calls seen and not ended: answered or not.
    QHash<QString, bool> m_calls;
};

} // namespace civicdesk

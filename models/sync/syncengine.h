#pragma once

#include "models/sync/syncscheduler.h"
#include "models/sync/syncstatus.h"
#include "models/sync/syncstore.h"

#include <QObject>

namespace civicdesk {

class Database;
class SyncClient;

// Pushes the outbox to the central store and pulls everyone else's events into the local
// projections, on the store and client it is handed (the network is injected through the
// client; the scheduler decides when). Pushes go in batches in local order; pulls long-poll
// and are applied in sequence order; everything it knows (outbox, cursor, last success) is in
// the store, so a restarted workstation carries on where it stopped.
class SyncEngine : public QObject
{
    Q_OBJECT

public:
    SyncEngine(Database &database, SyncClient &client, QObject *parent = nullptr);
    ~SyncEngine() override;

    SyncScheduler &scheduler() { return m_scheduler; }
    SyncStore &store() { return m_store; }

    void setBatchSize(int events) { m_batchSize = std::clamp(events, 1, 500); }
    void setPullLimit(int events) { m_pullLimit = std::clamp(events, 1, 1000); }
    void setLongPollSeconds(int seconds) { m_longPollSeconds = std::clamp(seconds, 0, 60); }

    void start();
    void stop();
    bool isRunning() const { return m_scheduler.isRunning(); }

    // The trigger for a local change (connected to the store's changes(), origin Local).
    void notifyLocalChange();
    // The network came back: retry now instead of waiting out a backoff.
    void notifyReconnected();

    SyncStatus status() const;

signals:
    void statusChanged(const civicdesk::SyncStatus &status);
    // Remote events were applied to the projections: views may refresh.
    void remoteApplied(int events);
    // The server refused the token: sign in again; sync resumes with the new token.
    void authenticationRequired();

private:
    void runPush();
    void runPull();
    void reached();
    void failed(const Error &error);
    // The Retry-After of the server's failed answer in ms (0 when it did not ask).
    int serverAskedToWait(const Error &error) const;
    void publish();

    SyncStore m_store;
    SyncClient &m_client;
    SyncScheduler m_scheduler;
    SyncStatus::Connection m_connection = SyncStatus::Connection::Connecting;
    QString m_lastError;
    int m_batchSize = 500;
    int m_pullLimit = 1000;
    int m_longPollSeconds = 25;
    bool m_pullMore = true; // catch up without waiting first
    quint64 m_pullCall = 0; // the pull in flight, if any
};

} // namespace civicdesk

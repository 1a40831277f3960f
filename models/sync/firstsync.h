#pragma once

#include "models/domain/backoff.h"
#include "models/domain/result.h"
#include "models/sync/syncclient.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace civicdesk {

class Database;

// A new workstation's first sync of the reference tables (catalogue, knowledge, layers,
// addresses), a page at a time with progress. Each page is stored with the key to resume
// after it, so an interrupted first sync (network, crash, the agent closing the window) goes
// on from the last stored page; transient failures are retried after a backoff. Requests and
// callers then arrive as events through SyncEngine (pulling from sequence 0).
class FirstSync : public QObject
{
    Q_OBJECT

public:
    FirstSync(Database &database, SyncClient &client, QObject *parent = nullptr);
    ~FirstSync() override;

    // True when the store already holds the server's reference tables.
    static bool isNeeded(Database &database);

    void setPageSize(int rows) { m_pageSize = std::clamp(rows, 1, 5000); }
    void setBackoff(Backoff backoff) { m_backoff = backoff; }

    void start();
    void cancel();

signals:
    void progress(qint64 rowsLoaded, qint64 rowsTotal, const QString &table);
    void retrying(const QString &reason, int delayMs);
    // Once: ok, or the message of the error that stopped it (sign-in needed, or an answer
    // that retrying cannot fix).
    void finished(bool ok, const QString &error);

private:
    void fetchIndex();
    void dropCalls();
    void nextPage();
    void requestPage(const QString &table, const QString &after);
    void fail(const Error &error, void (FirstSync::*retry)());
    void emitProgress(const QString &table);

    Database &m_database;
    SyncClient &m_client;
    RemoteReferenceIndex m_index;
    int m_table = 0;
    int m_pageSize = 2000;
    Backoff m_backoff{500, 30000};
    QTimer m_retry;
    bool m_running = false;
    QSet<quint64> m_calls; // pages on their way
};

} // namespace civicdesk
